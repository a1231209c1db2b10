// Encoding SMS-DELIVER and SMS-STATUS-REPORT PDUs (TS 23.040 9.2.2.1,
// 9.2.2.3), as the modem simulator lists them: the seed's PDUs byte for
// byte, and everything else checked by decoding what was encoded.
#include "sms/deliver.hpp"
#include "sms/hex.hpp"
#include "sms/pdu_fields.hpp"

#include <doctest/doctest.h>

using namespace smsgate::sms;

namespace {

constexpr const char* seed_smsc = "+32475161616";

Timestamp at(int y, int mo, int d, int h, int mi, int s, int zone_minutes)
{
    return Timestamp{y, mo, d, h, mi, s, zone_minutes};
}

std::vector<std::vector<std::uint8_t>> delivered(const std::string& from, const std::string& text,
                                                 const DeliverOptions& options = {})
{
    auto pdus = encode_deliver(from, text, at(2007, 11, 19, 16, 50, 33, 60), options);
    REQUIRE_MESSAGE(pdus.ok(), (pdus.ok() ? "" : pdus.error().what()));
    return std::move(pdus).value();
}

Pdu decoded(const std::vector<std::uint8_t>& octets)
{
    auto pdu = decode_pdu(octets);
    REQUIRE_MESSAGE(pdu.ok(), (pdu.ok() ? "" : pdu.error().what()));
    CHECK(pdu->warnings.empty());
    return std::move(pdu).value();
}

// The text of all parts in the order of their sequence numbers.
std::string joined(const std::vector<std::vector<std::uint8_t>>& pdus, unsigned ref, int bits)
{
    std::string text;
    for (std::size_t i = 0; i < pdus.size(); ++i) {
        auto pdu = decoded(pdus[i]);
        REQUIRE(pdu.concat);
        CHECK(pdu.concat->ref == ref);
        CHECK(pdu.concat->ref_bits == bits);
        CHECK(pdu.concat->total == pdus.size());
        CHECK(pdu.concat->seq == i + 1);
        text += pdu.text;
    }
    return text;
}

} // namespace

TEST_CASE("seed: SMS Comfort incoming \"Ok test\" from +32477324847")
{
    DeliverOptions o;
    o.smsc = seed_smsc;
    auto pdus = delivered("+32477324847", "Ok test", o);
    REQUIRE(pdus.size() == 1);
    CHECK(to_hex(pdus[0]) == "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301");
    CHECK(tpdu_length(pdus[0]) == 26);
}

TEST_CASE("seed: SMS Comfort status report for MR 18, delivered")
{
    auto t = at(2007, 11, 19, 16, 50, 0, 60);
    auto pdu = encode_status_report(18, "+32477324847", t, t, 0x00, seed_smsc);
    REQUIRE(pdu.ok());
    CHECK(to_hex(*pdu) == "07912374151616F606120B912374374248F7701191610500407011916105004000");
    CHECK(tpdu_length(*pdu) == 25);
    auto back = decoded(*pdu);
    CHECK(back.type == PduType::status_report);
    CHECK(back.mr == 18);
    CHECK(back.status == 0x00);
    CHECK_FALSE(back.more_messages);
}

TEST_CASE("TS 23.040 9.2.3.11: time stamps round-trip, zones east and west")
{
    struct Row {
        Timestamp t;
        const char* iso;
        const char* zone_octet;
    };
    const Row rows[] = {
        {at(2007, 11, 19, 16, 50, 33, 60), "2007-11-19T16:50:33+01:00", "40"},
        {at(2024, 2, 29, 23, 59, 59, -300), "2024-02-29T23:59:59-05:00", "0A"},
        {at(1999, 12, 31, 0, 0, 0, -210), "1999-12-31T00:00:00-03:30", "49"},
        {at(2030, 6, 1, 12, 0, 0, 345), "2030-06-01T12:00:00+05:45", "32"},
        {at(2010, 1, 1, 0, 0, 0, 0), "2010-01-01T00:00:00+00:00", "00"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.iso);
        std::vector<std::uint8_t> out;
        write_timestamp(out, row.t);
        REQUIRE(out.size() == 7);
        CHECK(to_hex(std::span(out).subspan(6)) == row.zone_octet);
        OctetReader in(out);
        std::vector<std::string> warnings;
        CHECK(read_timestamp(in, "TP-SCTS", warnings).iso8601() == row.iso);
        CHECK(warnings.empty());
    }
}

TEST_CASE("a negative zone survives a whole SMS-DELIVER")
{
    auto pdus = encode_deliver("+15551234567", "hi", at(2021, 3, 4, 5, 6, 7, -480));
    REQUIRE(pdus.ok());
    auto pdu = decoded(pdus->at(0));
    REQUIRE(pdu.scts);
    CHECK(pdu.scts->iso8601() == "2021-03-04T05:06:07-08:00");
}

