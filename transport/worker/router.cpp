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

std::optional<std::string> Router::choose(const std::string& number) const
{
    std::lock_guard lock(mutex_);
    std::optional<std::size_t> chosen;
    std::size_t chosen_prefix = 0;
    for (std::size_t i = 0; i < status_.size(); ++i) {
        if (!status_[i].can_send())
            continue;
        std::size_t prefix = best_prefix(i, number);
        if (!chosen || prefix > chosen_prefix ||
            (prefix == chosen_prefix && status_[i].busy < status_[*chosen].busy)) {
            chosen = i;
            chosen_prefix = prefix;
        }
    }
    if (!chosen)
        return std::nullopt;
    return status_[*chosen].name;
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
