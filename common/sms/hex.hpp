// hex.hpp - the hexadecimal form in which PDUs cross the AT interface.
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sms {

std::string to_hex(std::span<const std::uint8_t> octets);

// Upper or lower case; blanks (as in a pasted log) are skipped. The error
// names the first character that is not a hex digit, or an odd count.
Result<std::vector<std::uint8_t>> from_hex(std::string_view text);

} // namespace smsgate::sms
