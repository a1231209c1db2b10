// smsgate-transport without its socket: the command line as pipe(8) gives
// it, its share of smsgate.conf, the checks the worker makes on its
// delivery (worker/delivery.hpp), and the mapping of every outcome to the
// pipe(8) contract.
#include "checks/sms_message.hpp"
#include "mail/digest.hpp"
#include "worker/delivery.hpp"
#include "pipe/exit_status.hpp"
#include "pipe/options.hpp"
#include "config/transport_section.hpp"
#include "store_fixture.hpp"
#include "transport_fixture.hpp"
#include "config/worker_section.hpp"
#include "worker/submission.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace smsgate;
using namespace smsgate::transport;
using namespace transport_test;
using smsgate::worker::prepare;

TEST_CASE("transport options: pipe(8) argv with empty macros and --")
{
    std::ostringstream out;
    auto p = parse_options({"-c", "/etc/x.conf", "--sasl-username=", "--client-address", "", "--", "4F1A2B3C", "",
                            "+32477324847@sms.example.com"},
                           out);
    REQUIRE(p.options);
    CHECK(p.options->config_path == "/etc/x.conf");
    CHECK(p.options->delivery.queue_id == "4F1A2B3C");
    CHECK(p.options->delivery.sender.empty());
    CHECK(p.options->delivery.recipient == "+32477324847@sms.example.com");
    CHECK(p.options->delivery.sasl_username.empty());
    CHECK(out.str().empty());

    // A login may look like an option: the "=" form keeps it a value.
    auto q = parse_options({"--sasl-username=-c", "--client-address=2001:db8::1", "--", "Q", "-odd@example.com",
                            "+32477324847@sms.example.com"},
                           out);
    REQUIRE(q.options);
    CHECK(q.options->delivery.sasl_username == "-c");
    CHECK(q.options->delivery.client_address == "2001:db8::1");
    CHECK(q.options->delivery.sender == "-odd@example.com");
    CHECK(q.options->config_path == "/etc/smsgate/smsgate.conf");
}

TEST_CASE("transport options: a wrong command line defers with 4.3.5, --help does not")
{
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"4F1A2B3C", "a@example.com"}, {"--bogus", "Q", "s", "r"}, {"Q", "s", "r", "x"},
          {}}) {
        std::ostringstream out;
        auto p = parse_options(args, out);
        CHECK_FALSE(p.options);
        CHECK(p.status == exit_tempfail);
        CHECK(out.str().rfind("4.3.5 ", 0) == 0);
    }
    std::ostringstream help;
    auto h = parse_options({"--help"}, help);
    CHECK_FALSE(h.options);
    CHECK(h.status == 0);
    CHECK(help.str().find("--sasl-username") != std::string::npos);
}

TEST_CASE("transport config: [sms] and [transport] read, other programs' sections left alone")
{
    auto c = config_from("[worker]\nsocket = /run/x.sock\ndatabase = /var/lib/x.db\nno_such_worker_key = 1\n"
                         "[modem.gsm0]\ndevice = /dev/ttyUSB0\n"
                         "[milter]\nsomething = else\n"
                         "[sms]\ndomains = SMS.Example.COM\ntext_template = {subject}: {body}\\nend\nclean = no\n"
                         "[transport]\ntime_budget = 30\n");
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().what()));
    CHECK(c->socket == "/run/x.sock");
    CHECK(c->time_budget == 30);
    CHECK(c->sms.domains == std::vector<std::string>{"sms.example.com"});
    CHECK(c->sms.text_template == "{subject}: {body}\nend");
    CHECK_FALSE(c->sms.clean);

    auto d = config_from("");
    REQUIRE(d.ok());
    CHECK(d->time_budget == 150);
    CHECK(d->sms.text_template == "{subject}\n{body}");
    CHECK(d->sms.clean);
    CHECK(d->sms.domains == std::vector<std::string>{"sms.example.com"});
}

