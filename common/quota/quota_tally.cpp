// quota_tally.cpp - the milter's quota counts in memory (see quota_tally.hpp).
#include "quota/quota_tally.hpp"

#include <algorithm>
#include <limits>

namespace smsgate::quota {

namespace {

constexpr std::int64_t hours_per_day = 24;

void add(int& total, std::int64_t n)
{
    total = static_cast<int>(std::clamp<std::int64_t>(std::int64_t{total} + n, 0, std::numeric_limits<int>::max()));
}

} // namespace

QuotaBook::Usage QuotaTally::usage_locked(const std::string& key, std::int64_t now) const
{
    std::int64_t hour = clock_hour(now);
    std::int64_t first = first_hour_of_day(now);
    std::int64_t last = first + hours_per_day - 1;
    QuotaBook::Usage used;
    auto count = [&](std::int64_t h, std::int64_t n) {
        if (h < first || h > last)
            return;
        add(used.day, n);
        if (h == hour)
            add(used.hour, n);
    };
    if (auto k = stored_.find(key); k != stored_.end())
        for (auto [h, n] : k->second)
            count(h, n);
    for (const auto& e : entries_)
        if (e.record.key == key)
            count(clock_hour(e.record.now), e.record.n);
    return used;
}

Result<std::optional<std::string>> QuotaTally::check(const std::string& key, const policy::Quota& quota, int more,
                                                     std::int64_t now)
{
    if (more < 0)
        return make_error("quota check", "negative count " + std::to_string(more));
    if (!quota.limited())
        return std::optional<std::string>();
    std::lock_guard lock(mutex_);
    if (!loaded_)
        return make_error("quota check", "the counts have not been read from the quota database yet");
    auto used = usage_locked(key, now);
    // SMS granted to messages still in flight count as sent.
    if (auto r = reserved_.find(key); r != reserved_.end()) {
        add(used.hour, r->second);
        add(used.day, r->second);
    }
    return over_quota(quota, used, more, now);
}

void QuotaTally::reserve(const std::string& key, int n)
{
    if (n <= 0)
        return;
    std::lock_guard lock(mutex_);
    reserved_[key] += n;
}

void QuotaTally::release(const std::string& key, int n)
{
    if (n <= 0)
        return;
    std::lock_guard lock(mutex_);
    auto r = reserved_.find(key);
    if (r == reserved_.end())
        return;
    r->second -= n;
    if (r->second <= 0)
        reserved_.erase(r);
}

Status QuotaTally::record(const std::string& key, int n, std::int64_t now, const std::string& queue_id,
                          const std::vector<std::string>& numbers)
{
    if (n < 0)
        return make_error("quota record", "negative count " + std::to_string(n));
    if (n == 0)
        return Done{};
    {
        std::lock_guard lock(mutex_);
        entries_.push_back(Entry{next_sequence_++, Record{key, n, now, queue_id, numbers}});
    }
    wake_.notify_one();
    return Done{};
}

std::vector<std::pair<std::uint64_t, QuotaTally::Record>> QuotaTally::unwritten() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::uint64_t, Record>> out;
    for (const auto& e : entries_)
        if (!e.written)
            out.emplace_back(e.sequence, e.record);
    return out;
}

void QuotaTally::written(std::uint64_t sequence)
{
    std::lock_guard lock(mutex_);
    for (auto& e : entries_)
        if (e.sequence == sequence)
            e.written = true;
}

void QuotaTally::refresh(std::vector<QuotaBook::Count> counts)
{
    std::map<std::string, std::map<std::int64_t, int>> stored;
    for (auto& c : counts)
        stored[std::move(c.key)][c.hour] = c.sent;
    std::lock_guard lock(mutex_);
    stored_ = std::move(stored);
    std::erase_if(entries_, [](const Entry& e) { return e.written; });
    loaded_ = true;
}

bool QuotaTally::pending() const
{
    std::lock_guard lock(mutex_);
    return std::any_of(entries_.begin(), entries_.end(), [](const Entry& e) { return !e.written; });
}

bool QuotaTally::wait(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, timeout, [&] {
        return stopping_ || std::any_of(entries_.begin(), entries_.end(), [](const Entry& e) { return !e.written; });
    });
    return !stopping_;
}

bool QuotaTally::pause(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, timeout, [&] { return stopping_; });
    return !stopping_;
}

void QuotaTally::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
}

} // namespace smsgate::quota
