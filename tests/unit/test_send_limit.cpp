// The send limits of a SIM: a pure decision over the times its parts went
// out, its limits and the time; and the form of the quiet window.
#include "config/send_limits.hpp"
#include "worker/send_limit.hpp"

#include <doctest/doctest.h>

using namespace smsgate;
using namespace smsgate::worker;
using smsgate::store::Seconds;

namespace {

constexpr Seconds t0 = 1'800'000'000; // a Unix time; the local clock is given apart

LimitClock at(Seconds now, int hh = 12, int mm = 0, int ss = 0) { return {now, hh * 3600 + mm * 60 + ss}; }

config::SendLimits limits(int per_hour, int per_day, std::optional<config::QuietHours> quiet = {})
{
    return {per_hour, per_day, quiet};
}

} // namespace

TEST_CASE("send limit: no limits, nothing holds, and the counts are the last hour's and the last day's")
{
    std::vector<Seconds> sent{t0 - 90000, t0 - 80000, t0 - 3600, t0 - 3599, t0 - 10};
    auto s = limit_state(limits(0, 0), sent, at(t0), 50);
    CHECK(s.free());
    CHECK(s.sent_hour == 2); // t0-3600 is an hour ago: out of the window
    CHECK(s.sent_day == 4);
}

TEST_CASE("send limit: at max_per_hour the modem is held until the oldest part of the hour leaves it")
{
    std::vector<Seconds> sent{t0 - 3000, t0 - 2000, t0 - 1000};
    CHECK(limit_state(limits(4, 0), sent, at(t0)).free());
    auto s = limit_state(limits(3, 0), sent, at(t0));
    CHECK(s.held == SendHold::hourly);
    CHECK(s.until == t0 - 3000 + 3600);
    CHECK(limit_state(limits(3, 0), sent, at(t0 + 600)).free());
}

TEST_CASE("send limit: a message is taken only when all its parts fit")
{
    std::vector<Seconds> sent{t0 - 3000, t0 - 2000};
    CHECK(limit_state(limits(5, 0), sent, at(t0), 3).free());
    auto s = limit_state(limits(5, 0), sent, at(t0), 4); // one part over: the oldest must leave
    CHECK(s.held == SendHold::hourly);
    CHECK(s.until == t0 - 3000 + 3600);
    // Longer than the limit: it waits for an empty window, then goes whole.
    auto longer = limit_state(limits(2, 0), sent, at(t0), 6);
    CHECK(longer.held == SendHold::hourly);
    CHECK(longer.until == t0 - 2000 + 3600);
    CHECK(limit_state(limits(2, 0), {}, at(t0), 6).free());
}

TEST_CASE("send limit: the daily limit counts 24 hours, and the longer hold is the one said")
{
    std::vector<Seconds> sent{t0 - 80000, t0 - 70000, t0 - 100};
    auto s = limit_state(limits(1, 3), sent, at(t0));
    CHECK(s.held == SendHold::daily);
    CHECK(s.until == t0 - 80000 + 86400);
    CHECK(limit_state(limits(1, 4), sent, at(t0)).held == SendHold::hourly);
    CHECK(limit_state(limits(0, 3), sent, at(t0 + 6400)).free());
}

TEST_CASE("send limit: quiet hours hold until their end, over midnight too")
{
    auto night = config::QuietHours{22 * 60, 7 * 60};
    auto s = limit_state(limits(0, 0, night), {}, at(t0, 23, 30, 15));
    CHECK(s.held == SendHold::quiet);
    CHECK(s.until == t0 - (23 * 3600 + 30 * 60 + 15) + 24 * 3600 + 7 * 3600);
    auto morning = limit_state(limits(0, 0, night), {}, at(t0, 6, 59, 59));
    CHECK(morning.held == SendHold::quiet);
    CHECK(morning.until == t0 + 1);
    CHECK(limit_state(limits(0, 0, night), {}, at(t0, 7, 0)).free());
    CHECK(limit_state(limits(0, 0, night), {}, at(t0, 21, 59)).free());
    auto lunch = config::QuietHours{12 * 60, 13 * 60};
    CHECK(limit_state(limits(0, 0, lunch), {}, at(t0, 12, 0)).held == SendHold::quiet);
    CHECK(limit_state(limits(0, 0, lunch), {}, at(t0, 13, 0)).free());
}

TEST_CASE("send limit: what a delivery is told when every SIM is held")
{
    CHECK(every_modem_held_text({SendHold::daily, SendHold::daily}) == "every SIM has reached its daily limit");
    CHECK(every_modem_held_text({SendHold::hourly}) == "every SIM has reached its hourly limit");
    CHECK(every_modem_held_text({SendHold::quiet, SendHold::quiet}) == "every SIM is in its quiet hours");
    CHECK(every_modem_held_text({SendHold::quiet, SendHold::hourly}) ==
          "every SIM has reached its send limit or is in its quiet hours");
}

TEST_CASE("quiet_hours: HH:MM-HH:MM, and a clear error for anything else")
{
    auto q = config::parse_quiet_hours("22:00-07:30");
    REQUIRE(q.ok());
    CHECK(q->start == 22 * 60);
    CHECK(q->end == 7 * 60 + 30);
    CHECK(q->str() == "22:00-07:30");
    for (const char* bad : {"22-07", "22:00", "24:00-07:00", "22:60-07:00", "7:00-8:00", "22:00-22:00", "ab:cd-07:00",
                            "22:00 - 07:00", ""}) {
        CAPTURE(bad);
        auto r = config::parse_quiet_hours(bad);
        CHECK_FALSE(r.ok());
        if (!r.ok())
            CHECK(r.error().message.find("quiet_hours") != std::string::npos);
    }
}
