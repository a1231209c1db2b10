// address.hpp - a mail address the gateway puts into a header it writes or
// into sendmail's argv: local@domain in printable ASCII, exactly one "@"
// with something on each side, none of the specials <>"()[],;:\ and at
// most 254 octets. Nothing in it can end a header or begin another one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smsgate {

// What is wrong with the address, in words ("not exactly one '@'", "'<'"),
// or nothing when it is a plain address.
std::optional<std::string> address_problem(std::string_view address);

inline bool is_plain_address(std::string_view address)
{
    return !address_problem(address);
}

} // namespace smsgate
