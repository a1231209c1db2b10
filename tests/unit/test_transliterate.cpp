// test_transliterate.cpp - typographic characters replaced by their GSM
// 7-bit equivalents (TS 23.038 6.2.1 is the target alphabet).
#include "sms/gsm7.hpp"
#include "sms/transliterate.hpp"
#include "sms/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::sms;

namespace {

std::string transliterated(std::string_view utf8) { return utf8_encode(transliterate_to_gsm(utf8_decode(utf8))); }

struct Row {
    const char* utf8;
    const char* expected;
    const char* source;
};

void check_rows(const std::vector<Row>& rows)
{
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(transliterated(row.utf8) == row.expected);
    }
}

} // namespace

TEST_CASE("seed: a word processor's quotes, dash and ellipsis become plain GSM")
{
    std::string out = transliterated("\xE2\x80\x9CHello\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s\xE2\x80\xA6");
    CHECK(out == "\"Hello\" - it's...");
    CHECK(gsm7_length(utf8_decode(out)) == std::optional<std::size_t>(17));
}

TEST_CASE("transliteration: quotation marks, primes and accents become ' or \"")
{
    check_rows({
        {"\xE2\x80\x98x\xE2\x80\x99", "'x'", "U+2018/U+2019 single quotation marks"},
        {"\xE2\x80\x9Ax\xE2\x80\x9B", "'x'", "U+201A/U+201B low-9 and reversed-9"},
        {"\xE2\x80\x9Cx\xE2\x80\x9D", "\"x\"", "U+201C/U+201D double quotation marks"},
        {"\xE2\x80\x9Ex\xE2\x80\x9F", "\"x\"", "U+201E/U+201F low-9 and reversed-9"},
        {"\xC2\xAB" "x\xC2\xBB", "\"x\"", "U+00AB/U+00BB guillemets, not in GSM"},
        {"\xE2\x80\xB9x\xE2\x80\xBA", "'x'", "U+2039/U+203A single guillemets"},
        {"5\xE2\x80\xB2 3\xE2\x80\xB3", "5' 3\"", "U+2032/U+2033 prime and double prime"},
        {"caf\xC2\xB4", "caf'", "U+00B4 acute accent"},
        {"don\xCA\xBCt", "don't", "U+02BC modifier letter apostrophe"},
        {"2\xCB\x86" "3", "2^3", "U+02C6 modifier circumflex"},
        {"\xCB\x9C" "5", "~5", "U+02DC small tilde"},
    });
}

TEST_CASE("transliteration: hyphens, dashes and the minus sign become '-'")
{
    check_rows({
        {"a\xE2\x80\x90" "b", "a-b", "U+2010 hyphen"},
        {"a\xE2\x80\x91" "b", "a-b", "U+2011 non-breaking hyphen"},
        {"a\xE2\x80\x92" "b", "a-b", "U+2012 figure dash"},
        {"1\xE2\x80\x93" "2", "1-2", "U+2013 en dash"},
        {"a\xE2\x80\x94" "b", "a-b", "U+2014 em dash"},
        {"\xE2\x80\x95" "b", "-b", "U+2015 horizontal bar"},
        {"\xE2\x88\x92" "5", "-5", "U+2212 minus sign"},
    });
}

TEST_CASE("transliteration: the many spaces of Unicode become one space")
{
    check_rows({
        {"a\tb", "a b", "U+0009 tab"},
        {"10\xC2\xA0" "km", "10 km", "U+00A0 no-break space"},
        {"a\xE2\x80\x80" "b", "a b", "U+2000 en quad"},
        {"a\xE2\x80\x83" "b", "a b", "U+2003 em space"},
        {"1\xE2\x80\x87" "000", "1 000", "U+2007 figure space"},
        {"a\xE2\x80\x89" "b", "a b", "U+2009 thin space"},
        {"a\xE2\x80\x8A" "b", "a b", "U+200A hair space"},
        {"12\xE2\x80\xAF" "h", "12 h", "U+202F narrow no-break space"},
        {"a\xE2\x81\x9F" "b", "a b", "U+205F medium mathematical space"},
        {"a\xE3\x80\x80" "b", "a b", "U+3000 ideographic space"},
    });
}

