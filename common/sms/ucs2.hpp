// ucs2.hpp - the UCS-2 alphabet of TS 23.038, sent as UTF-16BE so that
// characters beyond the BMP (emoji) travel as surrogate pairs, as handsets do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sms {

// UTF-16 code units a character needs: 2 for a character beyond U+FFFF.
constexpr std::size_t utf16_units(char32_t c) { return c > 0xFFFF ? 2 : 1; }

std::vector<std::uint8_t> ucs2_encode(std::u32string_view text);

// A lone surrogate becomes U+FFFD; an odd trailing octet is ignored.
std::u32string ucs2_decode(std::span<const std::uint8_t> octets);

} // namespace smsgate::sms
