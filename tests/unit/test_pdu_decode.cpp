// Decoding SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT PDUs (TS 23.040).
// Vectors: the seed's SMS Comfort log, the TS 23.040 field layouts worked by
// hand, and broken PDUs beside the good ones.
#include "sms/hex.hpp"
#include "sms/pdu.hpp"

#include <doctest/doctest.h>

using namespace smsgate::sms;

namespace {

constexpr const char* seed_report =
    "07912374151616F606120B912374374248F7701191610500407011916105004000";
constexpr const char* seed_deliver = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301";
constexpr const char* seed_submit = "07912374151616F631000B912374374248F70000A707D029885E9ED301";

Pdu decoded(const std::string& hex, DecodeOptions options = {})
{
    auto pdu = decode_pdu_hex(hex, options);
    INFO(hex);
    REQUIRE_MESSAGE(pdu.ok(), (pdu.ok() ? "" : pdu.error().what()));
    return std::move(pdu).value();
}

} // namespace

TEST_CASE("seed: SMS Comfort status report, cut to length")
{
    auto pdu = decoded(seed_report);
    CHECK(pdu.type == PduType::status_report);
    REQUIRE(pdu.smsc);
    CHECK(pdu.smsc->display() == "+32475161616");
    CHECK(pdu.mr == 18);
    CHECK(pdu.number.display() == "+32477324847");
    CHECK(pdu.number.toa == 0x91);
    REQUIRE(pdu.scts);
    CHECK(pdu.scts->iso8601() == "2007-11-19T16:50:00+01:00");
    REQUIRE(pdu.discharge);
    CHECK(pdu.discharge->iso8601() == "2007-11-19T16:50:00+01:00");
    CHECK(pdu.status == 0x00);
    CHECK_FALSE(pdu.parameter_indicator);
    CHECK(pdu.warnings.empty());
}

TEST_CASE("seed: SMS Comfort status report, FF-padded SIM record with +CMGL length 167")
{
    std::string padded = std::string(seed_report) + std::string(2 * (176 - 33), 'F');
    auto pdu = decoded(padded, DecodeOptions{true, 167});
    CHECK(pdu.type == PduType::status_report);
    CHECK(pdu.mr == 18);
    CHECK(pdu.number.display() == "+32477324847");
    CHECK(pdu.status == 0x00);
    CHECK_FALSE(pdu.parameter_indicator);
    CHECK(pdu.warnings.empty());
    // The same record with the log's lower-case hex and the line breaks it had.
    std::string lower;
    for (char c : padded)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto again = decoded(lower.substr(0, 80) + "\n" + lower.substr(80), DecodeOptions{true, 167});
    CHECK(again.mr == 18);
}

TEST_CASE("seed: SMS Comfort status report, cut at a +CMGL length shorter than the record")
{
    std::string padded = std::string(seed_report) + "FFFFFFFF";
    auto pdu = decoded(padded, DecodeOptions{true, 25});
    CHECK(pdu.status == 0x00);
    auto short_cut = decode_pdu_hex(padded, DecodeOptions{true, 24});
    REQUIRE_FALSE(short_cut.ok());
    CHECK(short_cut.error().field == "TP-ST");
}

TEST_CASE("seed: SMS Comfort incoming SMS \"Ok test\"")
{
    auto pdu = decoded(seed_deliver, DecodeOptions{true, 26});
    CHECK(pdu.type == PduType::deliver);
    CHECK(pdu.smsc->display() == "+32475161616");
    CHECK(pdu.number.display() == "+32477324847");
    CHECK(pdu.pid == 0x00);
    CHECK(pdu.dcs->alphabet == Alphabet::gsm7);
    CHECK(pdu.scts->iso8601() == "2007-11-19T16:50:33+01:00");
    CHECK(pdu.text == "Ok test");
    CHECK_FALSE(pdu.more_messages);
    CHECK(pdu.udh.empty());
}

TEST_CASE("seed: SMS Comfort SMS-SUBMIT decodes to what was asked")
{
    auto pdu = decoded(seed_submit);
    CHECK(pdu.type == PduType::submit);
    CHECK(pdu.mr == 0);
    CHECK(pdu.report_request);
    CHECK(pdu.vp.format == ValidityPeriod::Format::relative);
    CHECK(pdu.vp.seconds == 24 * 3600);
    CHECK(pdu.number.display() == "+32477324847");
    CHECK(pdu.text == "PS test");
}

