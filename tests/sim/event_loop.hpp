// event_loop.hpp - the simulator's single thread: poll(2) over descriptors,
// and timers on the monotonic clock. Nothing in the simulator blocks; every
// wait (a command's latency, a status report's delay) is a timer here.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>

namespace smsgate::sim {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

class EventLoop {
public:
    using FdHandler = std::function<void(short revents)>;
    using TimerId = std::uint64_t;

    // Watches fd for events (POLLIN, POLLOUT); replaces an earlier watch.
    void watch(int fd, short events, FdHandler handler);
    void set_events(int fd, short events);
    void unwatch(int fd);

    // Runs fn once, delay from now. Timers due at the same time run in the
    // order they were set.
    TimerId after(Millis delay, std::function<void()> fn);
    void cancel(TimerId id);

    // Until stop(); an error of poll(2) other than EINTR throws.
    void run();
    void stop() { stopped_ = true; }

private:
    struct Watch {
        short events;
        FdHandler handler;
        std::uint64_t generation;
    };
    struct Timer {
        Clock::time_point when;
        std::function<void()> fn;
    };

    int poll_timeout_ms() const;
    void poll_once();
    void run_due_timers();

    std::map<int, Watch> watches_;
    std::map<TimerId, Timer> timers_;
    TimerId next_timer_ = 1;
    std::uint64_t next_generation_ = 1;
    bool stopped_ = false;
};

} // namespace smsgate::sim
