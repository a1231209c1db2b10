// send_limit.cpp - the limit decision over counts, limits and the time.
#include "worker/send_limit.hpp"

#include <algorithm>
#include <ctime>
#include <utility>

namespace smsgate::worker {

namespace {

constexpr store::Seconds hour = 3600;
constexpr store::Seconds day = 24 * hour;

struct Window {
    int sent = 0;             // parts sent in the window
    store::Seconds frees = 0; // when the message fits; 0 when it fits now
};

// The window of `length` ending now, under `limit` parts (0: none).
Window window(const std::vector<store::Seconds>& sent, store::Seconds now, store::Seconds length, int limit,
              int parts)
{
    auto first = std::upper_bound(sent.begin(), sent.end(), now - length);
    Window w;
    w.sent = static_cast<int>(sent.end() - first);
    if (limit <= 0)
        return w;
    // A message longer than the limit waits for an empty window.
    int need = std::min(parts, limit);
    int over = w.sent + need - limit; // parts that must leave the window first
    if (over > 0)
        w.frees = *(first + (over - 1)) + length;
    return w;
}

// When the quiet window that holds the local second ends (0: not quiet).
store::Seconds quiet_until(const config::QuietHours& quiet, const LimitClock& clock)
{
    int minute = clock.local_second / 60;
    if (!quiet.contains(minute))
        return 0;
    int minutes_left = (quiet.end - minute + 24 * 60) % (24 * 60);
    return clock.now - clock.local_second % 60 + static_cast<store::Seconds>(minutes_left) * 60;
}

} // namespace

LimitClock limit_clock(store::Seconds now)
{
    std::time_t t = static_cast<std::time_t>(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    return {now, tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec};
}

LimitState limit_state(const config::SendLimits& limits, const std::vector<store::Seconds>& sent,
                       const LimitClock& clock, int parts)
{
    parts = std::max(parts, 1);
    auto h = window(sent, clock.now, hour, limits.max_per_hour, parts);
    auto d = window(sent, clock.now, day, limits.max_per_day, parts);
    LimitState s;
    s.sent_hour = h.sent;
    s.sent_day = d.sent;
    store::Seconds quiet = limits.quiet ? quiet_until(*limits.quiet, clock) : 0;
    // The reason that holds longest is the one said.
    const std::pair<SendHold, store::Seconds> holds[] = {{SendHold::hourly, h.frees}, {SendHold::daily, d.frees}, {SendHold::quiet, quiet}};
    for (auto [held, until] : holds)
        if (until > 0 && until >= s.until) {
            s.held = held;
            s.until = until;
        }
    return s;
}

std::string held_name(SendHold held)
{
    switch (held) {
    case SendHold::quiet:
        return "quiet hours";
    case SendHold::daily:
        return "daily limit";
    case SendHold::hourly:
        return "hourly limit";
    case SendHold::no:
        break;
    }
    return "";
}

std::string every_modem_held_text(const std::vector<SendHold>& reasons)
{
    bool same = !reasons.empty() && std::all_of(reasons.begin(), reasons.end(), [&](SendHold h) { return h == reasons[0]; });
    if (same && reasons[0] == SendHold::quiet)
        return "every SIM is in its quiet hours";
    if (same && reasons[0] != SendHold::no)
        return "every SIM has reached its " + held_name(reasons[0]);
    return "every SIM has reached its send limit or is in its quiet hours";
}

std::string pinned_modem_held_text(SendHold held)
{
    if (held == SendHold::quiet)
        return "the SIM that sent its first parts is in its quiet hours";
    return "the SIM that sent its first parts has reached its " + held_name(held);
}

int unsent_parts(const store::Job& job)
{
    return static_cast<int>(std::count_if(job.parts.begin(), job.parts.end(),
                                          [](const store::Part& p) { return p.state != store::PartState::sent; }));
}

} // namespace smsgate::worker