TEST_CASE("transport config: mistakes name the file and the key")
{
    struct Row {
        const char* text;
        const char* says;
    };
    for (auto row : {Row{"[transport]\ntime_budgett = 3\n", "test.conf: unknown key transport.time_budgett"},
                     Row{"[sms]\ndomain = x\n", "test.conf: unknown key sms.domain"},
                     Row{"[smsgate]\nx = 1\n", "test.conf: unknown key smsgate.x"},
                     Row{"[transport]\ntime_budget = 2\n", "time_budget must be at least 5"},
                     Row{"[sms]\ndefault_region = Belgium\n", "'Belgium' is not a two-letter country code"},
                     Row{"[sms]\ntext_template = hello\n", "neither {subject} nor {body}"},
                     Row{"[sms]\ndomains = ,\n", "domains is empty"}}) {
        auto c = config_from(row.text);
        REQUIRE_FALSE(c.ok());
        CHECK_MESSAGE(c.error().what().find(row.says) != std::string::npos, c.error().what());
    }
    // The worker, in turn, leaves [transport] to the transport but checks
    // its own sections, and [sms] (it needs the domains and the region).
    std::istringstream mixed("[worker]\nsocket = /x\n[sms]\ndomains = sms.test\n[transport]\ntime_budget = 9\n");
    CHECK(config::parse_config<config::WorkerConfig>(mixed, "test.conf").ok());
    std::istringstream sms_typo("[worker]\nsocket = /x\n[sms]\nwhatever = 1\n");
    CHECK_FALSE(config::parse_config<config::WorkerConfig>(sms_typo, "test.conf").ok());
    std::istringstream typo("[worker]\nsokcet = /x\n");
    CHECK_FALSE(config::parse_config<config::WorkerConfig>(typo, "test.conf").ok());
}

TEST_CASE("transport prepare: seed mail from the account PS becomes \"PS test\" for +32477324847")
{
    auto senders = table(seed_senders);
    auto p = prepare(delivery("ps@example.com"), seed_mail, sms_config(), senders);
    REQUIRE_FALSE(p.refusal);
    CHECK(p.request.text == "PS test");
    CHECK(p.request.number == "+32477324847");
    CHECK(p.request.queue_id == "4F1A2B3C");
    CHECK(p.request.recipient == "+32477324847@sms.example.com");
    CHECK(p.request.message_id == "4F1A2B3C@mail.example.com");
    CHECK(p.request.mail_key == "4F1A2B3C@mail.example.com");
    CHECK(p.request.sender == "ps@example.com");
    CHECK(p.request.from_name == "P. Sommers");
    CHECK(p.request.to_name == "SMS PS");
    CHECK(p.request.notify == policy::NotifyLevel::all);
    CHECK(p.request.language.empty());
}

TEST_CASE("transport prepare: the sender's language travels with the request")
{
    auto senders = table("ps@example.com allow prefix=PS language=nl\n"
                         "default allow\n");
    auto sms = sms_config();
    auto dutch = prepare(delivery("ps@example.com"), seed_mail, sms, senders);
    REQUIRE_FALSE(dutch.refusal);
    CHECK(dutch.request.language == "nl");
    auto other = prepare(delivery("alice@example.com"), seed_mail, sms, senders);
    REQUIRE_FALSE(other.refusal);
    CHECK(other.request.language.empty());
}

TEST_CASE("worker submit: the request's language is kept with the job")
{
    store_test::TempDir dir;
    auto store = store_test::open_store(dir.file("smsgate.db"));
    worker::Router router(std::vector<worker::Router::Modem>{{"gsm0", {}}});
    router.update("gsm0", [](worker::ModemStatus& s) {
        s.link = "up";
        s.registered = true;
    });
    config::WorkerConfig config;
    for (const char* language : {"nl", ""}) {
        proto::SubmitRequest r;
        r.queue_id = std::string("4F1A2B3C") + language;
        r.recipient = "+32477324847@sms.example.com";
        r.message_id = "4F1A2B3C@mail.example.com";
        r.number = "+32477324847";
        r.sender = "ps@example.com";
        r.notify = policy::NotifyLevel::all;
        r.text = "PS test";
        r.language = language;
        auto decision = worker::submit_job(*store, router, config, r, 1000);
        REQUIRE_FALSE(decision.answer);
        auto job = store->job(decision.job);
        REQUIRE(job.ok());
        REQUIRE(job->has_value());
        CHECK((*job)->language == language);
        CHECK((*job)->notify == policy::NotifyLevel::all);
    }
}

