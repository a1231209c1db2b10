// The harness itself: the transcript format, and that a transcript the
// worker does not follow fails with the line and what was written.
#include "harness.hpp"

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