TEST_CASE("transliteration: invisible characters are removed")
{
    check_rows({
        {"trans\xC2\xAD" "liter\xC2\xAD" "ation", "transliteration", "U+00AD soft hyphens"},
        {"a\xE2\x80\x8B" "b", "ab", "U+200B zero width space"},
        {"a\xE2\x81\xA0" "b", "ab", "U+2060 word joiner"},
        {"\xEF\xBB\xBFHello", "Hello", "U+FEFF byte order mark at the start"},
        {"\xC2\xAD", "", "nothing but a soft hyphen"},
    });
}

TEST_CASE("transliteration: symbols spelt out in GSM characters")
{
    check_rows({
        {"Wait\xE2\x80\xA6", "Wait...", "U+2026 horizontal ellipsis"},
        {"\xE2\x80\xA2 item", "* item", "U+2022 bullet"},
        {"a\xE2\x80\xA4" "b", "a.b", "U+2024 one dot leader"},
        {"Acme\xE2\x84\xA2", "AcmeTM", "U+2122 trade mark sign"},
        {"\xC2\xA9 2024", "(C) 2024", "U+00A9 copyright sign"},
        {"\xC2\xAE", "(R)", "U+00AE registered sign"},
        {"\xC2\xBD \xC2\xBC \xC2\xBE", "1/2 1/4 3/4", "U+00BD/U+00BC/U+00BE vulgar fractions"},
        {"3\xC3\x97" "4", "3x4", "U+00D7 multiplication sign"},
        {"8\xC3\xB7" "2", "8/2", "U+00F7 division sign"},
        {"1\xE2\x81\x84" "2", "1/2", "U+2044 fraction slash"},
        {"a\xC2\xA6" "b", "a|b", "U+00A6 broken bar to the extension table's bar"},
    });
}

TEST_CASE("transliteration: GSM characters are never replaced")
{
    std::u32string alphabet;
    for (unsigned s = 0; s < 128; ++s) {
        if (s == gsm7_escape)
            continue;
        std::vector<std::uint8_t> one = {static_cast<std::uint8_t>(s)};
        alphabet += gsm7_decode(one);
    }
    alphabet += U"\f^{}\\[~]|\u20AC"; // the extension table
    alphabet += U"\u00E7";            // an alias of 0x09
    CHECK(transliterate_to_gsm(alphabet) == alphabet);
}

TEST_CASE("transliteration: characters without a GSM equivalent are left as they are")
{
    check_rows({
        {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", "an emoji"},
        {"\xD0\x9F\xD1\x80\xD0\xB8", "\xD0\x9F\xD1\x80\xD0\xB8", "Cyrillic letters"},
        {"caf\xC3\xA1", "caf\xC3\xA1", "a acute: a letter, not typography"},
        {"\xEF\xBF\xBD", "\xEF\xBF\xBD", "the replacement character of bad UTF-8"},
        {"a\xE2\x80\x8D" "b", "a\xE2\x80\x8D" "b", "U+200D zero width joiner holds emoji together"},
        {"", "", "empty text"},
    });
}

TEST_CASE("transliteration: every replacement is outside GSM and every result inside it")
{
    // Walks the planes where the table's characters live; whatever changes
    // must have been outside the alphabet and must now be inside it.
    std::size_t replaced = 0;
    for (char32_t c = 1; c < 0x10000; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        std::u32string one(1, c);
        std::u32string out = transliterate_to_gsm(one);
        if (out == one)
            continue;
        ++replaced;
        CAPTURE(static_cast<unsigned>(c));
        CHECK_FALSE(gsm7_cost(c).has_value());
        CHECK(gsm7_length(out).has_value());
    }
    CHECK(replaced >= 40);
}