TEST_CASE("worker submit: the parts go with the national tables of [sms] national_tables")
{
    store_test::TempDir dir;
    auto store = store_test::open_store(dir.file("smsgate.db"));
    worker::Router router(std::vector<worker::Router::Modem>{{"gsm0", {}}});
    router.update("gsm0", [](worker::ModemStatus& s) {
        s.link = "up";
        s.registered = true;
    });
    // 100 Turkish dotless i: two UCS-2 parts, one with the Turkish locking
    // shift table, whose element (IEI 0x25, language 1) the TPDU carries.
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "\xC4\xB1";
    for (bool turkish : {false, true}) {
        config::WorkerConfig config;
        if (turkish)
            config.sms.national_tables = {1};
        proto::SubmitRequest r;
        r.queue_id = turkish ? "4F1A2B3D" : "4F1A2B3E";
        r.recipient = "+905321234567@sms.example.com";
        r.number = "+905321234567";
        r.sender = "ps@example.com";
        r.text = text;
        auto decision = worker::submit_job(*store, router, config, r, 1000);
        REQUIRE_FALSE(decision.answer);
        auto job = store->job(decision.job);
        REQUIRE(job.ok());
        REQUIRE(job->has_value());
        const auto& parts = (*job)->parts;
        CHECK(parts.size() == (turkish ? 1u : 2u));
        REQUIRE_FALSE(parts.empty());
        CHECK((parts[0].tpdu_hex.find("03250101") != std::string::npos) == turkish);
    }
}

TEST_CASE("worker submit: a deferred job whose first parts went out is judged by their modem and what is left")
{
    // gsm0 sent two of the three parts, then the job was deferred. Taken
    // again, it may go on when gsm0 has room for the one part left, though
    // the whole message would not fit on any modem; and it is deferred when
    // gsm0 is held, though gsm1 is free, for gsm1 may not send the rest.
    constexpr store::Seconds now = 100000;
    for (bool gsm0_full : {false, true}) {
        CAPTURE(gsm0_full);
        store_test::TempDir dir;
        auto store = store_test::open_store(dir.file("smsgate.db"));
        config::SendLimits gsm0_limits;
        gsm0_limits.max_per_hour = 4;
        config::SendLimits gsm1_limits;
        gsm1_limits.max_per_hour = 2;
        worker::Router router(std::vector<worker::Router::Modem>{{"gsm0", {}, gsm0_limits}, {"gsm1", {}, gsm1_limits}},
                              [] { return now; });
        for (const char* name : {"gsm0", "gsm1"})
            router.update(name, [](worker::ModemStatus& s) {
                s.link = "up";
                s.registered = true;
            });
        config::WorkerConfig config;
        proto::SubmitRequest r;
        r.queue_id = "4F1A2B40";
        r.recipient = "+32477324847@sms.example.com";
        r.number = "+32477324847";
        r.sender = "ps@example.com";
        r.text = std::string(400, 'x'); // three parts of GSM 7-bit
        auto first = worker::submit_job(*store, router, config, r, now);
        REQUIRE_FALSE(first.answer);
        REQUIRE(store->claim_job(first.job, "gsm0", now).ok());
        auto job = store->job(first.job);
        REQUIRE(job.ok());
        REQUIRE(job->has_value());
        REQUIRE((*job)->parts.size() == 3u);
        for (int i = 0; i < 2; ++i)
            REQUIRE(store->mark_part_sent((*job)->parts[static_cast<std::size_t>(i)].id, 18 + i, "gsm0", now).ok());
        auto deferred = store->defer_job(first.job, 1, now, StatusCode{4, 0, 0}, "modem gsm0 says +CMS ERROR 500", now);
        REQUIRE(deferred.ok());
        REQUIRE(*deferred == store::JobState::deferred);

        // gsm0: two parts this hour (room for two more) or four (none);
        // gsm1: none (room for two, not three).
        router.sent_times("gsm0", gsm0_full ? std::vector<store::Seconds>{now - 60, now - 50, now - 40, now - 30}
                                            : std::vector<store::Seconds>{now - 60, now - 50});
        auto again = worker::submit_job(*store, router, config, r, now);
        CHECK(again.job == first.job);
        if (!gsm0_full) {
            CHECK_FALSE(again.answer);
        } else {
            REQUIRE(again.answer);
            CHECK(again.answer->verdict.code == StatusCode{4, 7, 0});
            CHECK(again.answer->verdict.text == "the SIM that sent its first parts has reached its hourly limit");
        }
    }
}

