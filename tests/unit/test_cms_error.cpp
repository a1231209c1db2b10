// test_cms_error.cpp - +CMS ERROR classification (3GPP TS 27.005 3.2.5,
// TS 24.011 Table 8.4, TS 23.040 9.2.3.22) and the DSN each code gives.
#include "sms/cms_error.hpp"

#include <doctest/doctest.h>

#include <climits>
#include <string>
#include <string_view>
#include <vector>

using namespace smsgate::sms;

namespace {

// The permanence, written apart from the code's class digit.
enum class Permanence { temporary, permanent };
constexpr auto T = Permanence::temporary;
constexpr auto P = Permanence::permanent;

struct Expected {
    int code;
    Permanence permanence;
    bool modem_fault;
    std::string_view dsn;
};

// Written from the specifications and the design, not from the code: a
// change to the classification has to be made in both places.
const std::vector<Expected> listed_codes = {
    // TS 24.011 Table 8.4, RP-Cause
    {1, P, false, "5.1.1"},    {8, P, false, "5.7.1"},    {10, P, false, "5.7.1"},   {17, T, false, "4.4.1"},
    {21, P, false, "5.7.1"},   {22, T, false, "4.2.2"},   {27, T, false, "4.4.1"},   {28, P, false, "5.1.1"},
    {29, P, false, "5.7.1"},   {30, P, false, "5.1.1"},   {38, T, false, "4.4.1"},   {41, T, false, "4.4.1"},
    {42, T, false, "4.4.5"},   {47, T, false, "4.4.5"},   {50, P, true, "5.7.1"},    {69, P, false, "5.3.3"},
    {81, T, false, "4.4.1"},   {95, P, false, "5.6.0"},   {96, P, false, "5.6.0"},   {97, P, false, "5.6.0"},
    {98, T, false, "4.4.1"},   {99, P, false, "5.6.0"},   {111, T, false, "4.4.1"},  {127, T, false, "4.4.1"},
    // TS 23.040 9.2.3.22, TP-FCS
    {0x80, P, false, "5.3.3"}, {0x81, P, false, "5.3.3"}, {0x82, P, false, "5.3.0"}, {0x8F, P, false, "5.3.0"},
    {0x90, P, false, "5.6.1"}, {0x91, P, false, "5.6.1"}, {0x9F, P, false, "5.6.0"}, {0xA0, P, false, "5.3.0"},
    {0xA1, P, false, "5.3.3"}, {0xAF, P, false, "5.3.0"}, {0xB0, P, false, "5.3.3"}, {0xC0, T, false, "4.4.5"},
    {0xC1, P, true, "5.3.0"},  {0xC2, T, false, "4.4.1"}, {0xC3, P, false, "5.1.3"}, {0xC4, P, false, "5.7.1"},
    {0xC5, P, false, "5.3.0"}, {0xC6, P, false, "5.3.3"}, {0xC7, P, false, "5.3.3"}, {0xD0, T, true, "4.3.1"},
    {0xD1, P, true, "5.3.0"},  {0xD2, T, true, "4.3.0"},  {0xD3, T, true, "4.3.1"},  {0xD4, T, true, "4.3.0"},
    {0xD5, T, true, "4.3.0"},  {0xFF, T, false, "4.4.1"},
    // TS 27.005 3.2.5, ME/TA
    {300, T, true, "4.3.0"},   {301, T, true, "4.3.0"},   {302, T, true, "4.3.0"},   {303, P, false, "5.3.3"},
    {304, P, false, "5.6.0"},  {305, P, false, "5.6.0"},  {310, T, true, "4.3.0"},   {311, T, true, "4.3.0"},
    {312, T, true, "4.3.0"},   {313, T, true, "4.3.0"},   {314, T, true, "4.3.0"},   {315, T, true, "4.3.0"},
    {316, T, true, "4.3.0"},   {317, T, true, "4.3.0"},   {318, T, true, "4.3.0"},   {320, T, true, "4.3.0"},
    {321, P, false, "5.3.0"},  {322, T, true, "4.3.1"},   {330, T, true, "4.3.0"},   {331, T, true, "4.3.0"},
    {332, T, false, "4.4.1"},  {340, P, false, "5.3.0"},  {500, T, false, "4.3.0"},
};

bool listed(int code)
{
    for (const auto& e : listed_codes)
        if (e.code == code)
            return true;
    return false;
}

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

char class_digit(Permanence p) { return p == Permanence::permanent ? '5' : '4'; }

Permanence permanence(const CmsError& e) { return e.permanent() ? Permanence::permanent : Permanence::temporary; }

// RFC 3463: class.subject.detail, class 4 or 5 here, subject 0-7.
bool well_formed_dsn(std::string_view dsn)
{
    if (dsn.size() < 5 || dsn[1] != '.' || dsn[3] != '.')
        return false;
    if (dsn[0] != '4' && dsn[0] != '5')
        return false;
    if (dsn[2] < '0' || dsn[2] > '7')
        return false;
    for (auto c : dsn.substr(4))
        if (c < '0' || c > '9')
            return false;
    return true;
}

void check_unlisted(int code, std::string_view text_part, std::string_view dsn)
{
    CAPTURE(code);
    auto e = describe_cms_error(code);
    CHECK(e.code == code);
    CHECK(permanence(e) == Permanence::temporary);
    CHECK_FALSE(e.modem_fault);
    CHECK(e.status.str() == dsn);
    CHECK(contains(e.text, text_part));
}

} // namespace

