// message_id.hpp - the Message-IDs the gateway gives the mails it writes
// (reports, incoming SMS), and how an answer is known to answer one of them.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// The left-hand side: "smsgate.TIME.KEY[.UNIQUE]", the key's colons as
// dots ("incoming:42" at 1700000000 -> "smsgate.1700000000.incoming.42").
std::string gateway_message_id(std::string_view key, long long now, std::string_view unique);

// Whether an msg-id (with or without its angle brackets) has the form the
// gateway writes: "smsgate.", digits, ".", a key, "@", a domain. The form
// alone decides: an answer to another gateway's mail is one too, and a
// forged one only changes which words of the sender's own mail are sent.
bool is_gateway_message_id(std::string_view id);

} // namespace smsgate::mail
