// The mails smsgated writes back, from store rows: words, threading, the
// route an incoming SMS takes, and the [mail] section's checks.
#include "config/number_map.hpp"
#include "config/worker_section.hpp"
#include "worker/mail_writer.hpp"
#include "worker/routing.hpp"

#include <doctest/doctest.h>

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

store::Job seed_job()
{
    store::Job j;
    j.id = 7;
    j.key = {"4F1A2B3C", "0477324847@sms.example.com", "5F02E2331C@srv1.sonal.local"};
    j.message_id = "5F02E2331C@srv1.sonal.local";
    j.number = "+32477324847";
    j.sender = "P.Sommers@sonal.be";
    j.from_name = "Paul Somers";
    j.to_name = "SMS PS";
    j.text = "PS test";
    j.language = "nl";
    j.modem = "gsm0";
    store::Part p;
    p.seq = 1;
    p.mr = 18;
    j.parts.push_back(p);
    return j;
}

bool has_line(const std::string& mail, const std::string& line)
{
    return mail.find("\r\n" + line + "\r\n") != std::string::npos || mail.rfind(line + "\r\n", 0) == 0;
}

// The message with quoted-printable soft line breaks joined.
std::string unfolded(std::string mail)
{
    for (auto at = mail.find("=\r\n"); at != std::string::npos; at = mail.find("=\r\n", at))
        mail.erase(at, 3);
    return mail;
}

} // namespace

TEST_CASE("mail writer: the seed's network report in Dutch, threaded under the original")
{
    auto m = write_report(mail_config(), seed_job(), {checks::Report::network, "", "", "", {2, 0, 0}, ""}, 1195487576, "u1");
    REQUIRE(m.ok());
    CHECK(m->key == "job:7:network");
    CHECK(m->job == 7);
    CHECK(m->recipient == "P.Sommers@sonal.be");
    CHECK(m->envelope_sender == "sms-gateway@example.com");
    const auto& t = m->message;
    CHECK(has_line(t, "Subject: Bericht aan 0477324847 is afgeleverd op het netwerk."));
    CHECK(has_line(t, "In-Reply-To: <5F02E2331C@srv1.sonal.local>"));
    CHECK(has_line(t, "References: <5F02E2331C@srv1.sonal.local>"));
    CHECK(has_line(t, "Date: Mon, 19 Nov 2007 15:52:56 +0000"));
    CHECK(has_line(t, "X-SMS-Report: network"));
    CHECK(has_line(t, "X-SMS-MR: 18"));
    CHECK(has_line(t, "X-SMS-Queue-ID: 4F1A2B3C"));
    CHECK(t.find("To: Paul Somers <P.Sommers@sonal.be>") != std::string::npos);
    CHECK(t.find("--- Oorspronkelijk bericht ---\r\nPS test") != std::string::npos);
}

TEST_CASE("mail writer: a mail without Message-ID threads nothing, whatever its key")
{
    auto job = seed_job();
    job.key.mail_key = "sha256:0123456789abcdef";
    job.message_id = "";
    job.language = "";
    auto m = write_report(mail_config(), job,
                          {checks::Report::failed, "unknown subscriber", "TP-ST 0x41", "65", "5.4.0", "TP-ST 0x41"}, 1, "");
    REQUIRE(m.ok());
    CHECK(m->message.find("In-Reply-To") == std::string::npos);
    CHECK(has_line(m->message, "Subject: Message to 0477324847 was not delivered."));
    CHECK(has_line(m->message, "X-SMS-Status: 65"));
    CHECK(unfolded(m->message).find("not delivered: unknown subscriber (TP-ST 0x41)") != std::string::npos);
}

TEST_CASE("mail writer: an incoming SMS from a known number, and from an alphanumeric sender")
{
    ReceivedSms sms;
    sms.modem = "gsm0";
    sms.originator = "+32477324847";
    sms.text = "Ok test";
    sms.scts_epoch = 1195487433; // 2007-11-19 15:50:33 UTC
    sms.zone_minutes = 60;
    sms.key = "incoming:3";
    Route route{"P.Sommers@sonal.be", "Paul Somers", "5F02E2331C@srv1.sonal.local", RouteReason::conversation};
    auto m = write_incoming(mail_config(), "sms.example.com", sms, "+32477324847", "SMS PS", route, 1195487500,
                            "x");
    REQUIRE(m.ok());
    CHECK(m->key == "incoming:3");
    CHECK(has_line(m->message, "From: SMS PS <+32477324847@sms.example.com>"));
    CHECK(has_line(m->message, "Subject: Ok test"));
    CHECK(has_line(m->message, "Date: Mon, 19 Nov 2007 16:50:33 +0100"));
    CHECK(has_line(m->message, "In-Reply-To: <5F02E2331C@srv1.sonal.local>"));

    sms.originator = "ING";
    sms.alphanumeric = true;
    sms.text = "Your code: 1234";
    Route plain{"alice@example.com", "", "", RouteReason::number_map};
    auto a = write_incoming(mail_config(), "sms.example.com", sms, "ING", "", plain, 5, "y");
    REQUIRE(a.ok());
    CHECK(has_line(a->message, "From: ING <ING@invalid>"));
    CHECK(unfolded(a->message).find("it cannot be answered") != std::string::npos);
    CHECK(a->message.find("In-Reply-To") == std::string::npos);
}

