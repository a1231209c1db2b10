// transliterate.cpp - typographic characters that word processors and mail
// clients put in a text, replaced by their plain GSM 7-bit equivalent
// (TS 23.038 6.2.1). Letters are never touched: "é" stays, and "á" (not in
// the alphabet) stays too, so the text then goes as UCS-2 rather than lose
// its accent. Every key below is outside the GSM alphabet and every
// replacement inside it; a unit test checks both.
#include "sms/transliterate.hpp"

#include <algorithm>
#include <array>

namespace smsgate::sms {

namespace {

struct Replacement {
    char32_t from;
    std::u32string_view to; // may be empty: the character is dropped
};

constexpr bool by_code_point(const Replacement& a, const Replacement& b) { return a.from < b.from; }

// Sorted by code point, for a binary search.
constexpr auto replacements = std::to_array<Replacement>({
    {U'\t', U" "},      // CHARACTER TABULATION
    {U'\u00A0', U" "},  // NO-BREAK SPACE
    {U'\u00A6', U"|"},  // BROKEN BAR
    {U'\u00A9', U"(C)"}, // COPYRIGHT SIGN
    {U'\u00AB', U"\""}, // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    {U'\u00AD', U""},   // SOFT HYPHEN: invisible unless a line breaks there
    {U'\u00AE', U"(R)"}, // REGISTERED SIGN
    {U'\u00B4', U"'"},  // ACUTE ACCENT
    {U'\u00BB', U"\""}, // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
    {U'\u00BC', U"1/4"}, // VULGAR FRACTION ONE QUARTER
    {U'\u00BD', U"1/2"}, // VULGAR FRACTION ONE HALF
    {U'\u00BE', U"3/4"}, // VULGAR FRACTION THREE QUARTERS
    {U'\u00D7', U"x"},  // MULTIPLICATION SIGN
    {U'\u00F7', U"/"},  // DIVISION SIGN
    {U'\u02BC', U"'"},  // MODIFIER LETTER APOSTROPHE
    {U'\u02C6', U"^"},  // MODIFIER LETTER CIRCUMFLEX ACCENT
    {U'\u02DC', U"~"},  // SMALL TILDE
    {U'\u2000', U" "},  // EN QUAD
    {U'\u2001', U" "},  // EM QUAD
    {U'\u2002', U" "},  // EN SPACE
    {U'\u2003', U" "},  // EM SPACE
    {U'\u2004', U" "},  // THREE-PER-EM SPACE
    {U'\u2005', U" "},  // FOUR-PER-EM SPACE
    {U'\u2006', U" "},  // SIX-PER-EM SPACE
    {U'\u2007', U" "},  // FIGURE SPACE
    {U'\u2008', U" "},  // PUNCTUATION SPACE
    {U'\u2009', U" "},  // THIN SPACE
    {U'\u200A', U" "},  // HAIR SPACE
    {U'\u200B', U""},   // ZERO WIDTH SPACE
    {U'\u2010', U"-"},  // HYPHEN
    {U'\u2011', U"-"},  // NON-BREAKING HYPHEN
    {U'\u2012', U"-"},  // FIGURE DASH
    {U'\u2013', U"-"},  // EN DASH
    {U'\u2014', U"-"},  // EM DASH
    {U'\u2015', U"-"},  // HORIZONTAL BAR
    {U'\u2018', U"'"},  // LEFT SINGLE QUOTATION MARK
    {U'\u2019', U"'"},  // RIGHT SINGLE QUOTATION MARK
    {U'\u201A', U"'"},  // SINGLE LOW-9 QUOTATION MARK
    {U'\u201B', U"'"},  // SINGLE HIGH-REVERSED-9 QUOTATION MARK
    {U'\u201C', U"\""}, // LEFT DOUBLE QUOTATION MARK
    {U'\u201D', U"\""}, // RIGHT DOUBLE QUOTATION MARK
    {U'\u201E', U"\""}, // DOUBLE LOW-9 QUOTATION MARK
    {U'\u201F', U"\""}, // DOUBLE HIGH-REVERSED-9 QUOTATION MARK
    {U'\u2022', U"*"},  // BULLET
    {U'\u2024', U"."},  // ONE DOT LEADER
    {U'\u2026', U"..."}, // HORIZONTAL ELLIPSIS
    {U'\u202F', U" "},  // NARROW NO-BREAK SPACE
    {U'\u2032', U"'"},  // PRIME
    {U'\u2033', U"\""}, // DOUBLE PRIME
    {U'\u2039', U"'"},  // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    {U'\u203A', U"'"},  // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
    {U'\u2044', U"/"},  // FRACTION SLASH
    {U'\u205F', U" "},  // MEDIUM MATHEMATICAL SPACE
    {U'\u2060', U""},   // WORD JOINER
    {U'\u2122', U"TM"}, // TRADE MARK SIGN
    {U'\u2212', U"-"},  // MINUS SIGN
    {U'\u3000', U" "},  // IDEOGRAPHIC SPACE
    {U'\uFEFF', U""},   // ZERO WIDTH NO-BREAK SPACE (a byte order mark)
});

static_assert(std::is_sorted(replacements.begin(), replacements.end(), by_code_point));
static_assert(std::adjacent_find(replacements.begin(), replacements.end(),
                                 [](const Replacement& a, const Replacement& b) { return a.from == b.from; }) ==
              replacements.end());

const Replacement* find_replacement(char32_t c)
{
    auto it = std::lower_bound(replacements.begin(), replacements.end(), Replacement{c, {}}, by_code_point);
    return it != replacements.end() && it->from == c ? &*it : nullptr;
}

} // namespace

std::u32string transliterate_to_gsm(std::u32string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (const Replacement* r = find_replacement(c))
            out.append(r->to);
        else
            out.push_back(c);
    }
    return out;
}

} // namespace smsgate::sms
