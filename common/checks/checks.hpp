// checks.hpp - the policy decisions that the milter makes during the SMTP
// dialogue and the transport makes again for mail that did not pass the
// milter: may this sender send, is this a number that may receive an SMS
// from them, does the text fit. Pure: the senders table and the number
// metadata in, a decision out.
#pragma once

#include "verdict/verdict.hpp"
#include "mail/text_check.hpp"
#include "phone/number.hpp"
#include "policy/senders.hpp"
#include "sms/segment.hpp"
#include "util/result.hpp"

#include <optional>
#include <string_view>
#include <variant>

namespace smsgate::checks {

// The sender: allowed by its entry (550 5.7.1 with the entry's text, else
// "sender <x> is not allowed to send SMS"), and authenticated when the
// entry says auth=yes (530 5.7.0).
std::optional<Verdict> check_sender(const policy::SenderPolicy& policy, const policy::Query& query);

// The number in the recipient's local part: a phone number (553 5.1.3),
// valid for its country (553 5.1.3), of a type the sender may send to and
// in an allowed destination (550 5.7.1); a short code the policy allows
// is refused all the same (550 5.3.3: the modems send to E.164 numbers
// only). The number, normalised, when all is well.
std::variant<phone::PhoneNumber, Verdict> check_number(const policy::SenderPolicy& policy, std::string_view local_part,
                                                       std::string_view default_region);

// The text, as the worker will send it: no more parts than the sender may
// send (552 5.3.4, saying how many and the limit).
std::optional<Verdict> check_parts(const policy::SenderPolicy& policy, const sms::TextPlan& plan);

// Why a mail gives no SMS text, as both programs refuse it (the one
// mapping; see checks::check_text in sms_text.hpp):
//   no header, no text            550 5.6.0 no text for an SMS in the message: ...
//   body not text (base64, UTF-8,
//   NUL, control characters)      550 5.6.0 the message body cannot be sent as an SMS: ...
//   body nested too deep          550 5.6.3 the message body cannot be sent as an SMS: ...
Verdict refuse_text(const mail::TextProblem& problem);

// The sender's quota is used up (the quota book's text): 450 4.7.1, so
// that the mail waits for the next hour.
Verdict over_quota(std::string text);

// A message larger than max_message_size: 552 5.3.4, saying both sizes.
Verdict too_large(std::size_t size, std::int64_t limit);

// An internal error (policy unreadable, ...): 451 4.3.0.
Verdict internal(const std::string& text);

} // namespace smsgate::checks
