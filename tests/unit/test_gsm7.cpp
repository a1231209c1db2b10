// test_gsm7.cpp - the GSM 7-bit default alphabet, its extension table and
// septet packing (3GPP TS 23.038 6.1.2.1, 6.2.1).
#include "sms/gsm7.hpp"
#include "sms/hex.hpp"
#include "sms/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::sms;

namespace {

// Text through every step a message takes: encode, pack, unpack, decode.
std::u32string round_trip(std::u32string_view text, unsigned fill_bits = 0)
{
    auto septets = gsm7_encode(text);
    REQUIRE(septets.ok());
    auto packed = pack_septets(*septets, fill_bits);
    CHECK(packed.size() == packed_octets(septets->size(), fill_bits));
    return gsm7_decode(unpack_septets(packed, septets->size(), fill_bits));
}

std::vector<std::uint8_t> septets_of(std::string_view utf8)
{
    auto septets = gsm7_encode(utf8_decode(utf8));
    REQUIRE(septets.ok());
    return *septets;
}

std::string packed_hex(std::string_view utf8, unsigned fill_bits = 0)
{
    return to_hex(pack_septets(septets_of(utf8), fill_bits));
}

struct Position {
    std::uint8_t septet;
    char32_t character;
    const char* name;
};

// TS 23.038 6.2.1.1 extension table.
const std::vector<Position> extension_characters = {
    {0x0A, U'\f', "page break as form feed"}, {0x14, U'^', "circumflex"},  {0x28, U'{', "left brace"},
    {0x29, U'}', "right brace"},              {0x2F, U'\\', "backslash"},  {0x3C, U'[', "left bracket"},
    {0x3D, U'~', "tilde"},                    {0x3E, U']', "right bracket"}, {0x40, U'|', "vertical bar"},
    {0x65, U'\u20AC', "euro sign"},
};

} // namespace

TEST_CASE("TS 23.038 6.2.1: every default-alphabet character round-trips and costs one septet")
{
    for (unsigned s = 0; s < 128; ++s) {
        if (s == gsm7_escape)
            continue;
        CAPTURE(s);
        std::vector<std::uint8_t> one = {static_cast<std::uint8_t>(s)};
        std::u32string decoded = gsm7_decode(one);
        REQUIRE(decoded.size() == 1);
        CHECK(gsm7_cost(decoded[0]) == std::optional<std::size_t>(1));
        auto encoded = gsm7_encode(decoded);
        REQUIRE(encoded.ok());
        CHECK(*encoded == one);
        CHECK(round_trip(decoded) == decoded);
    }
}

TEST_CASE("TS 23.038 6.2.1: the 127 default-alphabet characters are distinct")
{
    std::u32string seen;
    for (unsigned s = 0; s < 128; ++s) {
        if (s == gsm7_escape)
            continue;
        std::vector<std::uint8_t> one = {static_cast<std::uint8_t>(s)};
        char32_t c = gsm7_decode(one)[0];
        CAPTURE(s);
        CHECK(seen.find(c) == std::u32string::npos);
        seen.push_back(c);
    }
    CHECK(seen.size() == 127);
}

TEST_CASE("TS 23.038 6.2.1: positions where the default alphabet differs from ASCII")
{
    const std::vector<Position> rows = {
        {0x00, U'@', "commercial at"},   {0x01, U'\u00A3', "pound sign"}, {0x02, U'$', "dollar sign"},
        {0x03, U'\u00A5', "yen sign"},   {0x09, U'\u00C7', "capital C cedilla"}, {0x0A, U'\n', "line feed"},
        {0x0D, U'\r', "carriage return"}, {0x10, U'\u0394', "capital delta"}, {0x11, U'_', "low line"},
        {0x1E, U'\u00DF', "sharp s"},    {0x1F, U'\u00C9', "capital E acute"}, {0x24, U'\u00A4', "currency sign"},
        {0x40, U'\u00A1', "inverted exclamation mark"}, {0x5F, U'\u00A7', "section sign"},
        {0x60, U'\u00BF', "inverted question mark"}, {0x7F, U'\u00E0', "a grave"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.name);
        std::vector<std::uint8_t> one = {row.septet};
        CHECK(gsm7_decode(one) == std::u32string(1, row.character));
        auto encoded = gsm7_encode(std::u32string(1, row.character));
        REQUIRE(encoded.ok());
        CHECK(*encoded == one);
    }
}

TEST_CASE("TS 23.038 6.2.1.1: every extension character round-trips and costs two septets")
{
    for (const auto& row : extension_characters) {
        CAPTURE(row.name);
        std::u32string text(1, row.character);
        CHECK(gsm7_cost(row.character) == std::optional<std::size_t>(2));
        auto encoded = gsm7_encode(text);
        REQUIRE(encoded.ok());
        CHECK(*encoded == std::vector<std::uint8_t>{gsm7_escape, row.septet});
        CHECK(gsm7_decode(*encoded) == text);
        CHECK(round_trip(text) == text);
    }
}

