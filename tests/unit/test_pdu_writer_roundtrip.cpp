// Both encoders over one table of texts (short and long, GSM 7-bit with
// escapes and UCS-2 with surrogate pairs, 8- and 16-bit references), each
// PDU decoded back: the first octet, the data coding, the concatenation
// header and the text come out as they went in. SMS-SUBMIT and
// SMS-DELIVER share one writer, so a case that passes for one and not the
// other points at what each adds of its own.
#include "sms/deliver.hpp"
#include "sms/hex.hpp"
#include "sms/pdu.hpp"
#include "sms/submit.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::sms;

namespace {

struct Case {
    std::string name;
    std::string text;
    Alphabet alphabet;
    std::size_t parts;
    bool force_ucs2 = false;
};

std::string repeat(const std::string& s, std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

const std::vector<Case>& cases()
{
    static const std::vector<Case> table = {
        {"empty text", "", Alphabet::gsm7, 1},
        {"short GSM 7-bit", "Ok test", Alphabet::gsm7, 1},
        {"160 septets in one part", repeat("0123456789", 16), Alphabet::gsm7, 1},
        {"161 septets in two parts", repeat("0123456789", 16) + "x", Alphabet::gsm7, 2},
        {"long GSM 7-bit with escapes at the cuts", repeat("[abc]{def}~", 40), Alphabet::gsm7, 5},
        {"long GSM 7-bit, three parts", repeat("The quick brown fox jumps over the lazy dog. ", 9),
         Alphabet::gsm7, 3},
        {"short UCS-2", "Привет", Alphabet::ucs2, 1},
        {"70 UCS-2 characters in one part", repeat("Ж", 70), Alphabet::ucs2, 1},
        {"long UCS-2 with surrogate pairs", repeat("日本語😀", 60), Alphabet::ucs2, 5},
        {"forced UCS-2, long", repeat("plain ascii ", 20), Alphabet::ucs2, 4, true},
    };
    return table;
}

Pdu decoded(const std::vector<std::uint8_t>& octets)
{
    auto pdu = decode_pdu(octets);
    REQUIRE_MESSAGE(pdu.ok(), (pdu.ok() ? "" : pdu.error().what()));
    CHECK(pdu->warnings.empty());
    return std::move(pdu).value();
}

// The parts decoded, checked against the case and the reference, and joined.
std::string joined(const std::vector<std::vector<std::uint8_t>>& pdus, const Case& c, unsigned ref, int bits)
{
    std::string text;
    for (std::size_t i = 0; i < pdus.size(); ++i) {
        auto pdu = decoded(pdus[i]);
        REQUIRE(pdu.dcs);
        CHECK(pdu.dcs->alphabet == c.alphabet);
        CHECK(pdu.udhi == (pdus.size() > 1));
        if (pdus.size() > 1) {
            REQUIRE(pdu.concat);
            CHECK(pdu.concat->ref == ref);
            CHECK(pdu.concat->ref_bits == bits);
            CHECK(pdu.concat->total == pdus.size());
            CHECK(pdu.concat->seq == i + 1);
        } else {
            CHECK_FALSE(pdu.concat);
        }
        text += pdu.text;
    }
    return text;
}

} // namespace

TEST_CASE("one writer: SMS-SUBMIT parts decode back to the text, header and flags")
{
    for (const auto& c : cases()) {
        CAPTURE(c.name);
        SubmitOptions o;
        o.smsc = "+32475161616";
        o.status_report = true;
        o.validity_minutes = 24 * 60;
        o.text.force_ucs2 = c.force_ucs2;
        auto parts = encode_submit("+32477324847", c.text, o, 0xA7);
        REQUIRE_MESSAGE(parts.ok(), (parts.ok() ? "" : parts.error().what()));
        REQUIRE(parts->size() == c.parts);
        std::vector<std::vector<std::uint8_t>> octets;
        for (const auto& p : *parts) {
            CHECK(p.tpdu_length == tpdu_length(p.octets));
            auto pdu = decoded(p.octets);
            CHECK(pdu.type == PduType::submit);
            CHECK(pdu.report_request);
            CHECK(pdu.number.display() == "+32477324847");
            CHECK(pdu.vp.format == ValidityPeriod::Format::relative);
            octets.push_back(p.octets);
        }
        CHECK(joined(octets, c, 0xA7, 8) == c.text);
    }
}

TEST_CASE("one writer: SMS-DELIVER parts decode back, with 8- and 16-bit references")
{
    for (int bits : {8, 16}) {
        for (const auto& c : cases()) {
            CAPTURE(c.name);
            CAPTURE(bits);
            DeliverOptions o;
            o.smsc = "+32475161616";
            o.force_ucs2 = c.force_ucs2;
            o.reference_bits = bits;
            o.reference = bits == 16 ? 0xBEEF : 0x42;
            o.status_report_indication = true;
            auto pdus = encode_deliver("+32477324847", c.text, Timestamp{2024, 5, 1, 14, 0, 0, 120}, o);
            REQUIRE_MESSAGE(pdus.ok(), (pdus.ok() ? "" : pdus.error().what()));
            // A 16-bit reference leaves a septet less a part: never fewer parts.
            if (bits == 8)
                CHECK(pdus->size() == c.parts);
            else
                CHECK(pdus->size() >= c.parts);
            for (const auto& octets : *pdus) {
                auto pdu = decoded(octets);
                CHECK(pdu.type == PduType::deliver);
                CHECK(pdu.report_request);
                CHECK_FALSE(pdu.more_messages);
                CHECK(pdu.number.display() == "+32477324847");
            }
            CHECK(joined(*pdus, c, o.reference, bits) == c.text);
        }
    }
}
