// Resynchronisation after ESC: the driver sends AT until its OK comes with
// no late answer after it, so that an answer of what the ESC aborted (or
// the ESC's own OK, from a modem at its prompt) is never taken for the next
// command's; when no OK comes within a bound of tries, the session fails.
#include "harness.hpp"

#include <doctest/doctest.h>

using namespace smsgate;
using namespace smsgate::transcript;

TEST_CASE("resync: a late answer after the ESC is dropped, and AT sent again")
{
    Harness h;
    // The modem was at its prompt: it answers the ESC with OK, late, after
    // the driver dropped its input, and the AT's own OK comes after that.
    auto failure = h.play_text("< \\x1b\n= sleep 100\n> OK\n"
                               "< AT\n= sleep 150\n> OK\n"
                               "# the OK after the AT's was late: ESC and AT again\n"
                               "< \\x1b\n< AT\n> OK\n"
                               "< AT\n> OK\n< ATE0\n> OK\n",
                               "late-ok.txt");
    CHECK_MESSAGE(failure.empty(), failure);
}

TEST_CASE("resync: a modem that never answers AT with OK fails the session, after a bounded number of tries")
{
    Harness h;
    std::string tries;
    for (int i = 0; i < 4; ++i)
        tries += "< \\x1b\n< AT\n> ERROR\n";
    // Nothing follows the fourth try: the session ends there, and the
    // harness waits for a worker that no longer writes (and stops it before
    // it reopens the link a second later).
    auto failure = h.play_text(tries, "never-ok.txt", std::chrono::milliseconds(500));
    CHECK(failure.find("the end: still waiting for the worker") != std::string::npos);
    CHECK_MESSAGE(failure.find("gsm0: no OK to AT after ESC in 4 tries; the modem is out of step") != std::string::npos,
                  failure);
    CHECK(h.status.last_error == "initialisation: no OK to AT");
}
