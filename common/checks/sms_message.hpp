// sms_message.hpp - the one check of a mail as an SMS, in the order and the
// words both programs use: the sender may send, the recipient is a number
// it may send to, and the content (size, text, parts) makes an SMS it may
// send. The milter asks the sender and the number at RCPT TO (check_sender,
// check_number: it must answer each recipient there) and the content at end
// of message (sms_content); the transport asks the whole (sms_message) for
// mail that may not have met the milter. Pure.
#pragma once

#include "checks/checks.hpp"
#include "config/sms_config.hpp"
#include "mail/extract.hpp"
#include "phone/number.hpp"
#include "policy/senders.hpp"
#include "sms/segment.hpp"
#include "verdict/verdict.hpp"

#include <cstddef>
#include <string_view>
#include <variant>

namespace smsgate::checks {

// What a mail becomes: its text as the gateway sends it, and the parts it
// needs.
struct SmsContent {
    mail::MailText text;
    sms::TextPlan plan;
};

// The mail's bytes (raw_mail; may be cut short when size is over the
// limit: then it is not read) and their full size:
//   larger than max_message_size          552 5.3.4 (too_large)
//   no text, not text, nested too deep    550 5.6.x (check_text)
//   more parts than the sender may send   552 5.3.4 (check_parts)
std::variant<SmsContent, Verdict> sms_content(std::string_view raw_mail, std::size_t size,
                                              const config::SmsConfig& sms, const policy::SenderPolicy& policy);

// One delivery, whole: the sender (check_sender), the number in the
// recipient's local part (check_number), then the content (sms_content).
struct SmsMessage {
    phone::PhoneNumber number;
    SmsContent content;
};

std::variant<SmsMessage, Verdict> sms_message(const policy::SenderPolicy& policy, const policy::Query& sender,
                                              std::string_view local_part, std::string_view raw_mail,
                                              std::size_t size, const config::SmsConfig& sms);

} // namespace smsgate::checks
