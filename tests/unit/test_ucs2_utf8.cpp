// test_ucs2_utf8.cpp - UTF-8 from the mail (RFC 3629, Unicode chapter 3)
// and the UCS-2 user data sent as UTF-16BE (TS 23.038 7, RFC 2781).
#include "sms/hex.hpp"
#include "sms/ucs2.hpp"
#include "sms/utf8.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace smsgate::sms;

namespace {

constexpr char32_t fffd = replacement_character;

// Code points as "U+XXXX" words, so that a failed check shows them.
std::string code_points(std::u32string_view text)
{
    std::string out;
    for (char32_t c : text) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%sU+%04X", out.empty() ? "" : " ", static_cast<unsigned>(c));
        out += buf;
    }
    return out;
}

std::vector<std::uint8_t> octets(std::string_view hex)
{
    auto parsed = from_hex(hex);
    REQUIRE(parsed.ok());
    return *parsed;
}

struct Utf8Row {
    const char* utf8;
    std::u32string text;
    const char* source;
};

} // namespace

TEST_CASE("RFC 3629: well-formed UTF-8 at every length boundary decodes and re-encodes")
{
    const std::vector<Utf8Row> rows = {
        {"", U"", "empty"},
        {"Hi!", U"Hi!", "ASCII"},
        {"\x7F", U"\u007F", "last one-octet form"},
        {"\xC2\x80", U"\u0080", "first two-octet form"},
        {"\xC3\xA9", U"\u00E9", "e acute"},
        {"\xDF\xBF", U"\u07FF", "last two-octet form"},
        {"\xE0\xA0\x80", U"\u0800", "first three-octet form"},
        {"\xE2\x82\xAC", U"\u20AC", "euro sign"},
        {"\xED\x9F\xBF", U"\uD7FF", "just below the surrogates"},
        {"\xEE\x80\x80", U"\uE000", "just above the surrogates"},
        {"\xEF\xBF\xBD", U"\uFFFD", "the replacement character itself"},
        {"\xEF\xBF\xBF", U"\uFFFF", "last three-octet form"},
        {"\xF0\x90\x80\x80", U"\U00010000", "first four-octet form"},
        {"\xF0\x9F\x98\x80", U"\U0001F600", "grinning face"},
        {"\xF4\x8F\xBF\xBF", U"\U0010FFFF", "last code point"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(code_points(utf8_decode(row.utf8)) == code_points(row.text));
        CHECK(utf8_encode(row.text) == row.utf8);
    }
}

TEST_CASE("Unicode 3.9: ill-formed UTF-8 becomes U+FFFD, one per maximal subpart")
{
    const std::vector<Utf8Row> rows = {
        {"\x80", {fffd}, "lone continuation octet"},
        {"a\xBFz", {U'a', fffd, U'z'}, "continuation octet between letters"},
        {"\xC3", {fffd}, "truncated two-octet form at the end"},
        {"\xC3(", {fffd, U'('}, "lead octet followed by ASCII"},
        {"\xE2\x82", {fffd}, "truncated three-octet form: one U+FFFD"},
        {"\xE2\x82" "A", {fffd, U'A'}, "truncated three-octet form, then ASCII"},
        {"\xF0\x9F\x98", {fffd}, "truncated four-octet form"},
        {"\xF5\x80\x80\x80", {fffd, fffd, fffd, fffd}, "F5 cannot start a sequence"},
        {"\xFE\xFF", {fffd, fffd}, "FE and FF never occur"},
        {"\xF8\x88\x80\x80\x80", {fffd, fffd, fffd, fffd, fffd}, "five-octet form of RFC 2279"},
        {"\xE2\x82\xE2\x82\xAC", {fffd, U'\u20AC'}, "a truncated form does not eat the next one"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(code_points(utf8_decode(row.utf8)) == code_points(row.text));
    }
}

TEST_CASE("RFC 3629 3: overlong encodings are rejected")
{
    const std::vector<Utf8Row> rows = {
        {"\xC0\xAF", {fffd, fffd}, "'/' in two octets"},
        {"\xC1\xBF", {fffd, fffd}, "U+007F in two octets"},
        {"\xC0\x80", {fffd, fffd}, "NUL in two octets (modified UTF-8)"},
        {"\xE0\x80\xAF", {fffd, fffd, fffd}, "'/' in three octets"},
        {"\xE0\x9F\xBF", {fffd, fffd, fffd}, "U+07FF in three octets"},
        {"\xF0\x80\x80\xAF", {fffd, fffd, fffd, fffd}, "'/' in four octets"},
        {"\xF0\x8F\xBF\xBF", {fffd, fffd, fffd, fffd}, "U+FFFF in four octets"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(code_points(utf8_decode(row.utf8)) == code_points(row.text));
    }
}

TEST_CASE("RFC 3629 3: UTF-16 surrogates and code points beyond U+10FFFF are rejected")
{
    const std::vector<Utf8Row> rows = {
        {"\xED\xA0\x80", {fffd, fffd, fffd}, "U+D800, a high surrogate (CESU-8)"},
        {"\xED\xBF\xBF", {fffd, fffd, fffd}, "U+DFFF, a low surrogate"},
        {"\xED\xA0\xBD\xED\xB8\x80", {fffd, fffd, fffd, fffd, fffd, fffd}, "U+1F600 as a CESU-8 pair"},
        {"\xF4\x90\x80\x80", {fffd, fffd, fffd, fffd}, "U+110000"},
        {"\xF7\xBF\xBF\xBF", {fffd, fffd, fffd, fffd}, "U+1FFFFF"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(code_points(utf8_decode(row.utf8)) == code_points(row.text));
    }
}

TEST_CASE("UTF-8 encoding: a value that is not a Unicode scalar becomes U+FFFD")
{
    const std::vector<Utf8Row> rows = {
        {"\xEF\xBF\xBD", {char32_t{0xD800}}, "high surrogate"},
        {"a\xEF\xBF\xBD", {U'a', char32_t{0xDFFF}}, "low surrogate"},
        {"\xEF\xBF\xBD", {char32_t{0x110000}}, "beyond U+10FFFF"},
        {"\xEF\xBF\xBD", {char32_t{0xFFFFFFFF}}, "all bits set"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(utf8_encode(row.text) == row.utf8);
    }
}

TEST_CASE("UTF-8: decoding then encoding any octet string gives well-formed UTF-8")
{
    std::string all;
    for (int i = 0; i < 256; ++i)
        all.push_back(static_cast<char>(i));
    std::string clean = utf8_encode(utf8_decode(all));
    CHECK(utf8_encode(utf8_decode(clean)) == clean);
    CHECK(utf8_decode(clean).size() == 256); // ASCII kept, every other octet one U+FFFD
}

TEST_CASE("UTF-16 units: one per BMP character, two beyond")
{
    CHECK(utf16_units(U'A') == 1);
    CHECK(utf16_units(U'\uFFFF') == 1);
    CHECK(utf16_units(U'\U00010000') == 2);
    CHECK(utf16_units(U'\U0001F600') == 2);
}

struct Ucs2Row {
    std::u32string text;
    const char* hex;
    const char* source;
};

TEST_CASE("TS 23.038 7: UCS-2 characters of the BMP are sent big-endian")
{
    const std::vector<Ucs2Row> rows = {
        {U"", "", "empty"},
        {U"A", "0041", "Latin capital A"},
        {U"\u00E9t\u00E9", "00E9007400E9", "\"ete\" with accents"},
        {U"\u20AC", "20AC", "euro sign"},
        {U"\u041F\u0440\u0438\u0432\u0435\u0442", "041F04400438043204350442", "Russian greeting"},
        {U"\uFFFD", "FFFD", "replacement character"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(to_hex(ucs2_encode(row.text)) == row.hex);
        CHECK(code_points(ucs2_decode(octets(row.hex))) == code_points(row.text));
    }
}

TEST_CASE("RFC 2781 2.1: characters beyond the BMP travel as surrogate pairs")
{
    const std::vector<Ucs2Row> rows = {
        {U"\U0001F600", "D83DDE00", "grinning face"},
        {U"\U00010000", "D800DC00", "first supplementary code point"},
        {U"\U0010FFFF", "DBFFDFFF", "last code point"},
        {U"ok \U0001F44D!", "006F006B0020D83DDC4D0021", "thumbs up inside a text"},
        {U"\U0001F1E9\U0001F1EA", "D83CDDE9D83CDDEA", "flag: two regional indicators"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(to_hex(ucs2_encode(row.text)) == row.hex);
        CHECK(code_points(ucs2_decode(octets(row.hex))) == code_points(row.text));
    }
}

TEST_CASE("UCS-2 decoding: a lone surrogate becomes U+FFFD")
{
    const std::vector<Ucs2Row> rows = {
        {{fffd}, "D83D", "high surrogate at the end"},
        {{fffd, U'A'}, "D83D0041", "high surrogate before a letter"},
        {{fffd}, "DE00", "low surrogate alone"},
        {{fffd, U'\U0001F600'}, "DE00D83DDE00", "low surrogate before a good pair"},
        {{fffd, U'\U0001F600'}, "D83DD83DDE00", "two highs: the first is alone"},
        {{fffd, fffd}, "DE00D83D", "low then high: both alone"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(code_points(ucs2_decode(octets(row.hex))) == code_points(row.text));
    }
}

TEST_CASE("UCS-2 decoding: an odd trailing octet is ignored")
{
    const std::vector<Ucs2Row> rows = {
        {U"", "00", "one octet"},
        {U"A", "004100", "a letter and half of another"},
        {U"\U0001F600", "D83DDE0000", "a pair and one octet"},
        {{fffd}, "D83DDE", "a high surrogate and half of its low one"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(code_points(ucs2_decode(octets(row.hex))) == code_points(row.text));
    }
}

TEST_CASE("UCS-2 encoding: a value that has no UTF-16 form is sent as U+FFFD")
{
    const std::vector<Ucs2Row> rows = {
        {{char32_t{0xD83D}}, "FFFD", "a surrogate code point"},
        {{U'a', char32_t{0xDC00}}, "0061FFFD", "a low surrogate code point after a letter"},
        {{char32_t{0x110000}}, "FFFD", "beyond U+10FFFF"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(to_hex(ucs2_encode(row.text)) == row.hex);
    }
}

TEST_CASE("UCS-2: text from a mail survives UTF-8 -> UTF-16BE -> UTF-8")
{
    const std::vector<const char*> rows = {
        "Gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x98\x80",
        "\xE4\xBD\xA0\xE5\xA5\xBD",
        "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xE2\x80\x94 ok",
        "a\r\nb",
    };
    for (const char* utf8 : rows) {
        CAPTURE(utf8);
        CHECK(utf8_encode(ucs2_decode(ucs2_encode(utf8_decode(utf8)))) == utf8);
    }
}
