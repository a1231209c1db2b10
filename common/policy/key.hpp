// key.hpp - the keys of the senders table (smsgate-senders(5)) and the one
// reading of an envelope sender that both keys and queries go through.
#pragma once

#include "policy/network.hpp"
#include "util/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace smsgate::policy {

// In the order of precedence of a lookup.
enum class KeyKind { sasl_login, address, local_part, domain, network, default_entry };

// An envelope sender as MAIL FROM gives it, with or without angle brackets,
// in lower case (ASCII): addresses compare case-insensitively, as in
// Postfix's access(5) tables. The null sender "<>" is empty.
class SenderAddress {
public:
    explicit SenderAddress(std::string_view text);

    const std::string& address() const { return address_; }
    // Before the last '@'; the whole address when it has no '@'.
    std::string_view local_part() const;
    // After the last '@'; empty when there is none.
    std::string_view domain() const;

private:
    std::string address_;
    std::size_t at_;
};

struct Key {
    KeyKind kind = KeyKind::default_entry;
    // What a lookup compares: the address, local part or domain in lower
    // case, the login as written, the network in canonical form ("10.1.2.3/32").
    std::string text;
    Network network; // kind network only
};

// One key as written in the table: "user@domain", "@domain", "user@",
// "sasl:LOGIN", an address or CIDR network, or "default".
Result<Key> parse_key(std::string_view word);

} // namespace smsgate::policy
