// router.hpp - which modem sends to a number: among the modems that can send
// now (link up, registered), the one whose configured prefix matches the
// number longest; between equals, the least busy. Shared by the modem
// threads and the socket server; every call is thread-safe.
#pragma once

#include "modem/events.hpp"

#include <condition_variable>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::worker {

// What the driver says of the modem (link, registration, signal, model,
// last error), and what the worker counts.
struct ModemStatus : modem::State {
    std::string name;
    int busy = 0;                // parts being sent now and jobs claimed
    long long sent = 0, failed = 0, received = 0;

    bool can_send() const { return link == "up" && registered; }
};

class Router {
public:
    struct Modem {
        std::string name;
        std::vector<std::string> prefixes;
    };
    explicit Router(std::vector<Modem> modems);

    void update(const std::string& modem, const std::function<void(ModemStatus&)>& change);
    std::vector<ModemStatus> statuses() const;
    bool any_can_send() const;
    // The modem for this number now, or nothing when none can send. For a
    // job, a modem its send failed on (failed_on) is chosen only when no
    // other can send.
    std::optional<std::string> choose(const std::string& number, std::optional<long long> job = {}) const;
    // A send of the job failed on this modem (a +CMS ERROR, the link):
    // its retry goes to another modem that is up. done() forgets it.
    void failed_on(long long job, const std::string& modem);
    void done(long long job);

    // New work (a submitted job, a modem that came back): advances the
    // generation, which a modem thread reads before it looks for work and
    // again before it idles, so that no signal is lost between the two.
    void notify_work();
    unsigned long long work_generation() const;
    // Sleeps until the deadline or stop().
    void pause_until(std::chrono::steady_clock::time_point deadline);
    void stop();
    bool stopping() const;

private:
    std::size_t best_prefix(std::size_t modem, const std::string& number) const;
    std::optional<std::size_t> best(const std::string& number, const std::string& avoid) const;

    mutable std::mutex mutex_;
    std::condition_variable stop_signal_; // wakes pause_until() on stop()
    unsigned long long generation_ = 0;
    bool stopping_ = false;
    std::vector<Modem> modems_;
    std::vector<ModemStatus> status_;
    std::map<long long, std::string> failed_on_; // job -> the modem its last send failed on
};

} // namespace smsgate::worker
