// utf8.cpp - UTF-8 (RFC 3629) to code points and back. A mail body is
// untrusted: every ill-formed sequence becomes U+FFFD, one per maximal
// subpart (the Unicode Standard, chapter 3, "U+FFFD Substitution of Maximal
// Subparts"), so that one bad octet never swallows the good text after it.
#include "sms/utf8.hpp"

#include <cstdint>

namespace smsgate::sms {

namespace {

bool continuation(std::uint8_t o) { return (o & 0xC0) == 0x80; }

// What a lead octet announces: the number of continuation octets, the bits
// it carries, and the range its first continuation octet must fall in. The
// narrowed ranges after E0, ED, F0 and F4 are what exclude overlong forms,
// UTF-16 surrogates and code points beyond U+10FFFF (Unicode Table 3-7).
struct Lead {
    std::size_t trail = 0;
    char32_t bits = 0;
    std::uint8_t low = 0x80;
    std::uint8_t high = 0xBF;
};

// Returns false for an octet that cannot start a sequence: a continuation
// octet, C0 and C1 (always overlong) and F5-FF (beyond U+10FFFF).
bool lead(std::uint8_t o, Lead& out)
{
    if (o >= 0xC2 && o <= 0xDF) {
        out = {1, char32_t{o} & 0x1F, 0x80, 0xBF};
        return true;
    }
    if (o >= 0xE0 && o <= 0xEF) {
        out = {2, char32_t{o} & 0x0F, o == 0xE0 ? std::uint8_t{0xA0} : std::uint8_t{0x80},
               o == 0xED ? std::uint8_t{0x9F} : std::uint8_t{0xBF}};
        return true;
    }
    if (o >= 0xF0 && o <= 0xF4) {
        out = {3, char32_t{o} & 0x07, o == 0xF0 ? std::uint8_t{0x90} : std::uint8_t{0x80},
               o == 0xF4 ? std::uint8_t{0x8F} : std::uint8_t{0xBF}};
        return true;
    }
    return false;
}

void append(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

} // namespace

std::u32string utf8_decode(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto first = static_cast<std::uint8_t>(text[i++]);
        if (first < 0x80) {
            out.push_back(first);
            continue;
        }
        Lead l;
        if (!lead(first, l)) {
            out.push_back(replacement_character);
            continue;
        }
        char32_t c = l.bits;
        std::size_t taken = 0;
        while (taken < l.trail && i < text.size()) {
            auto o = static_cast<std::uint8_t>(text[i]);
            bool fits = taken == 0 ? (o >= l.low && o <= l.high) : continuation(o);
            if (!fits)
                break; // this octet starts the next sequence, it is not consumed
            c = (c << 6) | (o & 0x3F);
            ++taken;
            ++i;
        }
        out.push_back(taken == l.trail ? c : replacement_character);
    }
    return out;
}

std::string utf8_encode(std::u32string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        bool scalar = c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
        append(out, scalar ? c : replacement_character);
    }
    return out;
}

} // namespace smsgate::sms
