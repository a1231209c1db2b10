// utf8.hpp - UTF-8 to and from code points. Invalid input is never an error:
// a malformed sequence becomes U+FFFD, as a mail reader would show it.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::sms {

inline constexpr char32_t replacement_character = U'\uFFFD';

std::u32string utf8_decode(std::string_view text);
std::string utf8_encode(std::u32string_view text);

} // namespace smsgate::sms
