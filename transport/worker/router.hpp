// router.hpp - which modem sends to a number, and the wake-ups of the modem
// threads. Among the modems that can send now (link up, registered), those
// whose configured prefix matches the number longest; among them, the one
// that will be free first (what it is sending times its recent time per
// SMS), round-robin between equals. The modem threads pull the jobs: a free
// modem asking for itself takes a job whenever no other of its rank would
// be free sooner, and wakes the one chosen when it is not.
// A modem held by its send limits (send_limit.hpp) for the message is left
// out of the choice, as one that cannot send.
// Shared by the modem threads and the socket server; every call is
// thread-safe.
#pragma once

#include "config/send_limits.hpp"
#include "modem/events.hpp"
#include "store/store.hpp"
#include "worker/send_limit.hpp"

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
    double send_seconds = 0;     // recent time per SMS sent (moving average); 0: none sent yet
    config::SendLimits limits;   // its SIM's, from the configuration
    LimitState limit;            // for a one-part message, when statuses() was read

    bool can_send() const { return link == "up" && registered; }
};

class Router {
public:
    struct Modem {
        std::string name;
        std::vector<std::string> prefixes;
        config::SendLimits limits{};
    };
    // clock: the time the send limits are read at (tests set one).
    explicit Router(std::vector<Modem> modems, std::function<store::Seconds()> clock = store::clock_now);
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    void update(const std::string& modem, const std::function<void(ModemStatus&)>& change);
    std::vector<ModemStatus> statuses() const;
    bool any_can_send() const;
    // The modem for this number now, or nothing when none can send. For a
    // job, a modem its send failed on (failed_on) is chosen only when no
    // other can send. asker: the modem that asks for itself; it is chosen
    // when it is as good as the best.
    // parts: those of the message still to send, which must fit under the
    // limits of the modem chosen.
    std::optional<std::string> choose(const std::string& number, std::optional<long long> job = {},
                                      const std::string& asker = {}, int parts = 1);
    // The send limits: when the parts the modem sent went out (from the
    // store, oldest first), and one more part sent now.
    void sent_times(const std::string& modem, std::vector<store::Seconds> times);
    void part_sent(const std::string& modem);
    // Whether the modem may send a message of so many parts now, and if
    // not, why and until when.
    LimitState limit(const std::string& modem, int parts = 1) const;
    // Why each modem that can send is held for a message of so many parts,
    // when all are; nothing when one is free or none can send at all.
    std::optional<std::vector<SendHold>> held_everywhere(int parts) const;
    // A part went out on the modem after this long: its recent time per SMS.
    void sent_in(const std::string& modem, std::chrono::duration<double> took);
    // A send of the job failed on this modem (a +CMS ERROR, the link):
    // its retry goes to another modem that is up. done() forgets it.
    void failed_on(long long job, const std::string& modem);
    void done(long long job);

    // New work: advances the generation, which a modem thread reads before
    // it looks for work and again before it idles, so that no signal is
    // lost between the two, and wakes the modem that would take a job to
    // the number; with no number (a modem came back), every modem that can
    // send.
    void notify_work(const std::string& number = {});
    unsigned long long work_generation() const;
    // Wakes one modem's thread: its wake_fd() becomes readable.
    void wake(const std::string& modem);
    // The eventfd of the modem's thread (-1 for an unknown name).
    int wake_fd(const std::string& modem) const;
    // Sleeps until the deadline or stop().
    void pause_until(std::chrono::steady_clock::time_point deadline);
    void stop();
    bool stopping() const;

private:
    std::size_t best_prefix(std::size_t modem, const std::string& number) const;
    double free_in(std::size_t modem) const;
    std::optional<std::size_t> best(const std::string& number, const std::string& avoid, const std::string& asker,
                                    int parts) const;
    LimitState limit_of(std::size_t modem, int parts) const;
    std::optional<std::size_t> index_of(const std::string& modem) const;
    void wake_locked(std::size_t modem) const;

    mutable std::mutex mutex_;
    std::condition_variable stop_signal_; // wakes pause_until() on stop()
    unsigned long long generation_ = 0;
    bool stopping_ = false;
    std::vector<Modem> modems_;
    std::vector<ModemStatus> status_;
    std::map<long long, std::string> failed_on_; // job -> the modem its last send failed on
    std::size_t next_turn_ = 0;                  // round-robin between equals: where the search starts
    std::vector<int> wake_fds_;                  // one eventfd per modem, in the order of modems_
    std::vector<std::vector<store::Seconds>> sent_; // per modem: when its parts went out, oldest first
    std::function<store::Seconds()> clock_;
};

} // namespace smsgate::worker
