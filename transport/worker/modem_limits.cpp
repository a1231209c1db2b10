// modem_limits.cpp - the modem's send limits as its jobs meet them: the
// times its parts went out, read from the store into the router (which
// decides for every modem alike, send_limit.hpp), and the jobs pinned here
// that wait for a limit to free.
#include "log/log.hpp"
#include "worker/modem_agent.hpp"

#include <algorithm>
#include <ctime>

namespace smsgate::worker {

namespace {

// The longest window a limit counts.
constexpr store::Seconds counted_window = 24 * 3600;

std::string clock_time(store::Seconds t)
{
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

} // namespace

void ModemAgent::count_sent()
{
    if (!config_.limits.any())
        return;
    auto times = store_->sent_times(config_.name, now() - counted_window);
    if (recorded(times, "send counts"))
        router_.sent_times(config_.name, std::move(*times));
}

bool ModemAgent::held_here(const store::Job& job)
{
    auto limit = router_.limit(config_.name, unsent_parts(job));
    if (limit.free()) {
        held_logged_.erase(job.id);
        return false;
    }
    // Said once per hold, not at every look.
    if (held_logged_[job.id] != limit.until) {
        held_logged_[job.id] = limit.until;
        log::info(job.key.queue_id + ": " + config_.name + ": waits for the " + held_name(limit.held) + " until " +
                  clock_time(limit.until) + "; a part went out on this modem, so no other sends the rest");
    }
    return true;
}

} // namespace smsgate::worker
