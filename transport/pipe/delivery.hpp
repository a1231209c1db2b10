// delivery.hpp - one delivery made ready for the worker: the sender's entry
// in the senders table, the number from the recipient, the SMS text from
// the mail, each checked as the milter checks them. Pure: no socket, no
// file.
#pragma once

#include "config/sms_config.hpp"
#include "pipe/options.hpp"
#include "policy/senders.hpp"
#include "proto/requests.hpp"

#include <optional>
#include <string_view>

namespace smsgate::transport {

struct Prepared {
    // Set when the delivery ends here, without the worker.
    std::optional<proto::Outcome> refusal;
    proto::SubmitRequest request;
};

Prepared prepare(const Delivery& delivery, std::string_view mail, const config::SmsConfig& sms,
                 const policy::SendersTable& senders);

} // namespace smsgate::transport
