// delivery.hpp - one delivery from the pipe(8) transport made ready for a
// submission: the sender's entry in the senders table, the number from the
// recipient, the SMS text from the mail, each checked as the milter checks
// them. Pure: no socket, no file.
#pragma once

#include "config/sms_config.hpp"
#include "policy/senders.hpp"
#include "proto/requests.hpp"

#include <optional>
#include <string_view>

namespace smsgate::worker {

using Delivery = proto::Envelope;

struct Prepared {
    // Set when the delivery ends here, before a job is made.
    std::optional<Verdict> refusal;
    proto::SubmitRequest request;
    // The sender's quota and the key it is counted under in the quota book
    // (quota/quota_book.hpp): claimed before the job is made.
    policy::Quota quota;
    std::string quota_key;
};

// The delivery checked as checks::sms_message() checks it. `size` is the
// mail's full size when `mail` was cut short at max_message_size (unset:
// mail is whole).
Prepared prepare(const Delivery& delivery, std::string_view mail, const config::SmsConfig& sms,
                 const policy::SendersTable& senders, std::optional<std::size_t> size = std::nullopt);

} // namespace smsgate::worker