TEST_CASE("classic example: SMS-DELIVER \"How are you?\" from +31641600986")
{
    auto pdu = decoded("07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07");
    CHECK(pdu.smsc->display() == "+31624000000");
    CHECK(pdu.number.display() == "+31641600986");
    // The zone octet 0x08 is "-0 quarters" by TS 23.040 9.2.3.11 (the
    // tutorials that made this example famous read it as +02:00).
    CHECK(pdu.scts->iso8601() == "2002-08-26T19:37:41+00:00");
    CHECK(pdu.text == "How are you?");
}

TEST_CASE("TS 23.040 9.1.2.5: alphanumeric originator and a negative zone")
{
    auto pdu = decoded("000407D0C171BB0C00006211324150900A02C834");
    CHECK_FALSE(pdu.smsc);
    CHECK(pdu.number.alphanumeric());
    CHECK(pdu.number.display() == "Acme");
    CHECK(pdu.scts->iso8601() == "2026-11-23T14:05:09-05:00");
    CHECK(pdu.text == "Hi");
}

TEST_CASE("TS 23.040 9.2.3.11: time zones")
{
    struct Row {
        const char* zone;
        const char* iso;
        bool warning;
    };
    const Row rows[] = {
        {"00", "2007-11-19T16:50:33+00:00", false}, {"40", "2007-11-19T16:50:33+01:00", false},
        {"0A", "2007-11-19T16:50:33-05:00", false}, {"2A", "2007-11-19T16:50:33-05:30", false},
        {"8A", "2007-11-19T16:50:33-07:00", false},
        {"23", "2007-11-19T16:50:33+08:00", false}, {"2B", "2007-11-19T16:50:33-08:00", false},
        {"65", "2007-11-19T16:50:33+14:00", false}, {"75", "2007-11-19T16:50:33", true},
        {"FF", "2007-11-19T16:50:33", true},        {"A0", "2007-11-19T16:50:33", true},
    };
    for (const auto& row : rows) {
        CAPTURE(row.zone);
        auto pdu = decoded(std::string("00040B912374374248F70000701191610533") + row.zone + "00");
        CHECK(pdu.scts->iso8601() == row.iso);
        CHECK(pdu.scts->zone_minutes.has_value() == !row.warning);
        CHECK(pdu.warnings.empty() == !row.warning);
    }
}

TEST_CASE("TS 23.040 9.2.3.11: invalid BCD in the date is a warning, not an error")
{
    auto pdu = decoded("00040B912374374248F700007F11916105334002C834");
    CHECK(pdu.text == "Hi");
    REQUIRE_FALSE(pdu.warnings.empty());
    CHECK(pdu.warnings[0].find("TP-SCTS") != std::string::npos);
}

TEST_CASE("TS 23.040 9.2.3.24.8: 16-bit concatenation reference, GSM 7-bit after a 7-octet header")
{
    auto pdu = decoded("00440B912374374248F70000701191610533400B0608041234030261F118");
    REQUIRE(pdu.concat);
    CHECK(pdu.concat->ref == 0x1234);
    CHECK(pdu.concat->ref_bits == 16);
    CHECK(pdu.concat->total == 3);
    CHECK(pdu.concat->seq == 2);
    CHECK(pdu.text == "abc");
    REQUIRE(pdu.udh.size() == 1);
    CHECK(pdu.udh[0].iei == 0x08);
}

TEST_CASE("TS 23.040 9.2.3.24.1: 8-bit concatenation reference, GSM 7-bit with one fill bit")
{
    auto pdu = decoded("00440B912374374248F70000701191610533400A050003A50202C2E231");
    REQUIRE(pdu.concat);
    CHECK(pdu.concat->ref == 0xA5);
    CHECK(pdu.concat->ref_bits == 8);
    CHECK(pdu.concat->seq == 2);
    CHECK(pdu.text == "abc");
}

TEST_CASE("TS 23.040 9.2.3.24.1: concatenated UCS-2 part")
{
    auto pdu = decoded("00440B912374374248F70008701191610533400A050003070201004800E9");
    CHECK(pdu.dcs->alphabet == Alphabet::ucs2);
    CHECK(pdu.concat->ref == 7);
    CHECK(pdu.text == "H\xC3\xA9");
}

TEST_CASE("TS 23.040 9.2.3.24.1: impossible concatenation values are ignored, not an error")
{
    struct Row {
        const char* ie;
    };
    const Row rows[] = {{"0003070200"}, {"0003070003"}, {"0003070203"}};
    for (const auto& row : rows) {
        CAPTURE(row.ie);
        std::string hex = std::string("00440B912374374248F7000470119161053340") + "07" + "05" + row.ie + "AB";
        auto pdu = decoded(hex);
        CHECK_FALSE(pdu.concat);
        CHECK(pdu.udh.size() == 1);
        CHECK(pdu.text == "AB");
        CHECK_FALSE(pdu.warnings.empty());
    }
}

