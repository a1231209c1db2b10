// address.hpp - a mail address the gateway puts into a header it writes or
// into sendmail's argv: local@domain in printable ASCII, exactly one "@"
// with something on each side, none of the specials <>"()[],;:\ and at
// most 254 octets. Nothing in it can end a header or begin another one.
#pragma once

#include "util/result.hpp"

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

// A mail address as Postfix hands it on (its internal form, the local part
// unquoted: "j d@example.com"; or already quoted, "\"j d\"@example.com"),
// in the form a header and sendmail(1)'s argv want (RFC 5322, RFC 6531):
// a local part that is not a dot-atom quoted, '"' and '\\' in it escaped
// ("\"j d\"@example.com"); UTF-8 kept as it is (SMTPUTF8). The local part
// ends at the last "@". A domain is labels of letters, digits, '-', '_'
// and UTF-8 (one trailing dot dropped), or an address literal "[...]".
//
// Errors (field "address") for what cannot be written safely: a control
// character (CR, LF, NUL, tab, DEL, C1), ill-formed UTF-8, no "@" or
// nothing on one side of it, a domain that is not one, or more than
// max_address_octets in the form written.
Result<std::string> written_address(std::string_view address);

// Long enough for any address an MTA passes on (RFC 5321 allows 254);
// short enough that the To: line stays under RFC 5322's 998 octets.
inline constexpr std::size_t max_address_octets = 900;

} // namespace smsgate
