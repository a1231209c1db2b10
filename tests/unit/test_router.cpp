// The router: which modem sends to a number, and the wake-ups of the modem
// threads.
#include "worker/router.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdint>
#include <string>

using namespace smsgate::worker;

namespace {

void up(ModemStatus& s)
{
    s.link = "up";
    s.registered = true;
}

// How many wake-ups are waiting on the modem's eventfd (and takes them).
std::uint64_t wakes(const Router& r, const std::string& modem)
{
    std::uint64_t n = 0;
    if (::read(r.wake_fd(modem), &n, sizeof n) != sizeof n)
        return 0;
    return n;
}

} // namespace

TEST_CASE("router: a free modem asking for itself takes the job, a busy one leaves it to the one free first")
{
    Router r(std::vector<Router::Modem>{{"a", {}}, {"b", {}}, {"c", {}}});
    for (const char* m : {"a", "b", "c"})
        r.update(m, up);
    // All free: whoever asks takes it, not the first of the list.
    CHECK(r.choose("+32477324847", 1, "c") == "c");
    CHECK(r.choose("+32477324847", 1, "b") == "b");
    // c is sending: a free modem is free sooner.
    r.update("c", [](ModemStatus& s) { s.busy = 1; });
    auto other = r.choose("+32477324847", 1, "c");
    CHECK((other == "a" || other == "b"));
    // All busy: the one whose queue times its recent time per SMS ends first.
    r.update("a", [](ModemStatus& s) { s.busy = 1; });
    r.update("b", [](ModemStatus& s) { s.busy = 1; });
    r.sent_in("a", std::chrono::seconds(4));
    r.sent_in("b", std::chrono::seconds(2));
    r.sent_in("c", std::chrono::seconds(3));
    CHECK(r.choose("+32477324847", 1, "a") == "b");
    r.update("b", [](ModemStatus& s) { s.busy = 2; }); // 2 x 2 s against c's 1 x 3 s
    CHECK(r.choose("+32477324847", 1, "a") == "c");
    // The recent time follows the latest sends.
    for (int i = 0; i < 20; ++i)
        r.sent_in("a", std::chrono::milliseconds(500));
    CHECK(r.statuses()[0].send_seconds < 0.6);
    CHECK(r.choose("+32477324847", 1, "c") == "a");
}

TEST_CASE("router: a longer prefix outranks a free modem, and the modem a job failed on gives way")
{
    Router r(std::vector<Router::Modem>{{"be-mobile", {"+3247"}}, {"any", {}}});
    r.update("be-mobile", up);
    r.update("any", up);
    r.update("be-mobile", [](ModemStatus& s) { s.busy = 1; });
    CHECK(r.choose("+32477324847", 1, "any") == "be-mobile");
    CHECK(r.choose("+31612345678", 2, "any") == "any");
    r.failed_on(3, "any");
    CHECK(r.choose("+31612345678", 3, "any") == "be-mobile");
}

TEST_CASE("router: new work wakes the modems of the best rank in turn")
{
    Router r(std::vector<Router::Modem>{{"a", {"+32"}}, {"b", {"+32"}}, {"c", {"+32"}}, {"d", {"+32"}}, {"nl", {"+31"}}});
    for (const char* m : {"a", "b", "c", "d", "nl"})
        r.update(m, up);
    for (const char* m : {"a", "b", "c", "d", "nl"})
        REQUIRE(r.wake_fd(m) >= 0);
    for (const char* m : {"a", "b", "c", "d", "nl"})
        wakes(r, m); // the ones of coming up
    for (int i = 0; i < 8; ++i)
        r.notify_work("+32477324847");
    // Each of the four equal modems twice, none of them more: round-robin.
    for (const char* m : {"a", "b", "c", "d"}) {
        CAPTURE(m);
        CHECK(wakes(r, m) == 2);
    }
    // The Dutch number wakes the modem of its prefix only.
    r.notify_work("+31612345678");
    CHECK(wakes(r, "nl") == 1);
    CHECK(wakes(r, "nl") == 0);
    CHECK(wakes(r, "a") == 0);
    // A skipped job wakes the modem preferred, by name.
    r.wake("c");
    CHECK(wakes(r, "c") == 1);
    // Stopping wakes every thread, registered or not.
    r.update("d", [](ModemStatus& s) { s.registered = false; });
    r.stop();
    for (const char* m : {"a", "b", "c", "d", "nl"})
        CHECK(wakes(r, m) == 1);
}

