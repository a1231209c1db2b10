// event_loop.cpp - poll(2) and timers.
#include "event_loop.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <utility>
#include <vector>

namespace smsgate::sim {

void EventLoop::watch(int fd, short events, FdHandler handler)
{
    watches_[fd] = Watch{events, std::move(handler), next_generation_++};
}

void EventLoop::set_events(int fd, short events)
{
    if (auto it = watches_.find(fd); it != watches_.end())
        it->second.events = events;
}

void EventLoop::unwatch(int fd) { watches_.erase(fd); }

EventLoop::TimerId EventLoop::after(Millis delay, std::function<void()> fn)
{
    TimerId id = next_timer_++;
    timers_[id] = Timer{Clock::now() + std::max(delay, Millis(0)), std::move(fn)};
    return id;
}

void EventLoop::cancel(TimerId id) { timers_.erase(id); }

int EventLoop::poll_timeout_ms() const
{
    if (timers_.empty())
        return -1;
    auto next = std::min_element(timers_.begin(), timers_.end(), [](const auto& a, const auto& b) {
                    return a.second.when < b.second.when;
                })->second.when;
    auto wait = std::chrono::ceil<Millis>(next - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(wait, 0, 60'000));
}

void EventLoop::poll_once()
{
    std::vector<pollfd> fds;
    std::vector<std::uint64_t> generations;
    for (const auto& [fd, w] : watches_) {
        fds.push_back(pollfd{fd, w.events, 0});
        generations.push_back(w.generation);
    }
    int n = ::poll(fds.data(), fds.size(), poll_timeout_ms());
    if (n < 0) {
        if (errno == EINTR)
            return;
        throw std::system_error(errno, std::generic_category(), "poll");
    }
    for (std::size_t i = 0; i < fds.size() && !stopped_; ++i) {
        if (fds[i].revents == 0)
            continue;
        // A handler run earlier in this round may have dropped or replaced
        // this watch: its events are stale then.
        auto it = watches_.find(fds[i].fd);
        if (it == watches_.end() || it->second.generation != generations[i])
            continue;
        FdHandler handler = it->second.handler; // the handler may unwatch itself
        handler(fds[i].revents);
    }
}

void EventLoop::run_due_timers()
{
    auto now = Clock::now();
    std::vector<std::pair<Clock::time_point, TimerId>> due;
    for (const auto& [id, t] : timers_)
        if (t.when <= now)
            due.emplace_back(t.when, id);
    std::sort(due.begin(), due.end());
    for (const auto& [when, id] : due) {
        auto it = timers_.find(id);
        if (it == timers_.end() || stopped_)
            continue; // cancelled by an earlier timer
        auto fn = std::move(it->second.fn);
        timers_.erase(it);
        fn();
    }
}

void EventLoop::run()
{
    while (!stopped_) {
        poll_once();
        run_due_timers();
    }
}

} // namespace smsgate::sim
