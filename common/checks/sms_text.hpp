// sms_text.hpp - the SMS text of a mail exactly as the gateway sends it:
// the [sms] template and clean-up of smsgate.conf and the sender's prefix
// from the senders table. The milter checks this text, the transport sends
// it, smsgatectl text shows it: one extraction for the three, and one
// refusal (check_text) for a mail that gives no text.
#pragma once

#include "checks/checks.hpp"
#include "config/sms_config.hpp"
#include "mail/extract.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace smsgate::checks {

mail::ExtractOptions extract_options(const config::SmsConfig& sms, const std::string& prefix);

// The SMS text of a mail, or the refusal that the milter gives at end of
// message and the transport in its exit line (refuse_text): no text, a
// body that is not text, a body nested too deep.
std::variant<mail::MailText, Verdict> check_text(std::string_view raw_mail, const config::SmsConfig& sms,
                                                 const std::string& prefix);

// The text, or the extraction's error in words (smsgatectl text).
inline Result<mail::MailText> sms_text(std::string_view raw_mail, const config::SmsConfig& sms,
                                       const std::string& prefix)
{
    return mail::extract_text(raw_mail, extract_options(sms, prefix));
}

} // namespace smsgate::checks
