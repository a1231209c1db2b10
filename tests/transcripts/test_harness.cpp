// The harness itself: the transcript format, @init, @set and the
// expectation lines, that a transcript the worker does not follow fails
// with the line and what was written, and that an expectation that does
// not hold, or a file that expects nothing, fails.
#include "expectations.hpp"

#include <doctest/doctest.h>

using namespace smsgate;
using namespace smsgate::transcript;

TEST_CASE("harness: transcript lines")
{
    auto t = parse_transcript("# a comment\n\n< AT+CMGS=*\r\n>\n> +CMGS: 18\n> AT\\r\n= sleep 200\n", "x.txt");
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().what()));
    REQUIRE(t->steps.size() == 5);
    CHECK(t->steps[0].kind == Step::Kind::expect);
    CHECK(t->steps[0].line == 3);
    CHECK(t->steps[1].bytes == "\r\n> ");        // the prompt ends no line
    CHECK(t->steps[2].bytes == "\r\n+CMGS: 18\r\n"); // V.250 framing
    CHECK(t->steps[3].bytes == "AT\r");          // raw: as written
    CHECK(t->steps[4].kind == Step::Kind::sleep);
    CHECK(t->steps[4].milliseconds == 200);

    for (const char* bad : {"AT\n", "<AT\n", "= sleep x\n", "= sleep 99999\n", "> \\q\n", "< \\x1\n"}) {
        INFO(bad);
        auto wrong = parse_transcript(std::string("# first\n") + bad, "bad.txt");
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().what().starts_with("bad.txt:2: "));
    }
}

TEST_CASE("harness: the patterns of < lines with the CR implied")
{
    struct Case {
        const char* pattern;
        const char* written;
        bool matches;
    };
    const Case cases[] = {
        {"AT", "AT\r", true},
        {"AT", "ATZ\r", false},
        {"AT", "AT", false},
        {"AT+CMGS=*", "AT+CMGS=21\r", true},
        {"AT+CMGS=*", "AT+CMGL=4\r", false},
        {"AT+CPMS=\"*\",\"*\",\"*\"", "AT+CPMS=\"SM\",\"SM\",\"SM\"\r", true},
        {"AT+CPMS=\"*\",\"*\",\"*\"", "AT+CPMS=\"SR\"\r", false},
        {"*\\x1a", "0791AB\x1a", true},
        {"*\\x1a", "0791AB\r", false},
        {"\\x1b", "\x1b", true},
        {"AT\\*E2", "AT*E2\r", true},
        {"AT\\*E2", "ATXE2\r", false},
    };
    for (const auto& c : cases) {
        INFO(c.pattern << " against " << escape(c.written));
        auto p = Pattern::parse(c.pattern);
        REQUIRE(p.ok());
        CHECK(p->matches(c.written) == c.matches);
    }
}

TEST_CASE("harness: a write the transcript does not expect fails the run with its line number")
{
    Harness h;
    auto failure = h.play_text("< \\x1b\n< AT\n> OK\n# the worker writes AT again, then ATE0\n< ATE1\n", "wrong.txt");
    CHECK(failure.starts_with("wrong.txt:5: expected \"< ATE1\", the worker wrote \"AT\\r\""));
    CHECK(h.took < std::chrono::seconds(2));
}

TEST_CASE("harness: a transcript the worker stops following is reported where it waits")
{
    Harness h;
    auto failure = h.play_text("< \\x1b\n< AT\n> OK\n< AT\n> OK\n< ATE0\n= sleep 3000\n> OK\n< AT+CMEE=1\n> OK\n",
                               "stuck.txt", std::chrono::milliseconds(300));
    CHECK(failure.starts_with("stuck.txt:9: < AT+CMEE=1: still waiting for the worker after 300 ms"));
}

TEST_CASE("harness: @set, @submit and expectation lines, and their mistakes")
{
    auto t = parse_transcript("@set storage=\n@set cnmi=2,2,0,1,0\n@submit text=\"PS test\" number=+32477324847\n"
                              "! failed job=1 dsn=5.7.1 reason=\"a \\\"quoted\\\" \\\\ reason\"\n! deleted storage= index=-1\n",
                              "x.txt");
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().what()));
    REQUIRE(t->settings.size() == 2);
    CHECK(t->settings[0].key == "storage");
    CHECK(t->settings[0].value.empty());
    CHECK(t->settings[1].value == "2,2,0,1,0");
    REQUIRE(t->submissions.size() == 1);
    CHECK(t->submissions[0].text == "PS test");
    CHECK(t->submissions[0].number == seed_number);
    REQUIRE(t->expectations.size() == 2);
    CHECK(t->expectations[0].line == 4);
    CHECK(*t->expectations[0].get("reason") == "a \"quoted\" \\ reason");
    CHECK(*t->expectations[1].get("storage") == "");
    CHECK(t->steps.empty());

    for (const char* bad : {"! sent\n", "! sent job=1\n", "! sent mr=18 mr=19\n", "! sent mr=18 colour=red\n",
                            "! arrived from=x\n", "! status\n", "! failed dsn=\"5.7.1\n", "@set storage\n",
                            "@set a=1 b=2\n", "@submit number=+32477324847\n", "@init default\n"}) {
        INFO(bad);
        auto wrong = parse_transcript(std::string("# first\n") + bad, "bad.txt");
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().what().starts_with("bad.txt:2: "));
    }
}