TEST_CASE("TS 23.038 6.2.1.1: an escape to an undefined position shows the default-table character")
{
    struct Row {
        std::vector<std::uint8_t> septets;
        const char* utf8;
        const char* source;
    };
    const std::vector<Row> rows = {
        {{0x1B, 0x41}, "A", "escape + 0x41: 'A'"},
        {{0x1B, 0x00}, "@", "escape + 0x00: '@'"},
        {{0x1B, 0x0D}, "\r", "escape + 0x0D (CR2): CR"},
        {{0x1B, 0x61, 0x62}, "ab", "escape + 'a', then 'b'"},
        {{0x1B, 0x1B}, " ", "escape + escape: reserved, a space"},
        {{0x41, 0x1B}, "A ", "lone escape at the end: a space"},
        {{0x1B}, " ", "nothing but an escape"},
        {{0x1B, 0x65, 0x65}, "\xE2\x82\xAC" "e", "euro, then the plain 'e' it replaces"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(utf8_encode(gsm7_decode(row.septets)) == row.utf8);
    }
}

TEST_CASE("TS 23.038 6.2.1: septet values above 0x7F are read as 7-bit values")
{
    const std::vector<std::uint8_t> septets = {0xC1, 0x80, 0x9B, 0xE5};
    CHECK(utf8_encode(gsm7_decode(septets)) == "A@\xE2\x82\xAC");
}

TEST_CASE("GSM 7-bit encoding: aliases a mail may contain")
{
    struct Row {
        const char* utf8;
        std::vector<std::uint8_t> septets;
        const char* decoded;
        const char* source;
    };
    const std::vector<Row> rows = {
        {"\xC3\xA7", {0x09}, "\xC3\x87", "small c cedilla is sent as 0x09, read back as capital"},
        {"\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91", {0x41, 0x19, 0x48, 0x4E, 0x41}, "A\xCE\x98HNA",
         "Greek capitals of Latin shape go as the Latin letter"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        CHECK(septets_of(row.utf8) == row.septets);
        CHECK(utf8_encode(gsm7_decode(row.septets)) == row.decoded);
    }
}

TEST_CASE("GSM 7-bit near misses: characters that look like the alphabet but are not in it")
{
    struct Row {
        char32_t c;
        const char* name;
    };
    const std::vector<Row> rows = {
        {U'`', "grave accent (0x60 is inverted question mark)"},
        {U'\u00E1', "a acute (only a grave is there)"},
        {U'\u00C0', "capital A grave"},
        {U'\u00EF', "i diaeresis"},
        {U'\u00AB', "left guillemet"},
        {U'\u2019', "right single quotation mark"},
        {U'\t', "tab"},
        {U'\u00A0', "no-break space"},
        {U'\u03B1', "small alpha"},
        {U'\U0001F600', "grinning face"},
        {U'\uFFFD', "replacement character"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.name);
        CHECK_FALSE(gsm7_cost(row.c).has_value());
    }
}

TEST_CASE("GSM 7-bit encoding: the error names the first character outside the alphabet")
{
    struct Row {
        const char* utf8;
        const char* message;
    };
    const std::vector<Row> rows = {
        {"a\xF0\x9F\x98\x80", "U+1F600 at position 1 is not in the GSM 7-bit alphabet"},
        {"na\xC3\xAFve caf\xC3\xA1", "U+00EF at position 2 is not in the GSM 7-bit alphabet"},
        {"\t", "U+0009 at position 0 is not in the GSM 7-bit alphabet"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.utf8);
        auto encoded = gsm7_encode(utf8_decode(row.utf8));
        REQUIRE_FALSE(encoded.ok());
        CHECK(encoded.error().field == "text");
        CHECK(encoded.error().message == row.message);
    }
}

TEST_CASE("GSM 7-bit length: septets of a whole text")
{
    struct Row {
        const char* utf8;
        std::optional<std::size_t> septets;
    };
    const std::vector<Row> rows = {
        {"", 0},
        {"hello", 5},
        {"{x}", 5},
        {"\xE2\x82\xAC" "5", 3},
        {"a\r\nb", 4},
        {"\xC3\xA7" "a", 2},
        {"price \xC2\xAB" "5\xC2\xBB", std::nullopt},
        {"\xF0\x9F\x98\x80", std::nullopt},
    };
    for (const auto& row : rows) {
        CAPTURE(row.utf8);
        CHECK(gsm7_length(utf8_decode(row.utf8)) == row.septets);
    }
}

TEST_CASE("seed: short texts pack to the octets a modem sends")
{
    struct Row {
        const char* text;
        const char* hex;
    };
    const std::vector<Row> rows = {
        {"PS test", "D029885E9ED301"},
        {"Ok test", "CF35885E9ED301"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CHECK(packed_hex(row.text) == row.hex);
        auto octets = from_hex(row.hex);
        REQUIRE(octets.ok());
        CHECK(utf8_encode(gsm7_decode(unpack_septets(*octets, 7))) == row.text);
    }
}

TEST_CASE("TS 23.038 6.1.2.1.1 example: \"hellohello\" packs to nine octets")
{
    CHECK(packed_hex("hellohello") == "E8329BFD4697D9EC37");
    auto octets = from_hex("E8329BFD4697D9EC37");
    REQUIRE(octets.ok());
    CHECK(utf8_encode(gsm7_decode(unpack_septets(*octets, 10))) == "hellohello");
}

TEST_CASE("TS 23.040 9.2.3.24: fill bits before the first septet")
{
    struct Row {
        const char* text;
        unsigned fill;
        const char* hex;
    };
    const std::vector<Row> rows = {
        {"a", 1, "C2"},
        {"A", 6, "4010"},
        {"a", 2, "8401"},
        {"@", 3, "0000"},
        {"hellohello", 1, "D06536FB8D2EB3D96F"}, // after a 6-octet concatenation header
        {"PS test", 6, "00740AA297E774"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CAPTURE(row.fill);
        CHECK(packed_hex(row.text, row.fill) == row.hex);
        auto octets = from_hex(row.hex);
        REQUIRE(octets.ok());
        auto count = septets_of(row.text).size();
        CHECK(utf8_encode(gsm7_decode(unpack_septets(*octets, count, row.fill))) == row.text);
    }
}

TEST_CASE("TS 23.038 6.1.2.1.1: packing with fill bits 0 to 6 round-trips")
{
    const std::vector<std::u32string> texts = {
        U"", U"x", U"PS test", U"hellohello", U"12345678", U"{[|\u20AC|]}", U"\u00C7a va? \u00C5ngstr\u00F6m \u0394\u03A9",
        U"The quick brown fox jumps over the lazy dog 0123456789 @$_!",
    };
    for (const auto& text : texts) {
        for (unsigned fill = 0; fill <= 6; ++fill) {
            CAPTURE(utf8_encode(text));
            CAPTURE(fill);
            CHECK(round_trip(text, fill) == text);
        }
    }
}

TEST_CASE("TS 23.038 6.1.2.1.1: octets that septets occupy")
{
    struct Row {
        std::size_t count;
        unsigned fill;
        std::size_t octets;
    };
    const std::vector<Row> rows = {
        {0, 0, 0},   {1, 0, 1},   {7, 0, 7},     {8, 0, 7},     {9, 0, 8},
        {160, 0, 140}, {153, 1, 134}, {0, 6, 1}, {1, 1, 1},     {1, 2, 2},
    };
    for (const auto& row : rows) {
        CAPTURE(row.count);
        CAPTURE(row.fill);
        CHECK(packed_octets(row.count, row.fill) == row.octets);
        std::vector<std::uint8_t> septets(row.count, 0x7F);
        CHECK(pack_septets(septets, row.fill).size() == row.octets);
    }
}

TEST_CASE("TS 23.038 6.1.2.1.1: eight septets fill seven octets exactly")
{
    CHECK(packed_hex("12345678") == "31D98C56B3DD70");
    CHECK(pack_septets(std::vector<std::uint8_t>(8, 0x7F)) == std::vector<std::uint8_t>(7, 0xFF));
}

TEST_CASE("TS 23.038 6.1.2.3.1: no CR is added when the last octet has seven free bits")
{
    // Seven septets leave seven free bits: they stay zero, and a reader that
    // counted octets instead of septets would see an eighth septet, '@'.
    auto packed = pack_septets(septets_of("PS test"));
    REQUIRE(packed.size() == 7);
    CHECK(packed.back() == 0x01);
    CHECK(unpack_septets(packed, 7).size() == 7);
    CHECK(utf8_encode(gsm7_decode(unpack_septets(packed, 8))) == "PS test@");
}

TEST_CASE("TS 23.038 6.1.2.1.1: unpacking stops where the octets end")
{
    struct Row {
        std::vector<std::uint8_t> octets;
        std::size_t count;
        unsigned fill;
        std::size_t produced;
    };
    const std::vector<Row> rows = {
        {{}, 5, 0, 0},
        {{0xE8}, 5, 0, 1},
        {{0xE8, 0x32}, 3, 0, 2},
        {{0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9}, 9, 0, 8},
        {{0xC2}, 2, 1, 1},
        {{0x40}, 1, 6, 0}, // the septet would need two more bits
    };
    for (const auto& row : rows) {
        CAPTURE(row.count);
        CAPTURE(row.fill);
        CHECK(unpack_septets(row.octets, row.count, row.fill).size() == row.produced);
    }
}

TEST_CASE("TS 23.038 6.1.2.1.1: only the low seven bits of a septet value are packed")
{
    const std::vector<std::uint8_t> septets = {0xD0, 0xD3};
    const std::vector<std::uint8_t> masked = {0x50, 0x53};
    CHECK(pack_septets(septets) == pack_septets(masked));
}
