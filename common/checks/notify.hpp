// notify.hpp - which mails about an SMS go back to its sender: the level
// from the senders table or X-SMS-Notify, and the rule that the gateway
// never answers a bounce or an automatic mail (no report about a report).
#pragma once

#include "policy/notify_level.hpp"
#include "util/words.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace smsgate::checks {

using policy::NotifyLevel;

// In the order of report_words.
enum class Report {
    network, // every part accepted by the network (+CMGS)
    handset, // every part's status report says delivered
    trying,  // a status report says the network is still trying
    failed,  // permanent failure, failed TP-ST, or expired
};

// The words of the store's reports table, of X-SMS-Report, of the mail
// keys ("job:12:handset") and of the worker's socket; these two functions
// are the only place that turns a report into its word and back.
inline constexpr std::array<std::string_view, 4> report_words = {"network", "handset", "trying", "failed"};

inline std::string_view report_word(Report report)
{
    return word_of(report_words, report);
}

inline std::optional<Report> report_from_word(std::string_view word)
{
    return value_of_word<Report>(report_words, word);
}

// Levels, as smsgate-senders(5) names them:
//   none     nothing
//   failure  failed
//   network  network, failed
//   handset  handset, failed
//   all      network, handset, trying, failed
// A word that names no level is read as "failure" where a level is read
// (the socket, the store): a sender is never left without word of a failed
// SMS by a typo.
bool level_wants(NotifyLevel level, Report report);

// RFC 3834: the gateway never answers a bounce or an automatic mail.
// envelope_sender: the mail's MAIL FROM; empty, "<>" or MAILER-DAEMON means
// a bounce. auto_submitted: the original's Auto-Submitted header (its
// value or mail::auto_submitted_keyword of it), empty when absent; any
// keyword but "no" means an automatic mail.
bool never_answered(std::string_view envelope_sender, std::string_view auto_submitted);

// Both: the report goes out.
inline bool wants_report(NotifyLevel level, Report report, std::string_view envelope_sender,
                         std::string_view auto_submitted)
{
    return !never_answered(envelope_sender, auto_submitted) && level_wants(level, report);
}

} // namespace smsgate::checks
