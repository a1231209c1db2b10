// Encoding SMS-SUBMIT PDUs for AT+CMGS (TS 23.040 9.2.2.2), checked against
// the seed and by decoding what was encoded.
#include "sms/hex.hpp"
#include "sms/submit.hpp"
#include "sms/validity.hpp"

#include <doctest/doctest.h>

using namespace smsgate::sms;

namespace {

std::vector<SubmitPart> encoded(const std::string& to, const std::string& text, const SubmitOptions& options,
                                std::uint8_t reference = 0)
{
    auto parts = encode_submit(to, text, options, reference);
    REQUIRE_MESSAGE(parts.ok(), (parts.ok() ? "" : parts.error().what()));
    return std::move(parts).value();
}

Pdu decoded(const SubmitPart& part)
{
    auto pdu = decode_pdu(part.octets);
    REQUIRE(pdu.ok());
    return std::move(pdu).value();
}

SubmitOptions seed_options()
{
    SubmitOptions o;
    o.smsc = "+32475161616";
    o.status_report = true;
    o.validity_minutes = 1440;
    return o;
}

} // namespace

TEST_CASE("seed: SMS Comfort AT+CMGS=21 for \"PS test\" to +32477324847")
{
    auto parts = encoded("+32477324847", "PS test", seed_options());
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].tpdu_length == 21);
    CHECK(parts[0].hex() == "07912374151616F631000B912374374248F70000A707D029885E9ED301");
}

TEST_CASE("TS 27.005 3.5.1: without an SMSC the PDU starts with 00 and the length is unchanged")
{
    auto o = seed_options();
    o.smsc.clear();
    auto parts = encoded("+32477324847", "PS test", o);
    CHECK(parts[0].tpdu_length == 21);
    CHECK(parts[0].hex() == "0031000B912374374248F70000A707D029885E9ED301");
}

TEST_CASE("TS 23.040 9.1.2.5: type of address for international, national, short and alphanumeric")
{
    struct Row {
        const char* to;
        std::uint8_t toa;
        const char* display;
    };
    const Row rows[] = {
        {"+32477324847", 0x91, "+32477324847"}, {"0477324847", 0x81, "0477324847"},
        {"8500", 0x81, "8500"},                 {"*100#", 0x81, "*100#"},
        {"Acme", 0xD0, "Acme"},                 {"Info-Line", 0xD0, "Info-Line"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.to);
        auto pdu = decoded(encoded(row.to, "x", {})[0]);
        CHECK(pdu.number.toa == row.toa);
        CHECK(pdu.number.display() == row.display);
    }
}

TEST_CASE("bad destinations and SMSCs are refused with a reason")
{
    struct Row {
        const char* to;
        const char* smsc;
        const char* field;
    };
    const Row rows[] = {
        {"", "", "address"},
        {"+", "", "address"},
        {"+3247x", "", "address"},
        {"+123456789012345678901", "", "address"},
        {"123456789012345678901", "", "address"},
        {"ThisNameIsTooLong", "", "address"},
        {"\xE4\xB8\xAD\xE6\x96\x87", "", "address"}, // not GSM 7-bit
        {"+32477324847", "Acme", "SMSC"},
        {"+32477324847", "+32x", "SMSC"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.to);
        SubmitOptions o;
        o.smsc = row.smsc;
        auto r = encode_submit(row.to, "x", o);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == std::string(row.field));
    }
}

TEST_CASE("TS 23.040 9.2.3.12.1: every relative validity range boundary")
{
    struct Row {
        std::uint8_t vp;
        long minutes;
    };
    const Row rows[] = {
        {0, 5},           {1, 10},          {143, 720},        {144, 750},       {166, 1410},
        {167, 1440},      {168, 2 * 1440},  {169, 3 * 1440},   {196, 30 * 1440}, {197, 5 * 7 * 1440},
        {198, 6 * 7 * 1440}, {255, 63 * 7 * 1440},
    };
    for (const auto& row : rows) {
        CAPTURE(int(row.vp));
        CHECK(relative_vp_minutes(row.vp) == row.minutes);
        CHECK(relative_vp_from_minutes(row.minutes) == row.vp);
    }
}

