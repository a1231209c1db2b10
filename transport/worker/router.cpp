// router.cpp - modem choice by prefix and load, and the wake-ups.
#include "worker/router.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

namespace smsgate::worker {

namespace {

// The weight of the latest send in a modem's recent time per SMS.
constexpr double recent_weight = 0.25;
// The time per SMS assumed for a modem that has sent nothing yet.
constexpr double assumed_send_seconds = 1.0;

} // namespace

Router::Router(std::vector<Modem> modems, std::function<store::Seconds()> clock)
    : modems_(std::move(modems)), sent_(modems_.size()), clock_(std::move(clock))
{
    for (const auto& m : modems_) {
        ModemStatus s;
        s.name = m.name;
        s.limits = m.limits;
        status_.push_back(s);
        // Without one (no descriptors left) that modem looks for work every
        // idle slice instead.
        wake_fds_.push_back(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    }
}

Router::~Router()
{
    for (int fd : wake_fds_)
        if (fd >= 0)
            ::close(fd);
}

void Router::update(const std::string& modem, const std::function<void(ModemStatus&)>& change)
{
    bool woke = false;
    {
        std::lock_guard lock(mutex_);
        for (auto& s : status_) {
            if (s.name != modem)
                continue;
            bool could = s.can_send();
            change(s);
            woke = !could && s.can_send(); // a modem came back: its waiting jobs can go
        }
    }
    if (woke)
        notify_work();
}

std::vector<ModemStatus> Router::statuses() const
{
    std::lock_guard lock(mutex_);
    auto out = status_;
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].limit = limit_of(i, 1);
    return out;
}

LimitState Router::limit_of(std::size_t modem, int parts) const
{
    return limit_state(modems_[modem].limits, sent_[modem], limit_clock(clock_()), parts);
}

LimitState Router::limit(const std::string& modem, int parts) const
{
    std::lock_guard lock(mutex_);
    auto i = index_of(modem);
    return i ? limit_of(*i, parts) : LimitState{};
}

std::optional<std::vector<SendHold>> Router::held_everywhere(int parts) const
{
    std::lock_guard lock(mutex_);
    std::vector<SendHold> reasons;
    for (std::size_t i = 0; i < status_.size(); ++i) {
        if (!status_[i].can_send())
            continue;
        auto held = limit_of(i, parts).held;
        if (held == SendHold::no)
            return std::nullopt;
        reasons.push_back(held);
    }
    if (reasons.empty())
        return std::nullopt;
    return reasons;
}

void Router::sent_times(const std::string& modem, std::vector<store::Seconds> times)
{
    std::lock_guard lock(mutex_);
    if (auto i = index_of(modem))
        sent_[*i] = std::move(times);
}

void Router::part_sent(const std::string& modem)
{
    std::lock_guard lock(mutex_);
    auto i = index_of(modem);
    if (!i || !modems_[*i].limits.any())
        return;
    // Only the last day counts: older times go.
    constexpr store::Seconds day = 24 * 3600;
    auto now = clock_();
    auto& sent = sent_[*i];
    sent.erase(sent.begin(), std::upper_bound(sent.begin(), sent.end(), now - day));
    sent.push_back(now);
}

bool Router::any_can_send() const
{
    std::lock_guard lock(mutex_);
    for (const auto& s : status_)
        if (s.can_send())
            return true;
    return false;
}

std::size_t Router::best_prefix(std::size_t modem, const std::string& number) const
{
    std::size_t best = 0;
    for (const auto& p : modems_[modem].prefixes)
        if (number.rfind(p, 0) == 0 && p.size() > best)
            best = p.size();
    return best;
}

double Router::free_in(std::size_t modem) const
{
    const auto& s = status_[modem];
    return s.busy * (s.send_seconds > 0 ? s.send_seconds : assumed_send_seconds);
}

std::optional<std::size_t> Router::index_of(const std::string& modem) const
{
    for (std::size_t i = 0; i < status_.size(); ++i)
        if (status_[i].name == modem)
            return i;
    return std::nullopt;
}

std::optional<std::size_t> Router::best(const std::string& number, const std::string& avoid,
                                        const std::string& asker, int parts) const
{
    // The rank: the longest prefix among the modems that may send, and
    // whose limits let them send the message now.
    std::vector<bool> may(status_.size());
    std::optional<std::size_t> rank;
    for (std::size_t i = 0; i < status_.size(); ++i) {
        may[i] = status_[i].can_send() && status_[i].name != avoid && limit_of(i, parts).free();
        if (may[i])
            rank = std::max(rank.value_or(0), best_prefix(i, number));
    }
    if (!rank)
        return std::nullopt;
    auto in_rank = [&](std::size_t i) { return may[i] && best_prefix(i, number) == *rank; };
    double soonest = 0;
    bool first = true;
    for (std::size_t i = 0; i < status_.size(); ++i)
        if (in_rank(i) && (first || free_in(i) < soonest)) {
            soonest = free_in(i);
            first = false;
        }
    if (auto self = index_of(asker); self && in_rank(*self) && free_in(*self) <= soonest)
        return self;
    // Round-robin between equals: the first from this turn on.
    for (std::size_t k = 0; k < status_.size(); ++k) {
        std::size_t i = (next_turn_ + k) % status_.size();
        if (in_rank(i) && free_in(i) <= soonest)
            return i;
    }
    return std::nullopt;
}

std::optional<std::string> Router::choose(const std::string& number, std::optional<long long> job,
                                          const std::string& asker, int parts)
{
    std::lock_guard lock(mutex_);
    std::optional<std::size_t> chosen;
    if (job)
        if (auto failed = failed_on_.find(*job); failed != failed_on_.end())
            chosen = best(number, failed->second, asker, parts);
    if (!chosen)
        chosen = best(number, "", asker, parts);
    if (!chosen)
        return std::nullopt;
    if (status_[*chosen].name != asker)
        next_turn_ = *chosen + 1;
    return status_[*chosen].name;
}

void Router::sent_in(const std::string& modem, std::chrono::duration<double> took)
{
    std::lock_guard lock(mutex_);
    if (auto i = index_of(modem)) {
        double& recent = status_[*i].send_seconds;
        recent = recent > 0 ? recent + recent_weight * (took.count() - recent) : took.count();
    }
}

void Router::failed_on(long long job, const std::string& modem)
{
    // Bounded: the oldest jobs (the lowest ids) go first; they finished
    // long ago or are merely retried on any modem.
    constexpr std::size_t kept = 4096;
    std::lock_guard lock(mutex_);
    failed_on_[job] = modem;
    if (failed_on_.size() > kept)
        failed_on_.erase(failed_on_.begin());
}

void Router::done(long long job)
{
    std::lock_guard lock(mutex_);
    failed_on_.erase(job);
}

void Router::notify_work(const std::string& number)
{
    std::lock_guard lock(mutex_);
    ++generation_;
    if (number.empty()) {
        for (std::size_t i = 0; i < status_.size(); ++i)
            if (status_[i].can_send())
                wake_locked(i);
        return;
    }
    if (auto chosen = best(number, "", "", 1)) {
        next_turn_ = *chosen + 1;
        wake_locked(*chosen);
    }
}

unsigned long long Router::work_generation() const
{
    std::lock_guard lock(mutex_);
    return generation_;
}

void Router::wake_locked(std::size_t modem) const
{
    std::uint64_t one = 1;
    if (wake_fds_[modem] >= 0)
        (void)!::write(wake_fds_[modem], &one, sizeof one);
}

void Router::wake(const std::string& modem)
{
    std::lock_guard lock(mutex_);
    if (auto i = index_of(modem))
        wake_locked(*i);
}

int Router::wake_fd(const std::string& modem) const
{
    std::lock_guard lock(mutex_);
    auto i = index_of(modem);
    return i ? wake_fds_[*i] : -1;
}

void Router::pause_until(std::chrono::steady_clock::time_point deadline)
{
    std::unique_lock lock(mutex_);
    stop_signal_.wait_until(lock, deadline, [&] { return stopping_; });
}

void Router::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (std::size_t i = 0; i < status_.size(); ++i)
            wake_locked(i);
    }
    stop_signal_.notify_all();
}

bool Router::stopping() const
{
    std::lock_guard lock(mutex_);
    return stopping_;
}

} // namespace smsgate::worker