TEST_CASE("SMS-DELIVER fields round-trip: originators, flags, PID, no SMSC")
{
    DeliverOptions o;
    o.pid = 0x40;
    o.status_report_indication = true;
    o.more_messages = true;
    struct Row {
        const char* from;
        std::uint8_t toa;
    };
    const Row rows[] = {{"+32477324847", 0x91}, {"0477324847", 0x81}, {"Acme", 0xD0}, {"8500", 0x81}};
    for (const auto& row : rows) {
        CAPTURE(row.from);
        auto pdus = delivered(row.from, "Hello", o);
        REQUIRE(pdus.size() == 1);
        CHECK(pdus[0][0] == 0x00); // no SMSC address
        auto pdu = decoded(pdus[0]);
        CHECK(pdu.type == PduType::deliver);
        CHECK_FALSE(pdu.smsc);
        CHECK(pdu.number.toa == row.toa);
        CHECK(pdu.number.display() == row.from);
        CHECK(pdu.pid == 0x40);
        CHECK(pdu.report_request);
        CHECK(pdu.more_messages);
        CHECK_FALSE(pdu.udhi);
        CHECK(pdu.text == "Hello");
    }
}

TEST_CASE("UCS-2: forced, and chosen for text outside the GSM alphabet")
{
    DeliverOptions forced;
    forced.force_ucs2 = true;
    auto pdu = decoded(delivered("+32477324847", "Ok test", forced)[0]);
    REQUIRE(pdu.dcs);
    CHECK(pdu.dcs->alphabet == Alphabet::ucs2);
    CHECK(pdu.text == "Ok test");

    auto cyrillic = decoded(delivered("+32477324847", "Привет 😀")[0]);
    CHECK(cyrillic.dcs->alphabet == Alphabet::ucs2);
    CHECK(cyrillic.text == "Привет 😀");
}

TEST_CASE("multipart GSM 7-bit with an 8-bit reference: 153 septets a part")
{
    std::string text(400, 'a');
    DeliverOptions o;
    o.reference = 0xA5;
    o.smsc = seed_smsc;
    auto pdus = delivered("+32477324847", text, o);
    REQUIRE(pdus.size() == 3);
    CHECK(decoded(pdus[0]).text.size() == 153);
    CHECK(joined(pdus, 0xA5, 8) == text);
}

TEST_CASE("multipart with a 16-bit reference: one septet less a part, escapes kept whole")
{
    // 151 plain characters, then '€' (escape pair): the pair does not fit in
    // the 152 septets of a part and moves whole to the next.
    std::string text = std::string(151, 'x') + "€" + std::string(200, 'y');
    DeliverOptions o;
    o.reference = 0xBEEF;
    o.reference_bits = 16;
    auto pdus = delivered("+32477324847", text, o);
    REQUIRE(pdus.size() == 3);
    CHECK(decoded(pdus[0]).text == std::string(151, 'x'));
    // Decoding refuses a TP-UDL over 160 septets: every part fits.
    CHECK(joined(pdus, 0xBEEF, 16) == text);
}

TEST_CASE("multipart UCS-2 with a 16-bit reference: surrogate pairs never split")
{
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "Ж😀";
    DeliverOptions o;
    o.reference = 300;
    o.reference_bits = 16;
    auto pdus = delivered("+32477324847", text, o);
    REQUIRE(pdus.size() == 2);
    CHECK(joined(pdus, 300, 16) == text);
}

TEST_CASE("bad originators, SMSCs and references are refused with the field named")
{
    auto t = at(2007, 11, 19, 16, 50, 33, 60);
    CHECK(encode_deliver("", "x", t).error().field == "TP-OA");
    CHECK(encode_deliver("+32abc", "x", t).error().field == "TP-OA");
    DeliverOptions bad_smsc;
    bad_smsc.smsc = "Acme";
    CHECK(encode_deliver("+32477324847", "x", t, bad_smsc).error().field == "SMSC");
    DeliverOptions big_ref;
    big_ref.reference = 256;
    CHECK(encode_deliver("+32477324847", "x", t, big_ref).error().field == "concatenation");
    DeliverOptions bits;
    bits.reference_bits = 12;
    CHECK(encode_deliver("+32477324847", "x", t, bits).error().field == "concatenation");
    CHECK(encode_status_report(1, "not a number!", t, t, 0).error().field == "TP-RA");
}

TEST_CASE("tpdu_length: the SMSC address excluded, a broken SMSC length gives 0")
{
    const std::vector<std::uint8_t> no_smsc = {0x00, 0x04, 0x01};
    CHECK(tpdu_length(no_smsc) == 2);
    const std::vector<std::uint8_t> overrun = {0x07, 0x91};
    CHECK(tpdu_length(overrun) == 0);
    CHECK(tpdu_length({}) == 0);
}
