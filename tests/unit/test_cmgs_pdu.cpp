// test_cmgs_pdu.cpp - the <pdu> of AT+CMGS from an SMSC and a TPDU: the
// modem's SMSC before the worker's, the SIM's (00) when neither is set,
// and the seed's PDU byte for byte.
#include "sms/cmgs_pdu.hpp"
#include "sms/submit.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::sms;

namespace {

// The seed's SMS-SUBMIT (SMS Comfort log): SMSC +32475161616, then the TPDU.
const std::string seed_tpdu = "31000B912374374248F70000A707D029885E9ED301";
const std::string seed_pdu = "07912374151616F6" + seed_tpdu;

} // namespace

TEST_CASE("cmgs pdu: the first SMSC set goes in front of the TPDU, else the SIM's")
{
    struct Row {
        const char* name;
        std::string modem;
        std::string worker;
        std::string expected;
    };
    for (const auto& row : {
             Row{"seed: the worker's SMSC", "", "+32475161616", seed_pdu},
             Row{"seed: the modem's SMSC", "+32475161616", "", seed_pdu},
             Row{"the modem's SMSC before the worker's", "+32475161616", "+4915200000", seed_pdu},
             Row{"the worker's when the modem has none", "", "+4915200000", "06919451020000" + seed_tpdu},
             Row{"neither: the SIM's, 00", "", "", "00" + seed_tpdu},
             Row{"a national SMSC number (unknown type)", "0475161616", "", "06814057616161" + seed_tpdu},
             Row{"no number, passed over like an empty one", "not a number", "", "00" + seed_tpdu},
         }) {
        CHECK_MESSAGE(cmgs_pdu_hex({row.modem, row.worker}, seed_tpdu) == row.expected, row.name);
    }
}

TEST_CASE("cmgs pdu: the encoder's TPDU with the SMSC put back is the PDU it encoded")
{
    SubmitOptions options;
    options.status_report = true;
    options.validity_minutes = 1440;
    auto parts = encode_submit("+32477324847", "PS test", options);
    REQUIRE(parts.ok());
    REQUIRE(parts->size() == 1);
    CHECK((*parts)[0].tpdu_hex() == seed_tpdu);
    CHECK(cmgs_pdu_hex({"+32475161616"}, (*parts)[0].tpdu_hex()) == seed_pdu);

    options.smsc = "+32475161616";
    auto with_smsc = encode_submit("+32477324847", "PS test", options);
    REQUIRE(with_smsc.ok());
    CHECK((*with_smsc)[0].hex() == seed_pdu);
    CHECK((*with_smsc)[0].tpdu_hex() == seed_tpdu);
}