TEST_CASE("transport prepare: no reports about an automatic mail or a bounce (RFC 3834)")
{
    // Everyone may send, and everyone asks for every report.
    auto senders = table("default allow notify=all\n");
    auto sms = sms_config();
    struct Row {
        std::string sender;
        std::string headers;
        policy::NotifyLevel notify;
    };
    for (const auto& row : {
             Row{"alice@example.com", "", policy::NotifyLevel::all},
             Row{"alice@example.com", "Auto-Submitted: no\r\n", policy::NotifyLevel::all},
             Row{"alice@example.com", "Auto-Submitted: no\r\nX-SMS-Notify: handset\r\n", policy::NotifyLevel::handset},
             Row{"alice@example.com", "Auto-Submitted: auto-generated\r\n", policy::NotifyLevel::none},
             Row{"alice@example.com", "Auto-Submitted: Auto-Replied; foo=bar\r\n", policy::NotifyLevel::none},
             Row{"alice@example.com", "Auto-Submitted: auto-replied\r\nX-SMS-Notify: all\r\n", policy::NotifyLevel::none},
             Row{"", "", policy::NotifyLevel::none},
             Row{"", "X-SMS-Notify: handset\r\n", policy::NotifyLevel::none},
             Row{"MAILER-DAEMON@example.com", "", policy::NotifyLevel::none},
         }) {
        auto p = prepare(delivery(row.sender), mail_with(row.headers, "hi\r\n"), sms, senders);
        REQUIRE_MESSAGE(!p.refusal, row.headers);
        CHECK_MESSAGE(p.request.notify == row.notify, (row.sender + " " + row.headers));
        CHECK(p.request.sender == row.sender);
    }
}

TEST_CASE("transport prepare: a mail without Message-ID is keyed by its bytes")
{
    auto senders = table(seed_senders);
    auto sms = sms_config();
    auto one = prepare(delivery("alice@example.com"), mail_with("Subject: a\r\n", "first\r\n"), sms, senders);
    auto same = prepare(delivery("alice@example.com"), mail_with("Subject: a\r\n", "first\r\n"), sms, senders);
    auto other = prepare(delivery("alice@example.com"), mail_with("Subject: a\r\n", "second\r\n"), sms, senders);
    REQUIRE_FALSE(one.refusal);
    CHECK(one.request.mail_key == mail::content_digest(mail_with("Subject: a\r\n", "first\r\n")));
    CHECK(one.request.mail_key.size() == 7 + 64);
    CHECK(one.request.mail_key == same.request.mail_key);
    CHECK(one.request.mail_key != other.request.mail_key);
    // Nothing to thread under: the key is no Message-ID.
    CHECK(one.request.message_id.empty());
}

