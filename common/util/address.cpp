// address.cpp - the plain-address rule shared by the mails written back,
// the [mail] section and the number map.
#include "util/address.hpp"

namespace smsgate {

std::optional<std::string> address_problem(std::string_view address)
{
    if (address.size() > 254)
        return "longer than 254 octets";
    for (unsigned char c : address) {
        if (c <= 0x20 || c == 0x7F)
            return "white space or a control character";
        if (c > 0x7F)
            return "a character outside ASCII";
        if (std::string_view("<>\"()[],;:\\").find(static_cast<char>(c)) != std::string_view::npos)
            return std::string("'") + static_cast<char>(c) + "'";
    }
    auto at = address.find('@');
    if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos)
        return "not exactly one '@'";
    if (at == 0 || at + 1 == address.size())
        return "nothing on one side of the '@'";
    return std::nullopt;
}

} // namespace smsgate
