// test_segment.cpp - choice of alphabet and cutting of a text into the parts
// of a concatenated SMS (TS 23.040 9.2.3.24.1, TS 23.038 6.2.1 and 7).
#include "sms/gsm7.hpp"
#include "sms/hex.hpp"
#include "sms/segment.hpp"
#include "sms/ucs2.hpp"
#include "sms/utf8.hpp"

#include <doctest/doctest.h>

#include <span>
#include <string>
#include <vector>

using namespace smsgate::sms;

namespace {

const std::string euro = "\xE2\x82\xAC";         // U+20AC, escape + 0x65
const std::string grinning = "\xF0\x9F\x98\x80"; // U+1F600, a surrogate pair
const std::string zhe = "\xD0\xB6";              // U+0436, UCS-2 but one unit

std::string repeat(std::string_view s, std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

std::vector<std::size_t> part_sizes(const TextPlan& plan)
{
    std::vector<std::size_t> sizes;
    for (const auto& part : split_text(plan))
        sizes.push_back(part.size());
    return sizes;
}

struct Boundary {
    std::string utf8;
    Alphabet alphabet;
    std::size_t units;
    std::size_t parts;
    const char* source;
};

void check_boundaries(const std::vector<Boundary>& rows)
{
    for (const auto& row : rows) {
        CAPTURE(row.source);
        TextPlan plan = plan_text(row.utf8);
        CHECK(plan.alphabet == row.alphabet);
        CHECK(plan.units == row.units);
        CHECK(plan.parts == row.parts);
        CHECK(split_text(plan).size() == row.parts);
    }
}

} // namespace

TEST_CASE("segment: alphabet names used in JSON and the milter header")
{
    CHECK(alphabet_name(Alphabet::gsm7) == "gsm7");
    CHECK(alphabet_name(Alphabet::eight_bit) == "8bit");
    CHECK(alphabet_name(Alphabet::ucs2) == "ucs2");
}

TEST_CASE("TS 23.040 9.2.3.24.1: GSM 7-bit part boundaries, 160 alone and 153 concatenated")
{
    check_boundaries({
        {"", Alphabet::gsm7, 0, 1, "empty text: one empty SMS"},
        {"a", Alphabet::gsm7, 1, 1, "one character"},
        {repeat("a", 160), Alphabet::gsm7, 160, 1, "160: a full single SMS"},
        {repeat("a", 161), Alphabet::gsm7, 161, 2, "161: two parts"},
        {repeat("a", 306), Alphabet::gsm7, 306, 2, "306: two full parts"},
        {repeat("a", 307), Alphabet::gsm7, 307, 3, "307: three parts"},
        {repeat("a", 459), Alphabet::gsm7, 459, 3, "459: three full parts"},
        {repeat("a", 460), Alphabet::gsm7, 460, 4, "460: four parts"},
    });
}

TEST_CASE("TS 23.040 9.2.3.24.1: UCS-2 part boundaries, 70 alone and 67 concatenated")
{
    check_boundaries({
        {zhe, Alphabet::ucs2, 2, 1, "one character"},
        {repeat(zhe, 70), Alphabet::ucs2, 140, 1, "70: a full single SMS"},
        {repeat(zhe, 71), Alphabet::ucs2, 142, 2, "71: two parts"},
        {repeat(zhe, 134), Alphabet::ucs2, 268, 2, "134: two full parts"},
        {repeat(zhe, 135), Alphabet::ucs2, 270, 3, "135: three parts"},
        {repeat(zhe, 201), Alphabet::ucs2, 402, 3, "201: three full parts"},
        {repeat(zhe, 202), Alphabet::ucs2, 404, 4, "202: four parts"},
    });
}

TEST_CASE("TS 23.038 6.2.1.1: escape pairs count two septets against the limits")
{
    check_boundaries({
        {repeat("a", 158) + euro, Alphabet::gsm7, 160, 1, "158 + euro: 160 septets, one SMS"},
        {repeat("a", 159) + euro, Alphabet::gsm7, 161, 2, "159 + euro: 161 septets, two parts"},
        {repeat(euro, 80), Alphabet::gsm7, 160, 1, "80 euro signs: 160 septets"},
        {repeat(euro, 81), Alphabet::gsm7, 162, 2, "81 euro signs: two parts"},
        {repeat("{", 153), Alphabet::gsm7, 306, 3, "153 braces: 306 septets, but 76 pairs a part"},
    });
}

TEST_CASE("TS 23.038 6.2.1.1: 159 characters ending in a euro sign fill exactly one SMS")
{
    TextPlan plan = plan_text(repeat("a", 158) + euro);
    REQUIRE(plan.text.size() == 159);
    CHECK(plan.units == 160);
    CHECK(plan.parts == 1);
    auto parts = split_text(plan);
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].size() == 160);
    CHECK(parts[0][158] == gsm7_escape);
    CHECK(parts[0][159] == 0x65);
}