TEST_CASE("TS 27.005 3.2.5: every listed +CMS ERROR code is classified as expected")
{
    for (const auto& x : listed_codes) {
        CAPTURE(x.code);
        auto e = describe_cms_error(x.code);
        CHECK(e.code == x.code);
        CHECK(permanence(e) == x.permanence);
        CHECK(e.modem_fault == x.modem_fault);
        CHECK(e.status.str() == x.dsn);
        CHECK(x.dsn[0] == class_digit(x.permanence));
        CHECK_FALSE(e.text.empty());
    }
}

TEST_CASE("TS 27.005 3.2.5: no code is listed that the expected table misses")
{
    // Every code outside the expected table falls back to a range text, so
    // an entry added to the code without a test fails here.
    const std::vector<std::string_view> range_texts = {
        "invalid code",         "unknown network cause", "application-specific error",
        "reserved failure cause", "reserved error code", "manufacturer-specific error",
    };
    for (int code = -10; code <= 1000; ++code) {
        if (listed(code))
            continue;
        CAPTURE(code);
        auto text = describe_cms_error(code).text;
        bool from_range = false;
        for (auto t : range_texts)
            from_range = from_range || text == t;
        CHECK(from_range);
    }
}

TEST_CASE("TS 24.011 Table 8.4: the words of some RP causes")
{
    struct Words {
        int code;
        std::string_view text;
    };
    const std::vector<Words> words = {
        {1, "unassigned (unallocated) number"}, {21, "short message transfer rejected"},
        {38, "network out of order"},           {42, "congestion"},
        {50, "requested facility not subscribed"},
    };
    for (const auto& w : words) {
        CAPTURE(w.code);
        CHECK(describe_cms_error(w.code).text == w.text);
    }
}

TEST_CASE("TS 23.040 9.2.3.22 and TS 27.005 3.2.5: the words of some TP-FCS and ME codes")
{
    CHECK(describe_cms_error(0xC3).text == "invalid SME address");
    CHECK(describe_cms_error(0xD0).text == "SIM SMS storage full");
    CHECK(describe_cms_error(310).text == "SIM not inserted");
    CHECK(describe_cms_error(331).text == "no network service");
    CHECK(describe_cms_error(500).text == "unknown error");
}

TEST_CASE("TS 24.011 8.2.5.4: unknown network causes are temporary")
{
    for (int code = 0; code <= 127; ++code)
        if (!listed(code))
            check_unlisted(code, "unknown network cause", "4.4.1");
    // Near misses beside listed causes.
    check_unlisted(0, "unknown network cause", "4.4.1");
    check_unlisted(2, "unknown network cause", "4.4.1");
    check_unlisted(126, "unknown network cause", "4.4.1");
}

TEST_CASE("TS 23.040 9.2.3.22: reserved and application-specific TP-FCS are temporary")
{
    for (int code : {0x83, 0x8E, 0x92, 0x9E, 0xA2, 0xAE, 0xB1, 0xBF, 0xC8, 0xCF, 0xD6, 0xDF})
        check_unlisted(code, "reserved", "4.4.1");
    for (int code = 0xE0; code <= 0xFE; ++code)
        check_unlisted(code, "application-specific", "4.4.1");
    CHECK(describe_cms_error(0xFF).text == "unspecified error cause");
}

TEST_CASE("TS 27.005 3.2.5: reserved ME/TA codes are temporary")
{
    for (int code : {256, 299, 306, 309, 319, 323, 329, 333, 339, 341, 499, 501, 511})
        check_unlisted(code, "reserved", "4.3.0");
}

TEST_CASE("TS 27.005 3.2.5: manufacturer-specific codes from 512 are temporary")
{
    for (int code : {512, 513, 600, 1000, 65535, INT_MAX})
        check_unlisted(code, "manufacturer-specific error", "4.3.0");
}

TEST_CASE("negative +CMS ERROR codes are invalid and temporary")
{
    for (int code : {-1, -2, -10, -500, INT_MIN})
        check_unlisted(code, "invalid code", "4.3.0");
}

TEST_CASE("RFC 3463: the DSN class digit follows the permanence for codes -10..1000")
{
    for (int code = -10; code <= 1000; ++code) {
        CAPTURE(code);
        auto e = describe_cms_error(code);
        CHECK(e.code == code);
        CHECK(well_formed_dsn(e.status.str()));
        CHECK(e.status.str()[0] == class_digit(permanence(e)));
        CHECK_FALSE(e.text.empty());
        CHECK(e.text.back() != '.'); // words for a sentence, not a sentence
    }
}

TEST_CASE("design: a modem fault is never the message's fault alone")
{
    // A job whose modem is at fault moves to another modem; the codes that
    // say the number or the text is wrong must not do that.
    for (int code : {1, 28, 30, 95, 96, 0x90, 0xC3, 0xC4, 304, 305})
        CHECK_FALSE(describe_cms_error(code).modem_fault);
    for (int code : {50, 0xC1, 300, 310, 311, 330, 331})
        CHECK(describe_cms_error(code).modem_fault);
}