TEST_CASE("harness: @init brings a prologue's steps and settings, marked with where they come from")
{
    Includer include = [](const std::string& name) -> Result<std::string> {
        if (name == "short")
            return std::string("@set cnmi=off\n< \\x1b\n# a comment\n< AT\n> OK\n");
        if (name == "nested")
            return std::string("@init short\n");
        if (name == "expects")
            return std::string("! sent mr=1\n");
        return make_error("@init", "no prologue init/" + name + ".txt");
    };
    auto t = parse_transcript("# one\n@set cnmi=2,1,0,0,0\n@init short\n< ATE0\n", "x.txt", include);
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().what()));
    REQUIRE(t->steps.size() == 4);
    CHECK(t->steps[1].line == 3);
    CHECK(t->steps[1].from == "init/short.txt:4");
    CHECK(location(t->name, t->steps[1].line, t->steps[1].from) == "x.txt:3 (init/short.txt:4)");
    CHECK(t->steps[3].line == 4);
    CHECK(t->steps[3].from.empty());
    // The prologue's settings come first: the file's own win when applied.
    REQUIRE(t->settings.size() == 2);
    CHECK(t->settings[0].from == "init/short.txt:1");
    CHECK(t->settings[0].value == "off");
    CHECK(t->settings[1].value == "2,1,0,0,0");

    for (const char* bad : {"@init missing\n", "@init ../x\n", "@init nested\n", "@init expects\n"}) {
        INFO(bad);
        auto wrong = parse_transcript(bad, "bad.txt", include);
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().what().starts_with("bad.txt:1: "));
    }

    Harness h;
    auto failure = h.play_text("@init short\n< ATE1\n", "wrong.txt");
    // play_text reads no folder: a text alone includes nothing.
    CHECK(failure == "wrong.txt:1: @init: no prologue can be included here (a prologue includes none)");
}

TEST_CASE("harness: @set goes through smsgated's option tables")
{
    Harness h;
    CHECK(h.set("storage", "").ok());
    CHECK(h.modem.storage.empty());
    CHECK(h.set("report_storage", "SR").ok());
    CHECK(h.modem.report_storage == "SR");
    CHECK(h.set("poll_seconds", "0").ok());
    CHECK(h.worker.poll_seconds == 0);
    CHECK(h.modem.report_storage == "SR"); // a later setting keeps the earlier ones
    CHECK(h.set("prefixes", "+32,+3247").ok());
    CHECK(h.modem.prefixes == std::vector<std::string>{"+32", "+3247"});
    CHECK(h.set("init", "AT+CSMP=49,167,0,0").ok());
    CHECK(h.set("init", "AT^CURC=0").ok());
    CHECK(h.modem.init == std::vector<std::string>{"AT+CSMP=49,167,0,0", "AT^CURC=0"});
    CHECK_FALSE(h.set("colour", "red").ok());
    CHECK_FALSE(h.set("poll_seconds", "often").ok());
}

TEST_CASE("harness: an expectation that does not hold fails with its file and line, and so does silence")
{
    Harness h;
    auto t = parse_transcript("@submit text=\"PS test\"\n< \\x1b\n! sent mr=18\n! received from=+32477324847 text=x\n",
                              "short.txt");
    REQUIRE(t.ok());
    std::vector<store::Id> jobs{h.submit("PS test")};
    REQUIRE(h.play_transcript(*t).empty());
    auto failures = check_expectations(*t, h, jobs);
    REQUIRE(failures.size() == 2);
    CHECK(failures[0].starts_with("short.txt:3: ! sent mr=18: the job is queued, attempts 0"));
    CHECK(failures[1] == "short.txt:4: ! received from=+32477324847 text=x: no such SMS was handed on");

    auto silent = parse_transcript("@submit text=\"PS test\"\n< \\x1b\n", "silent.txt");
    REQUIRE(silent.ok());
    failures = check_expectations(*silent, h, jobs);
    REQUIRE(failures.size() == 2);
    CHECK(failures[0] == "silent.txt: no expectation line (\"! ...\"): a transcript must say what comes of it");
    CHECK(failures[1].starts_with("silent.txt: job 1 (line 1) has 0 outcome lines"));
}