TEST_CASE("TS 23.040 9.2.3.24.4: 16-bit ports, 8-bit data, class 1")
{
    auto pdu = decoded("00440B912374374248F700F5701191610533400B0605040B8423F0010203FF");
    CHECK(pdu.dcs->alphabet == Alphabet::eight_bit);
    CHECK(pdu.dcs->message_class == 1);
    REQUIRE(pdu.ports);
    CHECK(pdu.ports->destination == 2948);
    CHECK(pdu.ports->origin == 9200);
    CHECK(pdu.text == "010203FF");
    CHECK(pdu.data.size() == 4);
}

TEST_CASE("TS 23.040 9.2.3.24: unknown information elements are skipped and kept")
{
    // IEI 0x70 (SIM toolkit security header) with two octets, then concatenation.
    auto p = decoded("00440B912374374248F7000470119161053340" "0C" "09" "7002AAAA" "00030102" "01" "4142");
    REQUIRE(p.udh.size() == 2);
    CHECK(p.udh[0].iei == 0x70);
    CHECK(p.concat->total == 2);
    CHECK(p.text == "4142"); // 8-bit data shows as hex
}

TEST_CASE("TS 23.040 9.2.3.27: status report with TP-PI and its optional parameters")
{
    auto pdu = decoded("0006120B912374374248F770119161050040701191610500404607000002EF35");
    CHECK(pdu.status == 0x46);
    CHECK(pdu.parameter_indicator == 0x07);
    CHECK(pdu.pid == 0x00);
    CHECK(pdu.text == "ok");
}

TEST_CASE("TS 23.040 9.2.3.27: a truncated optional parameter loses only itself")
{
    auto pdu = decoded("0006120B912374374248F7701191610500407011916105004000070000");
    CHECK(pdu.status == 0x00);
    CHECK(pdu.parameter_indicator == 0x07);
    CHECK_FALSE(pdu.has_user_data);
    CHECK_FALSE(pdu.warnings.empty());
}

TEST_CASE("TS 23.040 9.2.3.12: SMS-SUBMIT with absolute and enhanced validity")
{
    auto absolute = decoded("0019000A81407723847400007011022100004002C834");
    CHECK(absolute.vp.format == ValidityPeriod::Format::absolute);
    CHECK(absolute.vp.absolute->iso8601() == "2007-11-20T12:00:00+01:00");
    CHECK(absolute.number.display() == "0477324847");
    CHECK(absolute.number.toa == 0x81);
    CHECK(absolute.text == "Hi");

    auto enhanced = decoded("0009050A8140772384740000021E000000000002C834");
    CHECK(enhanced.vp.format == ValidityPeriod::Format::enhanced);
    CHECK(enhanced.vp.seconds == 30);
    CHECK(enhanced.mr == 5);
}

TEST_CASE("TS 23.038 4: data coding groups")
{
    struct Row {
        std::uint8_t dcs;
        Alphabet alphabet;
        int message_class; // -1: none
        bool compressed;
        bool waiting;
        bool reserved;
    };
    const Row rows[] = {
        {0x00, Alphabet::gsm7, -1, false, false, false},     {0x04, Alphabet::eight_bit, -1, false, false, false},
        {0x08, Alphabet::ucs2, -1, false, false, false},     {0x0C, Alphabet::gsm7, -1, false, false, true},
        {0x10, Alphabet::gsm7, 0, false, false, false},      {0x11, Alphabet::gsm7, 1, false, false, false},
        {0x1A, Alphabet::ucs2, 2, false, false, false},      {0x16, Alphabet::eight_bit, 2, false, false, false},
        {0x20, Alphabet::gsm7, -1, true, false, false},      {0x48, Alphabet::ucs2, -1, false, false, false},
        {0x80, Alphabet::gsm7, -1, false, false, true},      {0xB4, Alphabet::gsm7, -1, false, false, true},
        {0xC0, Alphabet::gsm7, -1, false, true, false},      {0xD8, Alphabet::gsm7, -1, false, true, false},
        {0xE9, Alphabet::ucs2, -1, false, true, false},      {0xF0, Alphabet::gsm7, 0, false, false, false},
        {0xF4, Alphabet::eight_bit, 0, false, false, false}, {0xF7, Alphabet::eight_bit, 3, false, false, false},
        {0xF8, Alphabet::gsm7, 0, false, false, true},
    };
    for (const auto& row : rows) {
        CAPTURE(int(row.dcs));
        auto d = decode_dcs(row.dcs);
        CHECK(d.alphabet == row.alphabet);
        CHECK(d.message_class.value_or(-1) == row.message_class);
        CHECK(d.compressed == row.compressed);
        CHECK(d.waiting.has_value() == row.waiting);
        CHECK(d.reserved == row.reserved);
        CHECK_FALSE(d.describe().empty());
    }
    auto voicemail = decode_dcs(0xD8);
    CHECK(voicemail.waiting->store);
    CHECK(voicemail.waiting->active);
    CHECK(voicemail.waiting->kind == 0);
}

