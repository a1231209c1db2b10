// test_incoming_date.cpp - the Date of an incoming SMS's mail: the SMSC's
// time stamp when it names a moment that exists and is not far ahead of
// the clock, else the time the SMS was received, with the time stamp kept
// in X-SMS-SCTS. The time stamps are data: tests/unit/data/scts.txt.
#include "sms/pdu.hpp"
#include "worker/mail_writer.hpp"

#include <doctest/doctest.h>

#include <ctime>
#include <fstream>
#include <sstream>

using namespace smsgate;
using namespace smsgate::worker;

namespace {

// The seed's SMS-DELIVER ("Ok test" from +32477324847); its SCTS is the 14
// hex digits at scts_at.
const std::string seed_deliver = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301";
constexpr std::size_t scts_at = 38;

struct SctsCase {
    std::string octets;
    bool valid = false;
    std::string what;
};

std::vector<SctsCase> scts_cases()
{
    std::ifstream in(std::string(SMSGATE_SOURCE_DIR) + "/tests/unit/data/scts.txt");
    REQUIRE(in);
    std::vector<SctsCase> cases;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream words(line);
        SctsCase c;
        std::string verdict;
        words >> c.octets >> verdict;
        std::getline(words >> std::ws, c.what);
        REQUIRE_MESSAGE(c.octets.size() == 14, line);
        REQUIRE_MESSAGE((verdict == "valid" || verdict == "impossible"), line);
        c.valid = verdict == "valid";
        cases.push_back(c);
    }
    REQUIRE(cases.size() > 10);
    return cases;
}

config::MailConfig mail_config()
{
    config::MailConfig c;
    c.from = "sms-gateway@example.com";
    REQUIRE(config::finish_mail_config(c, {"sms.example.com"}, "test.conf").ok());
    return c;
}

// What the header of the mail says, "" when it is not there.
std::string header(const std::string& mail, const std::string& name)
{
    auto at = mail.find("\r\n" + name + ": ");
    if (at == std::string::npos)
        return "";
    at += name.size() + 4;
    return mail.substr(at, mail.find("\r\n", at) - at);
}

std::string incoming_mail(const ReceivedSms& sms, store::Seconds now)
{
    Route route{"ps@example.com", "", "", RouteReason::default_mailbox};
    auto m = write_incoming(mail_config(), "sms.example.com", sms, "+32477324847", "", route, now, "x");
    if (!m.ok())
        FAIL(m.error().what());
    return m->message;
}

ReceivedSms received(store::Seconds scts_epoch, int zone_minutes)
{
    ReceivedSms sms;
    sms.modem = "gsm0";
    sms.originator = "+32477324847";
    sms.text = "Ok test";
    sms.key = "incoming:1";
    sms.scts_epoch = scts_epoch;
    sms.zone_minutes = zone_minutes;
    return sms;
}

const store::Seconds received_at = 1765500000; // 2025-12-12 00:40:00 UTC

} // namespace

TEST_CASE("incoming date: a time stamp that names no moment dates nothing, and is kept")
{
    for (const auto& c : scts_cases()) {
        CAPTURE(c.octets);
        CAPTURE(c.what);
        std::string hex = seed_deliver;
        hex.replace(scts_at, 14, c.octets);
        auto pdu = sms::decode_pdu_hex(hex);
        if (!pdu.ok())
            FAIL(pdu.error().what());
        REQUIRE(pdu->scts);
        CHECK(pdu->text == "Ok test");
        CHECK(pdu->scts->valid() == c.valid);
        // The decoder says what is wrong, and the SMS is not lost.
        if (!c.valid)
            CHECK_FALSE(pdu->warnings.empty());

        if (c.valid)
            continue;
        // What the modem hands on for it (transport/worker/modem_incoming.cpp).
        ReceivedSms sms = received(0, 0);
        sms.scts_unusable = pdu->scts->iso8601();
        std::string mail = incoming_mail(sms, received_at);
        CHECK(header(mail, "Date") == mail_date(received_at, 0));
        CHECK(header(mail, "X-SMS-SCTS") == sms.scts_unusable);
        CHECK(header(mail, "X-SMS-Timestamp") == "");
        CHECK_FALSE(scts_dates_mail(sms, received_at));
    }
}

TEST_CASE("incoming date: the SMSC's time dates the mail, unless it is more than a day ahead")
{
    struct Case {
        const char* what;
        store::Seconds ahead; // of the time of receipt
        bool dates;
    };
    const Case cases[] = {
        {"the seed: years before", 1195487433 - received_at, true},
        {"a minute before", -60, true},
        {"a few minutes ahead (clocks differ)", 300, true},
        {"a day ahead", max_scts_ahead, true},
        {"a day and a second ahead", max_scts_ahead + 1, false},
        {"a year ahead", 365 * 24 * 3600, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        ReceivedSms sms = received(received_at + c.ahead, 60);
        std::string mail = incoming_mail(sms, received_at);
        CHECK(scts_dates_mail(sms, received_at) == c.dates);
        CHECK(header(mail, "X-SMS-Timestamp") == scts_iso(sms));
        if (c.dates) {
            CHECK(header(mail, "Date") == mail_date(received_at + c.ahead, 60));
            CHECK(header(mail, "X-SMS-SCTS") == "");
        } else {
            CHECK(header(mail, "Date") == mail_date(received_at, 0));
            CHECK(header(mail, "X-SMS-SCTS") == scts_iso(sms));
        }
    }
    // No time stamp at all: the time of receipt, and nothing to keep.
    std::string none = incoming_mail(received(0, 0), received_at);
    CHECK(header(none, "Date") == mail_date(received_at, 0));
    CHECK(header(none, "X-SMS-SCTS") == "");
}