TEST_CASE("transport prepare: number forms, SMS domains in any case, X-SMS-Notify over the sender's level")
{
    auto senders = table(seed_senders);
    auto sms = sms_config();
    for (const char* recipient : {"0477324847@sms.example.com", "0032477324847@SMS.Example.org",
                                  "+32-477-32-48-47@sms.example.com"}) {
        auto p = prepare(delivery("alice@example.com", recipient), seed_mail, sms, senders);
        REQUIRE_MESSAGE(!p.refusal, recipient);
        CHECK(p.request.number == "+32477324847");
        CHECK(p.request.text == "test");
        CHECK(p.request.notify == policy::NotifyLevel::failure);
    }
    auto asked = prepare(delivery("alice@example.com"), mail_with("X-SMS-Notify: Handset\r\n", "hi\r\n"), sms, senders);
    REQUIRE_FALSE(asked.refusal);
    CHECK(asked.request.notify == policy::NotifyLevel::handset);
    auto nonsense = prepare(delivery("alice@example.com"), mail_with("X-SMS-Notify: loudly\r\n", "hi\r\n"), sms, senders);
    REQUIRE_FALSE(nonsense.refusal);
    CHECK(nonsense.request.notify == policy::NotifyLevel::failure);
}

TEST_CASE("transport prepare: refusals carry the milter's codes")
{
    auto senders = table(seed_senders);
    auto sms = sms_config();
    struct Row {
        const char* sender;
        const char* recipient;
        std::string mail;
        const char* dsn;
        const char* says;
    };
    std::string long_text(400, 'x');
    for (const auto& row : {
             Row{"mallory@other.example", "+32477324847@sms.example.com", seed_mail, "5.7.1",
                 "only example.com may send SMS"},
             Row{"", "+32477324847@sms.example.com", seed_mail, "5.7.1", "only example.com may send SMS"},
             Row{"carol@auth.example.com", "+32477324847@sms.example.com", seed_mail, "5.7.0",
                 "must authenticate"},
             Row{"alice@example.com", "+3212@sms.example.com", seed_mail, "5.1.3", "not a valid number"},
             Row{"alice@example.com", "call-me@sms.example.com", seed_mail, "5.1.3", "is not a phone number"},
             Row{"alice@example.com", "+3290012345@sms.example.com", seed_mail, "5.7.1", "premium-rate"},
             Row{"alice@example.com", "8850@sms.example.com", seed_mail, "5.7.1", "short code"},
             Row{"alice@example.com", "+32477324847@sms.example.com", mail_with("Subject: \r\n", "\r\n"), "5.6.0",
                 "no text"},
             Row{"alice@example.com", "+32477324847@sms.example.com", mail_with("", long_text), "5.3.4",
                 "needs 3 SMS parts (GSM 7-bit), at most 2 are allowed"},
             Row{"alice@example.com", "+32477324847@elsewhere.example", seed_mail, "4.3.5",
                 "not in an SMS domain"},
         }) {
        auto p = prepare(delivery(row.sender, row.recipient), row.mail, sms, senders);
        REQUIRE_MESSAGE(p.refusal, row.recipient);
        CHECK(p.refusal->code == row.dsn);
        CHECK_MESSAGE(p.refusal->text.find(row.says) != std::string::npos, p.refusal->text);
    }
    // SMTP AUTH satisfies auth=yes, and a login's own entry wins over the
    // sender's: premium rate allowed for it.
    Delivery authed = delivery("carol@auth.example.com");
    authed.sasl_username = "carol";
    CHECK_FALSE(prepare(authed, seed_mail, sms, senders).refusal);
    Delivery boss = delivery("mallory@other.example", "+3290012345@sms.example.com");
    boss.sasl_username = "boss";
    auto premium = prepare(boss, seed_mail, sms, senders);
    CHECK_FALSE(premium.refusal);
}

