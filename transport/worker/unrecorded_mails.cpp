// unrecorded_mails.cpp - the outbox's memory of what the store missed.
#include "worker/unrecorded_mails.hpp"

#include <algorithm>

namespace smsgate::worker {

void UnrecordedMails::taken(store::Id id, const std::string& key, store::Seconds now)
{
    mails_[id] = Entry{key, true, now + first_mark_pause, 1};
}

void UnrecordedMails::refused(store::Id id, const std::string& key, store::Seconds until)
{
    auto& entry = mails_[id];
    if (entry.taken)
        return; // taken once is taken for good
    entry = Entry{key, false, until, 0};
}

bool UnrecordedMails::holds(store::Id id, store::Seconds now) const
{
    auto found = mails_.find(id);
    if (found == mails_.end())
        return false;
    return found->second.taken || found->second.due > now;
}

std::size_t UnrecordedMails::taken_count() const
{
    std::size_t n = 0;
    for (const auto& [id, entry] : mails_)
        n += entry.taken ? 1 : 0;
    return n;
}

std::vector<UnrecordedMails::Mark> UnrecordedMails::marks_due(store::Seconds now) const
{
    std::vector<Mark> due;
    for (const auto& [id, entry] : mails_)
        if (entry.taken && entry.due <= now)
            due.push_back({id, entry.key, entry.failures});
    return due;
}

void UnrecordedMails::mark_failed(store::Id id, store::Seconds now)
{
    auto found = mails_.find(id);
    if (found == mails_.end() || !found->second.taken)
        return;
    auto& entry = found->second;
    ++entry.failures;
    store::Seconds pause = first_mark_pause << std::min(entry.failures - 1, 16);
    entry.due = now + std::min(pause, max_mark_pause);
}

void UnrecordedMails::recorded(store::Id id)
{
    mails_.erase(id);
}

std::optional<store::Seconds> UnrecordedMails::next_due() const
{
    std::optional<store::Seconds> next;
    for (const auto& [id, entry] : mails_)
        if (!next || entry.due < *next)
            next = entry.due;
    return next;
}

} // namespace smsgate::worker
