// router.cpp - modem choice by prefix and load, and the work signal.
#include "worker/router.hpp"

namespace smsgate::worker {

Router::Router(std::vector<Modem> modems) : modems_(std::move(modems))
{
    for (const auto& m : modems_) {
        ModemStatus s;
        s.name = m.name;
        status_.push_back(s);
    }
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
    return status_;
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

std::optional<std::size_t> Router::best(const std::string& number, const std::string& avoid) const
{
    std::optional<std::size_t> chosen;
    std::size_t chosen_prefix = 0;
    for (std::size_t i = 0; i < status_.size(); ++i) {
        if (!status_[i].can_send() || status_[i].name == avoid)
            continue;
        std::size_t prefix = best_prefix(i, number);
        if (!chosen || prefix > chosen_prefix ||
            (prefix == chosen_prefix && status_[i].busy < status_[*chosen].busy)) {
            chosen = i;
            chosen_prefix = prefix;
        }
    }
    return chosen;
}

std::optional<std::string> Router::choose(const std::string& number, std::optional<long long> job) const
{
    std::lock_guard lock(mutex_);
    std::optional<std::size_t> chosen;
    if (job)
        if (auto failed = failed_on_.find(*job); failed != failed_on_.end())
            chosen = best(number, failed->second);
    if (!chosen)
        chosen = best(number, "");
    if (!chosen)
        return std::nullopt;
    return status_[*chosen].name;
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

void Router::notify_work()
{
    std::lock_guard lock(mutex_);
    ++generation_;
}

unsigned long long Router::work_generation() const
{
    std::lock_guard lock(mutex_);
    return generation_;
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
    }
    stop_signal_.notify_all();
}

bool Router::stopping() const
{
    std::lock_guard lock(mutex_);
    return stopping_;
}

} // namespace smsgate::worker