TEST_CASE("transport exit: every verdict to its line and status")
{
    struct Row {
        Verdict verdict;
        int code;
        const char* line;
    };
    for (const auto& row : {
             Row{{0, "2.0.0", "sent to +32477324847 via gsm0 (1 part, mr 18)"}, 0,
                 "2.0.0 sent to +32477324847 via gsm0 (1 part, mr 18)"},
             Row{{0, "2.0.0", "already sent"}, 0, "2.0.0 already sent"},
             Row{{0, "4.4.0", "no GSM modem"}, 75, "4.4.0 no GSM modem"},
             Row{{450, "4.7.1", "quota"}, 75, "4.7.1 quota"},
             Row{{0, "5.7.1", "+CMS ERROR: 21\nsecond line"}, 69, "5.7.1 +CMS ERROR: 21 second line"},
             Row{{550, "5.1.3", "not a number"}, 69, "5.1.3 not a number"},
             Row{{0, "5.6.0", "no text"}, 65, "5.6.0 no text"},
             Row{{550, "5.6.3", "nested too deep"}, 65, "5.6.3 nested too deep"},
             Row{{0, "5.5.2", "malformed request"}, 75, "4.3.5 smsgated refused the request (5.5.2 malformed request)"},
         }) {
        auto e = exit_for(row.verdict);
        CHECK(e.code == row.code);
        CHECK(e.line == row.line);
    }
    client::Reply r;
    r.failure = client::Failure::unreachable;
    r.error = "/run/smsgate/smsgated.sock: No such file or directory";
    CHECK(exit_for(r, 150).line == "4.3.2 smsgated is not running: /run/smsgate/smsgated.sock: No such file or directory");
    r.failure = client::Failure::forbidden;
    r.error = "/run/smsgate/smsgated.sock: Permission denied";
    CHECK(exit_for(r, 150).line.rfind("4.3.5 may not use the socket of smsgated", 0) == 0);
    // A timeout before the worker had the request: it has no job.
    r.failure = client::Failure::timeout;
    r.error = "backlog full";
    CHECK(exit_for(r, 150).line.rfind("4.3.2 smsgated did not take the SMS within 150 s", 0) == 0);
    // After: the worker keeps the job for the retry.
    r.request_sent = true;
    auto t = exit_for(r, 150);
    CHECK(t.code == 75);
    CHECK(t.line.rfind("4.4.7 no outcome from smsgated within 150 s", 0) == 0);
    r.failure = client::Failure::broken;
    CHECK(exit_for(r, 150).line.rfind("4.3.0 ", 0) == 0);
}

TEST_CASE("one SMS check: for every refused mail of the corpus the transport says what the milter says")
{
    // The milter's end of message asks checks::sms_content; the transport
    // asks checks::sms_message through prepare(). Same mail, same sender:
    // the same code and words.
    namespace fs = std::filesystem;
    const fs::path mail_dir = fs::path(SMSGATE_SOURCE_DIR) / "tests" / "mails";
    auto senders = table(seed_senders);
    auto sms = sms_config();
    policy::Query query{"alice@example.com", "", ""};
    auto policy = senders.lookup(query);
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(mail_dir)) {
        if (entry.path().extension() != ".refusal")
            continue;
        auto name = entry.path().stem().string();
        CAPTURE(name);
        std::ifstream in(mail_dir / (name + ".eml"), std::ios::binary);
        std::string mail((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        REQUIRE_FALSE(mail.empty());
        ++cases;
        auto milter = checks::sms_content(mail, mail.size(), sms, policy);
        REQUIRE(std::holds_alternative<Verdict>(milter));
        const auto& said = std::get<Verdict>(milter);
        auto p = prepare(delivery("alice@example.com"), mail, sms, senders);
        REQUIRE(p.refusal);
        CHECK(p.refusal->code == said.code);
        CHECK(p.refusal->smtp == said.smtp);
        CHECK(p.refusal->text == said.text);
        CHECK(exit_for(*p.refusal).line == said.code.str() + " " + said.text);
    }
    CHECK(cases >= 8);

    // A mail over max_message_size, cut short as the transport reads it.
    sms.max_message_size = 100;
    auto big = mail_with("Subject: big\r\n", std::string(400, 'x') + "\r\n");
    auto milter = checks::sms_content(big, big.size(), sms, policy);
    REQUIRE(std::holds_alternative<Verdict>(milter));
    auto p = prepare(delivery("alice@example.com"), big.substr(0, 100), sms, senders, big.size());
    REQUIRE(p.refusal);
    CHECK(p.refusal->code == "5.3.4");
    CHECK(p.refusal->text == std::get<Verdict>(milter).text);
    CHECK(p.refusal->text.find("has " + std::to_string(big.size()) + " bytes") != std::string::npos);
}