TEST_CASE("TS 23.040 9.2.3.12.1: minutes between steps round up to the next step")
{
    struct Row {
        long minutes;
        std::uint8_t vp;
    };
    const Row rows[] = {
        {-5, 0},   {0, 0},     {1, 0},          {6, 1},           {721, 144},     {1441, 168},
        {2881, 169}, {30 * 1440 + 1, 197}, {63L * 7 * 1440 + 1, 255}, {10'000'000, 255},
    };
    for (const auto& row : rows) {
        CAPTURE(row.minutes);
        CHECK(relative_vp_from_minutes(row.minutes) == row.vp);
    }
}

TEST_CASE("TS 23.040 9.2.3.12.1: every TP-VP value survives minutes and back")
{
    for (int vp = 0; vp <= 255; ++vp) {
        CAPTURE(vp);
        auto v = static_cast<std::uint8_t>(vp);
        CHECK(relative_vp_from_minutes(relative_vp_minutes(v)) == v);
        if (vp > 0)
            CHECK(relative_vp_minutes(v) > relative_vp_minutes(static_cast<std::uint8_t>(vp - 1)));
    }
}

TEST_CASE("SMS-SUBMIT options: no TP-VP, TP-RD, message class, status report")
{
    SubmitOptions o;
    o.reject_duplicates = true;
    o.message_class = 0;
    auto pdu = decoded(encoded("+32477324847", "flash", o)[0]);
    CHECK(pdu.vp.format == ValidityPeriod::Format::none);
    CHECK(pdu.reject_duplicates);
    CHECK_FALSE(pdu.report_request);
    CHECK(pdu.dcs->raw == 0x10);
    CHECK(pdu.dcs->message_class == 0);
    CHECK(pdu.text == "flash");

    o.message_class = 4;
    CHECK_FALSE(encode_submit("+32477324847", "x", o).ok());
    SubmitOptions zero_vp;
    zero_vp.validity_minutes = 0;
    CHECK_FALSE(encode_submit("+32477324847", "x", zero_vp).ok());
}

TEST_CASE("concatenation: a 400-character text is three parts that reassemble to the text")
{
    std::string text;
    for (int i = 0; text.size() < 400; ++i)
        text += "word" + std::to_string(i) + " ";
    text.resize(400);
    auto parts = encoded("+32477324847", text, seed_options(), 0x42);
    REQUIRE(parts.size() == 3);
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto pdu = decoded(parts[i]);
        CHECK(parts[i].tpdu_length == parts[i].octets.size() - 8);
        REQUIRE(pdu.concat);
        CHECK(pdu.concat->ref == 0x42);
        CHECK(pdu.concat->total == 3);
        CHECK(pdu.concat->seq == i + 1);
        CHECK(pdu.udhi);
        CHECK(pdu.report_request);
        joined += pdu.text;
    }
    CHECK(joined == text);
    CHECK(decoded(parts[0]).text.size() == 153);
}

TEST_CASE("concatenation: an emoji text goes as UCS-2 and reassembles")
{
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "ok \xF0\x9F\x98\x80 "; // "ok 😀 " is 6 UTF-16 units
    auto parts = encoded("+32477324847", text, {});
    REQUIRE(parts.size() == 4);
    std::string joined;
    for (const auto& part : parts) {
        auto pdu = decoded(part);
        CHECK(pdu.dcs->alphabet == Alphabet::ucs2);
        CHECK(part.tpdu_length <= 13 + 140);
        joined += pdu.text;
    }
    CHECK(joined == text);
}

TEST_CASE("a single part carries no concatenation header and the longest fits AT+CMGS")
{
    auto parts = encoded("+32477324847", std::string(160, 'a'), seed_options());
    REQUIRE(parts.size() == 1);
    CHECK_FALSE(decoded(parts[0]).udhi);
    CHECK(parts[0].tpdu_length == 1 + 1 + 8 + 1 + 1 + 1 + 1 + 140);
    CHECK(decoded(parts[0]).text == std::string(160, 'a'));
}

TEST_CASE("a text beyond 255 parts is refused")
{
    auto r = encode_submit("+32477324847", std::string(153 * 255 + 1, 'a'), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "text");
    CHECK(encode_submit("+32477324847", std::string(153 * 255, 'a'), {}).ok());
}
