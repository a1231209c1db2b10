// transliterate.hpp - typographic characters that have a plain GSM 7-bit
// equivalent (curly quotes, dashes, ellipsis, no-break space, ...), so that
// one such character from a word processor does not force UCS-2 and halve the
// capacity of an SMS.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::sms {

// Replaces the characters that are not in the GSM alphabet but have an
// equivalent there; every other character is left as it is.
std::u32string transliterate_to_gsm(std::u32string_view text);

} // namespace smsgate::sms
