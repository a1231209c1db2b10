// notify.hpp - which mails about an SMS go back to its sender: the level
// from the senders table or X-SMS-Notify, and the rule that the gateway
// never answers a bounce or an automatic mail (no report about a report).
#pragma once

#include <string_view>

namespace smsgate::checks {

enum class Report {
    network, // every part accepted by the network (+CMGS)
    handset, // every part's status report says delivered
    trying,  // a status report says the network is still trying
    failed,  // permanent failure, failed TP-ST, or expired
};

// Levels, as smsgate-senders(5) names them:
//   none     nothing
//   failure  failed
//   network  network, failed
//   handset  handset, failed
//   all      network, handset, trying, failed
// An unknown level counts as "failure": a sender is never left without
// word of a failed SMS by a typo. Case and surrounding blanks do not count.
bool level_wants(std::string_view level, Report report);

// RFC 3834: the gateway never answers a bounce or an automatic mail.
// envelope_sender: the mail's MAIL FROM; empty, "<>" or MAILER-DAEMON means
// a bounce. auto_submitted: the original's Auto-Submitted header (its
// value or mail::auto_submitted_keyword of it), empty when absent; any
// keyword but "no" means an automatic mail.
bool never_answered(std::string_view envelope_sender, std::string_view auto_submitted);

// Both: the report goes out.
inline bool wants_report(std::string_view level, Report report, std::string_view envelope_sender,
                         std::string_view auto_submitted)
{
    return !never_answered(envelope_sender, auto_submitted) && level_wants(level, report);
}

} // namespace smsgate::checks
