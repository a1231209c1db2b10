// sms_text.hpp - the SMS text of a mail exactly as the gateway sends it:
// the [sms] template and clean-up of smsgate.conf and the sender's prefix
// from the senders table. The milter checks this text, the transport sends
// it, smsgatectl text shows it: one function for the three.
#pragma once

#include "config/sms_config.hpp"
#include "mail/extract.hpp"

#include <string>
#include <string_view>

namespace smsgate::checks {

mail::ExtractOptions extract_options(const config::SmsConfig& sms, const std::string& prefix);

inline Result<mail::MailText> sms_text(std::string_view raw_mail, const config::SmsConfig& sms,
                                       const std::string& prefix)
{
    return mail::extract_text(raw_mail, extract_options(sms, prefix));
}

} // namespace smsgate::checks