TEST_CASE("TS 23.040 9.2.3.24.1: an escape pair that straddles the 153-septet boundary moves whole")
{
    TextPlan plan = plan_text(repeat("a", 152) + euro + repeat("b", 10));
    CHECK(plan.units == 164);
    CHECK(plan.parts == 2);
    auto parts = split_text(plan);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].size() == 152);
    REQUIRE(parts[1].size() == 12);
    CHECK(parts[1][0] == gsm7_escape);
    CHECK(parts[1][1] == 0x65);

    // One 'a' fewer and the pair fits at the end of the first part.
    plan = plan_text(repeat("a", 151) + euro + repeat("b", 10));
    CHECK(part_sizes(plan) == std::vector<std::size_t>{153, 10});
}

TEST_CASE("TS 23.040 9.2.3.24.1: escape pairs at every offset never split")
{
    // 'a' then braces: wherever the boundary falls, no part ends in a bare escape.
    for (std::size_t lead = 0; lead < 4; ++lead) {
        CAPTURE(lead);
        TextPlan plan = plan_text(repeat("a", lead) + repeat("}", 100));
        for (const auto& part : split_text(plan)) {
            REQUIRE_FALSE(part.empty());
            CHECK(part.back() != gsm7_escape);
            CHECK(part.size() <= concat_gsm7_septets);
        }
    }
}

TEST_CASE("RFC 2781: a surrogate pair that straddles the 67-character UCS-2 boundary moves whole")
{
    TextPlan plan = plan_text(repeat(zhe, 66) + grinning + repeat(zhe, 10));
    CHECK(plan.alphabet == Alphabet::ucs2);
    CHECK(plan.units == 156);
    CHECK(plan.parts == 2);
    auto parts = split_text(plan);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].size() == 132);
    REQUIRE(parts[1].size() == 24);
    CHECK(to_hex(std::span(parts[1]).first(4)) == "D83DDE00");

    plan = plan_text(repeat(zhe, 65) + grinning + repeat(zhe, 10));
    CHECK(part_sizes(plan) == std::vector<std::size_t>{134, 20});
}

TEST_CASE("RFC 2781: surrogate pairs count four octets against the limits")
{
    check_boundaries({
        {repeat(zhe, 68) + grinning, Alphabet::ucs2, 140, 1, "68 + emoji: 140 octets, one SMS"},
        {repeat(zhe, 69) + grinning, Alphabet::ucs2, 142, 2, "69 + emoji: two parts"},
        {repeat(grinning, 35), Alphabet::ucs2, 140, 1, "35 emoji: 140 octets"},
        {repeat(grinning, 36), Alphabet::ucs2, 144, 2, "36 emoji: two parts"},
        {repeat(grinning, 67), Alphabet::ucs2, 268, 3, "67 emoji: 33 a part, not 33.5"},
    });
}

TEST_CASE("seed: curly quotes, an en dash and an ellipsis still go in GSM 7-bit")
{
    const std::string mail = "\xE2\x80\x9CHello\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s\xE2\x80\xA6";

    TextPlan plan = plan_text(mail);
    CHECK(plan.alphabet == Alphabet::gsm7);
    CHECK(utf8_encode(plan.text) == "\"Hello\" - it's...");
    CHECK(plan.units == 17);
    CHECK(plan.parts == 1);

    TextOptions verbatim;
    verbatim.transliterate = false;
    plan = plan_text(mail, verbatim);
    CHECK(plan.alphabet == Alphabet::ucs2);
    CHECK(utf8_encode(plan.text) == mail);
    CHECK(plan.units == 30);
    CHECK(plan.parts == 1);
}

TEST_CASE("segment: one emoji keeps the whole text in UCS-2, as it was written")
{
    const std::string mail = "\xE2\x80\x9CSee you\xE2\x80\x9D " + grinning;
    TextPlan plan = plan_text(mail);
    CHECK(plan.alphabet == Alphabet::ucs2);
    CHECK(utf8_encode(plan.text) == mail); // the curly quotes stay: UCS-2 shows them
    CHECK(plan.units == 2 * 10 + 4);
    auto parts = split_text(plan);
    REQUIRE(parts.size() == 1);
    CHECK(utf8_encode(ucs2_decode(parts[0])) == mail);
}

