// routed_address.hpp - an envelope address in the form Postfix routes it:
// the parts of an RFC 5321 path that never change where a mail goes are
// taken off (angle brackets, a source route "@a,@b:", the quotes of a
// quoted local part, the case and the trailing dots of the domain), and a
// UUCP bang path "site!user" becomes "user@site" as Postfix's
// swap_bangpath does. Pure: no configuration, no lookups.
#pragma once

#include <string>
#include <string_view>

namespace smsgate {

struct RoutedAddress {
    std::string local;  // unquoted: "\"+32 477\"" -> "+32 477"
    std::string domain; // lower case, without trailing dots; empty when the address has none
};

RoutedAddress routed_address(std::string_view address);

// "SMS.Example.COM." -> "sms.example.com"; "[192.0.2.1]" stays as it is
// (lower case).
std::string routed_domain(std::string_view domain);

} // namespace smsgate