TEST_CASE("TS 23.040 9.1.2.5: address semi-octets * # a b c and fillers")
{
    // TP-OA of 7 semi-octets: "*#123ab" -> nibbles A B 1 2 3 C D.
    auto pdu = decoded("00 04 07 81 BA21C3FD 00 00 70119161053340 02 C834");
    CHECK(pdu.number.value == "*#123ab");
    CHECK(pdu.number.toa == 0x81);
    CHECK(pdu.number.display() == "*#123ab");
}

TEST_CASE("hex input: odd length, non-hex characters, empty input")
{
    struct Row {
        const char* hex;
        const char* field;
    };
    const Row rows[] = {
        {"", "SMSC address"}, {"0", "hex"}, {"07912374151616F6GG", "hex"}, {"zz", "hex"},
        {"00", "TP-MTI"},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.hex));
        auto r = decode_pdu_hex(row.hex);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == std::string(row.field));
        CHECK_FALSE(r.error().message.empty());
    }
}

TEST_CASE("malformed PDUs give an error that names the field")
{
    struct Row {
        const char* hex;
        bool smsc;
        const char* field;
    };
    const Row rows[] = {
        {"03", false, "TP-MTI"},                                        // reserved message type
        {"0C91", true, "SMSC address"},                                 // SMSC longer than 11 octets
        {"0791237415", true, "SMSC address"},                           // SMSC cut short
        {"0004", true, "TP-OA"},                                       // no address length
        {"00041591", true, "TP-OA"},                                   // 21 semi-octets
        {"00040B9123743742", true, "TP-OA"},                           // address cut short
        {"00040B912374374248F7", true, "TP-PID"},                      //
        {"00040B912374374248F700", true, "TP-DCS"},                    //
        {"00040B912374374248F700007011", true, "TP-SCTS"},             //
        {"00040B912374374248F7000070119161053340", true, "TP-UDL"},    //
        {"00040B912374374248F7000070119161053340A1", true, "TP-UDL"},  // 161 septets
        {"00040B912374374248F7000870119161053340 8D", true, "TP-UDL"}, // 141 octets
        {"00040B912374374248F700007011916105334007CF3588", true, "TP-UD"},
        {"00440B912374374248F7000470119161053340 00", true, "TP-UDHL"},
        {"00440B912374374248F7000470119161053340 02 05 00", true, "TP-UDHL"},
        {"00440B912374374248F7000470119161053340 04 03 00 05 01", true, "TP-UDH"},
        {"00440B912374374248F7000070119161053340 01 00", true, "TP-UDL"},
        {"0011000B912374374248F70000", true, "TP-VP"},
        {"0006120B912374374248F770119161050040701191610500", true, "TP-DT"},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.hex));
        auto r = decode_pdu_hex(row.hex, DecodeOptions{row.smsc, std::nullopt});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == std::string(row.field));
    }
}

TEST_CASE("every prefix of the seed's PDUs is an error, never a crash")
{
    for (const char* pdu : {seed_report, seed_deliver, seed_submit}) {
        auto octets = from_hex(pdu).value();
        for (std::size_t n = 0; n < octets.size(); ++n) {
            CAPTURE(n);
            auto r = decode_pdu(std::span(octets).first(n));
            CHECK_FALSE(r.ok());
        }
        CHECK(decode_pdu(octets).ok());
    }
}

TEST_CASE("trailing octets: FF padding is silent, anything else is a warning")
{
    CHECK(decoded(std::string(seed_deliver) + "FFFF").warnings.empty());
    auto odd = decoded(std::string(seed_deliver) + "1234");
    CHECK(odd.text == "Ok test");
    CHECK(odd.warnings.size() == 1);
}
