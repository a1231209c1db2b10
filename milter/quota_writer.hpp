// quota_writer.hpp - the milter's quota counts kept in memory and written
// to the quota book by a thread of their own. The libmilter callbacks ask
// and count in the QuotaTally (no SQLite call, no wait on another process's
// lock); this thread writes what they counted, with the queue-id marks
// smsgate-transport's claim() reads, and reads the day's counts back, so
// that what the transport and other processes counted shows here too.
#pragma once

#include "quota/quota_tally.hpp"
#include "util/result.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace smsgate::milter {

class QuotaWriter {
public:
    // Where the writer reports what failed: a line for the log (with the
    // queue id first when there is one).
    using Report = std::function<void(const std::string&)>;

    // Opens the book at path, reads the day's counts and starts the thread.
    // A book that cannot be read now is read again at each refresh; until
    // then check() is an error (451 4.3.0 for senders with a quota).
    static Result<std::shared_ptr<QuotaWriter>> start(const std::string& path, Report warn);
    // Writes what is left (one more try) and stops the thread.
    ~QuotaWriter();
    QuotaWriter(const QuotaWriter&) = delete;
    QuotaWriter& operator=(const QuotaWriter&) = delete;

    quota::QuotaTally& tally() { return tally_; }

private:
    QuotaWriter(std::unique_ptr<quota::QuotaBook> book, Report warn);
    void run();
    // Writes the records not yet written, then reads the day back; false
    // when a write failed (the record is tried again later).
    bool write_and_refresh();

    std::unique_ptr<quota::QuotaBook> book_;
    Report warn_;
    bool failing_ = false; // the last write failed (used by the thread only)
    quota::QuotaTally tally_;
    std::thread thread_;
};

} // namespace smsgate::milter