TEST_CASE("router: the longest matching prefix among modems that can send, then the least busy")
{
    Router r(std::vector<Router::Modem>{{"be", {"+32"}}, {"be-mobile", {"+3247"}}, {"any", {}}});
    CHECK_FALSE(r.choose("+32477324847"));
    CHECK_FALSE(r.any_can_send());
    r.update("any", up);
    CHECK(r.choose("+32477324847") == "any");
    r.update("be", up);
    CHECK(r.choose("+32477324847") == "be");
    CHECK(r.choose("+31612345678").has_value()); // no prefix matches: any modem that can send
    r.update("be-mobile", up);
    CHECK(r.choose("+32477324847") == "be-mobile");
    CHECK(r.choose("+3221234567") == "be");
    // be-mobile loses its network: its numbers go to the next best
    r.update("be-mobile", [](ModemStatus& s) { s.registered = false; });
    CHECK(r.choose("+32477324847") == "be");
    // between equals, the least busy
    r.update("be", [](ModemStatus& s) { s.busy = 3; });
    Router equal(std::vector<Router::Modem>{{"a", {}}, {"b", {}}});
    equal.update("a", up);
    equal.update("b", up);
    equal.update("a", [](ModemStatus& s) { s.busy = 2; });
    CHECK(equal.choose("+1555") == "b");
}

TEST_CASE("router: a job's retry avoids the modem it failed on while another can send")
{
    Router r(std::vector<Router::Modem>{{"a", {"+3247"}}, {"b", {}}});
    r.update("a", up);
    r.update("b", up);
    CHECK(r.choose("+32477324847", 7) == "a");
    r.failed_on(7, "a");
    CHECK(r.choose("+32477324847", 7) == "b");
    CHECK(r.choose("+32477324847", 8) == "a"); // other jobs keep their choice
    CHECK(r.choose("+32477324847") == "a");
    // the failed modem is still chosen when it is the only one up
    r.update("b", [](ModemStatus& s) { s.registered = false; });
    CHECK(r.choose("+32477324847", 7) == "a");
    r.update("b", up);
    r.done(7);
    CHECK(r.choose("+32477324847", 7) == "a");
}

TEST_CASE("router: new work advances the generation a modem thread compares, and stop ends a pause")
{
    Router r(std::vector<Router::Modem>{{"a", {}}});
    auto seen = r.work_generation();
    r.notify_work();
    CHECK(r.work_generation() != seen);
    auto start = std::chrono::steady_clock::now();
    r.stop();
    CHECK(r.stopping());
    r.pause_until(start + std::chrono::hours(1)); // returns at once: stopped
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::minutes(1));
}

TEST_CASE("router: a modem that comes back wakes the waiting threads")
{
    Router r(std::vector<Router::Modem>{{"a", {}}, {"b", {}}});
    r.update("b", up);
    wakes(r, "b");
    auto seen = r.work_generation();
    r.update("a", up);
    CHECK(r.work_generation() != seen);
    CHECK(wakes(r, "a") == 1);
    CHECK(wakes(r, "b") == 1);
}

TEST_CASE("router: a modem held by its send limits is passed over, and held_everywhere says why")
{
    smsgate::store::Seconds now = 1'800'000'000;
    smsgate::config::SendLimits two_an_hour{2, 0, {}};
    Router r(std::vector<Router::Modem>{{"a", {}, two_an_hour}, {"b", {}, two_an_hour}}, [&] { return now; });
    r.update("a", up);
    r.update("b", up);
    CHECK(r.choose("+32477324847", 1, "a") == "a");
    r.sent_times("a", {now - 100, now - 50});
    CHECK_FALSE(r.limit("a").free());
    CHECK(r.limit("a").until == now - 100 + 3600);
    CHECK(r.limit("b", 2).free());
    CHECK(r.limit("b", 3).free()); // longer than the limit, the window empty: whole
    // a asks, but it is held: b takes the job.
    CHECK(r.choose("+32477324847", 1, "a") == "b");
    CHECK_FALSE(r.held_everywhere(1));
    // b sends one part: a message of two parts fits nowhere, one of one part on b.
    r.part_sent("b");
    CHECK(r.choose("+32477324847", 2, "a", 2) == std::nullopt);
    CHECK(r.choose("+32477324847", 2, "a", 1) == "b");
    auto held = r.held_everywhere(2);
    REQUIRE(held);
    CHECK(*held == std::vector<SendHold>{SendHold::hourly, SendHold::hourly});
    // The status shows the counts and the hold for a one-part message.
    auto s = r.statuses();
    CHECK(s[0].limit.sent_hour == 2);
    CHECK(s[0].limit.held == SendHold::hourly);
    CHECK(s[1].limit.sent_hour == 1);
    CHECK(s[1].limit.free());
    // An hour later both are free again.
    now += 3600;
    CHECK_FALSE(r.held_everywhere(2));
    CHECK(r.choose("+32477324847", 3, "a", 2) == "a");
}
