// test_report_dsn.cpp - the reports smsgated writes, one of each kind, as
// delivery status notifications: the same octets as the golden files in
// tests/unit/data/dsn/ (the multipart boundary, which GMime draws at
// random, read as "BOUNDARY"), which tests/unit/dsn_mails.py reads with
// Python's email package. SMSGATE_UPDATE_GOLDEN=1 writes the files anew.
#include "config/mail_section.hpp"
#include "worker/mail_writer.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace smsgate;
using namespace smsgate::worker;

namespace {

config::MailConfig mail_config()
{
    config::MailConfig c;
    c.from = "sms-gateway@example.com";
    REQUIRE(config::finish_mail_config(c, {"sms.example.com"}, "test.conf").ok());
    return c;
}

// The seed's SMS, dialled in national form, sent in one part at 16:52:56
// (+0100) a few seconds after the mail came in.
store::Job seed_job(const std::string& language)
{
    store::Job j;
    j.id = 7;
    j.key = {"4F1A2B3C", "0477324847@sms.example.com", "5F02E2331C@srv1.sonal.local"};
    j.message_id = "5F02E2331C@srv1.sonal.local";
    j.number = "+32477324847";
    j.sender = "P.Sommers@sonal.be";
    j.from_name = "Paul Somers";
    j.text = "PS test";
    j.language = language;
    j.modem = "gsm0";
    j.created = 1195487570;
    store::Part p;
    p.seq = 1;
    p.mr = 18;
    p.sent_at = 1195487576;
    j.parts.push_back(p);
    return j;
}

// The message with its boundary written "BOUNDARY".
std::string without_boundary(std::string mail)
{
    const std::string param = "boundary=\"";
    auto at = mail.find(param);
    REQUIRE(at != std::string::npos);
    at += param.size();
    std::string boundary = mail.substr(at, mail.find('"', at) - at);
    REQUIRE(!boundary.empty());
    for (auto pos = mail.find(boundary); pos != std::string::npos; pos = mail.find(boundary, pos))
        mail.replace(pos, boundary.size(), "BOUNDARY");
    return mail;
}

void check_golden(const std::string& name, const std::string& mail)
{
    std::string path = std::string(SMSGATE_SOURCE_DIR) + "/tests/unit/data/dsn/" + name + ".eml";
    if (std::getenv("SMSGATE_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << mail;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, path);
    std::ostringstream golden;
    golden << in.rdbuf();
    CHECK(golden.str() == mail);
}

} // namespace

TEST_CASE("dsn: one report of each kind, as the golden files have it")
{
    struct Case {
        const char* name;
        std::string language;
        ReportFacts facts;
    };
    const Case cases[] = {
        {"network", "nl", network_facts(seed_job("nl"))},
        {"handset", "nl", tp_status_facts(checks::Report::handset, 0x00)},
        {"trying", "en", tp_status_facts(checks::Report::trying, 0x20)},
        {"failed", "en", tp_status_facts(checks::Report::failed, 0x41)},
        {"expired", "en",
         {checks::Report::failed, "no status report within 25 hours", "expired", "expired", "5.4.7",
          "no status report within 25 hours"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        auto m = write_report(mail_config(), seed_job(c.language), c.facts, 1195487580, "u1");
        REQUIRE_MESSAGE(m.ok(), (m.ok() ? "" : m.error().what()));
        check_golden(c.name, without_boundary(m->message));
    }
}

TEST_CASE("dsn: the Status of each TP-ST class")
{
    CHECK(tp_status_code(0x00) == "2.0.0");
    CHECK(tp_status_code(0x02) == "2.0.0");
    CHECK(tp_status_code(0x20) == "4.4.0");
    CHECK(tp_status_code(0x3F) == "4.4.0");
    CHECK(tp_status_code(0x41) == "5.4.0");
    CHECK(tp_status_code(0x5F) == "5.4.0");
    CHECK(tp_status_code(0x60) == "5.4.7");
    CHECK(tp_status_code(0x66) == "5.4.7");
    CHECK(tp_status_code(0xFF) == "5.4.7"); // reserved: "service rejected" (0x63)
    auto failed = tp_status_facts(checks::Report::failed, 0x41);
    CHECK(failed.diagnostic == "TP-ST 0x41 incompatible destination");
    CHECK(failed.code == "TP-ST 0x41");
    CHECK(failed.reason == "incompatible destination");
    CHECK(failed.status == "65");
    CHECK(failed.dsn == "5.4.0");
}