TEST_CASE("mail writer: subjects are the first words, cut at a word")
{
    CHECK(subject_words("Ok test") == "Ok test");
    CHECK(subject_words("  first line \nsecond") == "first line");
    CHECK(subject_words("one two three four", 10) == "one two...");
    CHECK(subject_words("abcdefghijkl", 5) == "abcde...");
    CHECK(subject_words("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\xC3\xA9...");
    CHECK(subject_words("") == "");
    CHECK(mail_date(0, -330) == "Wed, 31 Dec 1969 18:30:00 -0530");
}

TEST_CASE("routing: conversation, then the number map, then the default mailbox")
{
    std::istringstream text("+32477000555 alice@example.com\nING bank@example.com\n");
    auto map = config::parse_number_map(text, "numbers", "BE");
    REQUIRE(map.ok());
    store::Job conversation = seed_job();
    auto r = choose_route("+32477324847", false, conversation, *map, "desk@example.com");
    CHECK(r.recipient == "P.Sommers@sonal.be");
    CHECK(r.in_reply_to == "5F02E2331C@srv1.sonal.local");
    CHECK(r.how == RouteReason::conversation);
    r = choose_route("0477000555", false, std::nullopt, *map, "desk@example.com");
    CHECK(r.recipient == "alice@example.com");
    CHECK(r.how == RouteReason::number_map);
    // An alphanumeric sender has no conversation, even with a job at hand.
    r = choose_route("ing", true, conversation, *map, "desk@example.com");
    CHECK(r.recipient == "bank@example.com");
    r = choose_route("+32477000999", false, std::nullopt, *map, "desk@example.com");
    CHECK(r.recipient == "desk@example.com");
    CHECK(r.how == RouteReason::default_mailbox);
    CHECK(originator_number("0477000555", false, "BE") == "+32477000555");
    CHECK(originator_number("ING", true, "BE") == "ING");
}

TEST_CASE("mail config: defaults follow the SMS domain, mistakes name the key")
{
    config::MailConfig c;
    REQUIRE(config::finish_mail_config(c, {"sms.example.com"}, "f").ok());
    CHECK(c.domain == "sms.example.com");
    CHECK(c.from == "smsgate@sms.example.com");
    CHECK(c.envelope_sender == c.from);
    CHECK(c.sendmail_argv == std::vector<std::string>{"/usr/sbin/sendmail"});
    CHECK(c.postqueue_argv == std::vector<std::string>{"/usr/sbin/postqueue"});
    struct Row {
        const char* text;
        const char* says;
    };
    for (auto row : {Row{"[mail]\nsendmail = sendmail\n", "absolute path"},
                     Row{"[mail]\npostqueue = postqueue -c /x\n", "postqueue must begin"},
                     Row{"[mail]\nfrom = nobody\n", "from 'nobody'"},
                     Row{"[mail]\nenvelope_sender = -oi@x\n", "envelope_sender"},
                     Row{"[mail]\ndefault_mailbox = a b@c\n", "default_mailbox"},
                     Row{"[mail]\nlanguage = fr\n", "language 'fr'"},
                     Row{"[mail]\nreport_timeout = 5\n", "report_timeout"},
                     Row{"[mail]\nfrm = x@y\n", "unknown key mail.frm"}}) {
        std::istringstream in(row.text);
        auto parsed = config::parse_config<config::WorkerConfig>(in, "test.conf");
        REQUIRE_FALSE(parsed.ok());
        CHECK_MESSAGE(parsed.error().what().find(row.says) != std::string::npos, parsed.error().what());
    }
    std::istringstream good("[mail]\nenvelope_sender = <>\nlanguage = NL-be\nsendmail = /usr/sbin/sendmail -C /x\n");
    auto parsed = config::parse_config<config::WorkerConfig>(good, "test.conf");
    REQUIRE(parsed.ok());
    CHECK(parsed->mail.envelope_sender.empty());
    CHECK(parsed->mail.sendmail_argv.size() == 3);
    CHECK(parsed->mail.postqueue_argv == std::vector<std::string>{"/usr/sbin/postqueue"});
    std::istringstream off("[mail]\npostqueue =\n");
    auto without = config::parse_config<config::WorkerConfig>(off, "test.conf");
    REQUIRE(without.ok());
    CHECK(without->mail.postqueue_argv.empty());
    std::istringstream other("[mail]\npostqueue = /usr/sbin/postqueue -c /etc/postfix-sms\n");
    CHECK(config::parse_config<config::WorkerConfig>(other, "test.conf")->mail.postqueue_argv ==
          std::vector<std::string>{"/usr/sbin/postqueue", "-c", "/etc/postfix-sms"});
}
