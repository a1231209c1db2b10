// quota_tally.hpp - the quota book as one process sees it in memory: the
// counts of the day read from the book, the SMS this process counted that
// are not in the book yet, and the SMS held for messages in flight. The
// milter's callbacks ask and count here only (no SQLite call, no disk
// wait); one writer, outside the callbacks, takes what they counted to the
// book and reads the book back (QuotaWriter in smsgate-milter).
//
// AUTHORITY
//      One smsgate-milter is one process with threads, so this table is
//      what decides for the milter. The book on disk is shared with
//      smsgate-transport, whose claim() sees the milter's marks once the
//      writer has written them; refresh() brings in what the transport and
//      other processes counted. Between two refreshes a sender may overshoot
//      by what another process counted meanwhile, which a quota of cost and
//      abuse over an hour or a day can bear (as with reservations, see
//      quota_book.hpp, CONCURRENCY).
//
// The decisions are the book's: over_quota() on the usage this table sums,
// and the periods of quota_book.hpp (clock hours and days in UTC).
#pragma once

#include "quota/quota_book.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace smsgate::quota {

class QuotaTally {
public:
    // What record() counted, as the book's record() takes it.
    struct Record {
        std::string key;
        int n = 0;
        std::int64_t now = 0;
        std::string queue_id;
        std::vector<std::string> numbers;
    };

    // The same questions as QuotaBook's, answered from memory. check() is an
    // error until the first refresh() (the counts are not known yet).
    Result<std::optional<std::string>> check(const std::string& key, const policy::Quota& quota, int more,
                                             std::int64_t now);
    void reserve(const std::string& key, int n);
    void release(const std::string& key, int n);
    // Counts n SMS for key now, and queues them for the book.
    Status record(const std::string& key, int n, std::int64_t now, const std::string& queue_id = {},
                  const std::vector<std::string>& numbers = {});

    // For the writer: the records not yet written, oldest first, each with
    // its sequence number for written().
    std::vector<std::pair<std::uint64_t, Record>> unwritten() const;
    // The record of this sequence number is in the book: it still counts
    // here until a refresh() has read the book after it.
    void written(std::uint64_t sequence);
    // The book's counts of the day, read after every record marked written:
    // they replace what this table held from the book, and the written
    // records are dropped (the counts now hold them).
    void refresh(std::vector<QuotaBook::Count> counts);
    // Whether records wait to be written.
    bool pending() const;

    // Waits until record() queues something or the time passes; false when
    // stop() was called.
    bool wait(std::chrono::milliseconds timeout);
    // Waits for the time to pass, records or not; false when stop() was called.
    bool pause(std::chrono::milliseconds timeout);
    void stop();

private:
    struct Entry {
        std::uint64_t sequence;
        Record record;
        bool written = false;
    };

    QuotaBook::Usage usage_locked(const std::string& key, std::int64_t now) const;

    mutable std::mutex mutex_; // guards everything below
    std::condition_variable wake_;
    bool stopping_ = false;
    bool loaded_ = false;
    std::map<std::string, std::map<std::int64_t, int>> stored_; // key -> hour -> SMS, from the book
    std::deque<Entry> entries_;                                 // counted here, not yet read back
    std::uint64_t next_sequence_ = 1;
    std::unordered_map<std::string, int> reserved_;
};

} // namespace smsgate::quota