TEST_CASE("segment: force_ucs2 sends even plain ASCII as UCS-2")
{
    TextOptions options;
    options.force_ucs2 = true;
    TextPlan plan = plan_text("Hello", options);
    CHECK(plan.alphabet == Alphabet::ucs2);
    CHECK(plan.units == 10);
    CHECK(to_hex(split_text(plan).at(0)) == "00480065006C006C006F");

    // Nor is a forced UCS-2 text transliterated.
    plan = plan_text("a\xE2\x80\x93" "b", options);
    CHECK(utf8_encode(plan.text) == "a\xE2\x80\x93" "b");

    plan = plan_text(repeat("a", 71), options);
    CHECK(plan.parts == 2);
}

TEST_CASE("segment: GSM text keeps its characters and line ends")
{
    struct Row {
        std::string utf8;
        std::size_t units;
        const char* source;
    };
    const std::vector<Row> rows = {
        {"a\r\nb", 4, "CR LF left as is: the mail layer normalises line ends"},
        {"line\nline", 9, "LF alone"},
        {"\xC3\xA7" "a va", 5, "small c cedilla as 0x09"},
        {"\xC3\x9C" "ber 5" + euro, 8, "U umlaut and euro sign"},
        {"a\tb", 3, "a tab becomes a space"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.source);
        TextPlan plan = plan_text(row.utf8);
        CHECK(plan.alphabet == Alphabet::gsm7);
        CHECK(plan.units == row.units);
    }
}

TEST_CASE("segment: invalid UTF-8 in a mail goes as U+FFFD in UCS-2")
{
    TextPlan plan = plan_text("ok \xC0\xAF");
    CHECK(plan.alphabet == Alphabet::ucs2);
    CHECK(utf8_encode(plan.text) == "ok \xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(plan.units == 10);
}

TEST_CASE("segment: the parts joined are the whole text, each within its limit")
{
    const std::vector<std::string> texts = {
        repeat("The quick brown fox. ", 30),
        repeat("[x] ", 90) + euro,
        repeat(zhe + grinning + "a", 40),
        repeat(grinning, 100),
        "short",
    };
    for (const auto& utf8 : texts) {
        TextPlan plan = plan_text(utf8);
        CAPTURE(alphabet_name(plan.alphabet));
        CAPTURE(plan.units);
        auto parts = split_text(plan);
        REQUIRE(parts.size() == plan.parts);
        std::vector<std::uint8_t> joined;
        std::size_t limit = plan.alphabet == Alphabet::gsm7 ? concat_gsm7_septets : concat_ucs2_octets;
        for (const auto& part : parts) {
            if (parts.size() > 1) {
                CHECK(part.size() <= limit);
            }
            joined.insert(joined.end(), part.begin(), part.end());
        }
        CHECK(joined.size() == plan.units);
        if (plan.alphabet == Alphabet::gsm7) {
            CHECK(gsm7_decode(joined) == plan.text);
        } else {
            CHECK(ucs2_decode(joined) == plan.text);
        }
    }
}

TEST_CASE("segment: a hand-made plan is cut too, whatever it holds")
{
    // plan_text never makes these; split_text still gives a value for them.
    TextPlan gsm;
    gsm.text = U"a\u00E1b";
    gsm.alphabet = Alphabet::gsm7;
    CHECK(split_text(gsm) == std::vector<std::vector<std::uint8_t>>{{0x61, 0x3F, 0x62}});

    TextPlan octets;
    octets.text = std::u32string(141, U'\u00FF');
    octets.alphabet = Alphabet::eight_bit;
    auto parts = split_text(octets);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].size() == concat_ucs2_octets);
    CHECK(parts[0][0] == 0xFF);
}

TEST_CASE("fuzz: the plan's text is what the handset shows, aliases included")
{
    // Found by fuzz_submit_roundtrip: Greek capital omicron is sent as 'O'.
    auto plan = plan_text("}\xCE\x9F~~", TextOptions{false, false, {}});
    CHECK(plan.alphabet == Alphabet::gsm7);
    CHECK(plan.text == U"}O~~");
    CHECK(plan.units == 7);
    auto cedilla = plan_text("\xC3\xA7" "a");
    CHECK(cedilla.alphabet == Alphabet::gsm7);
    CHECK(cedilla.text == U"\u00C7a");
}
