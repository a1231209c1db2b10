// ucs2.cpp - the UCS-2 user data of TS 23.038 7, read and written as
// UTF-16BE (RFC 2781): a character beyond the BMP is a surrogate pair of two
// 16-bit units, high (D800-DBFF) then low (DC00-DFFF), as handsets send emoji.
#include "sms/ucs2.hpp"

#include "sms/utf8.hpp"

namespace smsgate::sms {

namespace {

bool high_surrogate(char32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool low_surrogate(char32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

void append_unit(std::vector<std::uint8_t>& out, char32_t unit)
{
    out.push_back(static_cast<std::uint8_t>(unit >> 8));
    out.push_back(static_cast<std::uint8_t>(unit & 0xFF));
}

} // namespace

std::vector<std::uint8_t> ucs2_encode(std::u32string_view text)
{
    std::vector<std::uint8_t> out;
    out.reserve(text.size() * 2);
    for (char32_t c : text) {
        // A surrogate code point or a value beyond Unicode has no UTF-16 form.
        if (c > 0x10FFFF || high_surrogate(c) || low_surrogate(c))
            c = replacement_character;
        if (c > 0xFFFF) {
            char32_t v = c - 0x10000;
            append_unit(out, 0xD800 | (v >> 10));
            append_unit(out, 0xDC00 | (v & 0x3FF));
        } else {
            append_unit(out, c);
        }
    }
    return out;
}

std::u32string ucs2_decode(std::span<const std::uint8_t> octets)
{
    std::u32string out;
    std::size_t units = octets.size() / 2; // an odd trailing octet is ignored
    out.reserve(units);
    auto unit = [&](std::size_t i) { return static_cast<char32_t>((octets[2 * i] << 8) | octets[2 * i + 1]); };
    for (std::size_t i = 0; i < units; ++i) {
        char32_t u = unit(i);
        if (high_surrogate(u) && i + 1 < units && low_surrogate(unit(i + 1))) {
            out.push_back(0x10000 + ((u - 0xD800) << 10) + (unit(i + 1) - 0xDC00));
            ++i;
        } else if (high_surrogate(u) || low_surrogate(u)) {
            out.push_back(replacement_character);
        } else {
            out.push_back(u);
        }
    }
    return out;
}

} // namespace smsgate::sms
