// quota_book.hpp - the sender quota book of the gateway: how many SMS each
// sender has sent in the current clock hour and the current day, so that a
// sender whose quota (smsgate-senders(5), "quota=50/hour,200/day") is used
// up gets "450 4.7.1" at RCPT TO from smsgate-milter, or a deferral with
// 4.7.1 from smsgate-transport for mail that never met the milter (local
// sendmail, a port without the milter). One SMS is one SMS recipient of an
// accepted message, whatever the number of parts, as smsgate-senders(5)
// counts it.
//
// COUNTED ONCE
//      The milter records a message's SMS with its Postfix queue id and the
//      numbers of its SMS recipients; the transport, given a queue id and a
//      number, claims one SMS only when no such mark is in the book (claim()).
//      The mark is a row the milter wrote, not anything in the mail: a
//      sender cannot forge it. Marks are kept as long as the counts.
//
// PERIODS
//      Calendar hours and days in UTC, reset by the clock: the hour from
//      14:00:00 to 14:59:59 UTC, the day from 00:00:00 to 23:59:59 UTC. Not
//      sliding windows, and not local time: a daylight saving change never
//      makes a day 23 or 25 hours long, and the reply says "UTC" so that a
//      sender in any zone knows when to try again.
//
// STORAGE
//      A SQLite file (WAL) with one row per key and hour: the count of SMS
//      recorded for the key in that hour; and one row per queue id and
//      number counted (COUNTED ONCE). The day's count is the sum of its
//      24 hours. The counts are shared by every thread and every process that
//      opens the same file, and survive a restart; prune() drops rows older
//      than yesterday. ":memory:" gives a private book (tests).
//
// KEYS
//      Opaque to the book: one key, one set of counts, compared byte for
//      byte. smsgate-milter counts per person: "sasl:" and the login for an
//      authenticated client (the login, unlike MAIL FROM, cannot be chosen
//      freely), else the envelope sender in lower case without brackets.
//      Counts follow the sender across a reload of the table and a move to
//      another entry. Without SMTP AUTH the envelope sender is what the
//      client says it is: an entry whose quota matters should say auth=yes.
//
// CONCURRENCY
//      A QuotaBook may be used from any number of threads: one connection,
//      guarded by a mutex. Several processes may open the same file; record()
//      is one write transaction that waits up to five seconds for another's
//      (each is one row: the wait is short), and usage() one indexed read
//      that WAL lets run beside a writer.
//
//      The milter's check at RCPT and its record at end of message are
//      separate; between them, the SMS recipients a message has been
//      granted are held as a reservation in its QuotaTally, which its check
//      counts too: messages in flight at the same moment in one milter
//      cannot together pass a quota. Reservations are not shared between
//      processes: two milters on one file may each let a sender overshoot
//      by the SMS in flight in the other, which a quota of cost and abuse
//      over an hour or a day can bear.
//
//      smsgate-milter asks none of this from its callbacks: it decides from
//      a QuotaTally in memory (quota_tally.hpp), whose counts one thread of
//      its own writes here with record() and reads back with
//      counts_of_day(), so that no SMTP reply waits on this file's lock.
//
// DURABILITY
//      A commit survives a crash of the process; a power failure may lose the
//      last counts (synchronous=NORMAL), which at worst lets a sender send a
//      few SMS more. In exchange record() does not wait for the disk.
#pragma once

#include "policy/senders.hpp"
#include "util/result.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace smsgate::quota {

class QuotaBook {
public:
    // SMS counted for one key in the periods of a moment.
    struct Usage {
        int hour = 0; // this clock hour (UTC)
        int day = 0;  // this day (UTC), this hour included

        friend bool operator==(const Usage&, const Usage&) = default;
    };

    // One row of counts: SMS counted for key in a clock hour.
    struct Count {
        std::string key;
        std::int64_t hour = 0; // Unix time / 3600, UTC
        int sent = 0;
    };

    // Opens or creates the book at path (created with its table if missing).
    // The error's field is "open PATH".
    static Result<std::unique_ptr<QuotaBook>> open(const std::string& path);
    ~QuotaBook();
    QuotaBook(const QuotaBook&) = delete;
    QuotaBook& operator=(const QuotaBook&) = delete;

    // Keys are opaque strings chosen by the caller (see KEYS); now is Unix
    // time in seconds, a parameter so that tests control the clock.

    // The SMS recorded for key in the clock hour and the day of now.
    Result<Usage> usage(const std::string& key, std::int64_t now);

    // Would `more` SMS fit within quota, on top of what is recorded for
    // key? over_quota() on usage(key, now). (The milter asks its
    // QuotaTally, which also counts the SMS of messages in flight.)
    Result<std::optional<std::string>> check(const std::string& key, const policy::Quota& quota, int more,
                                             std::int64_t now);

    // Counts n SMS for key at now, when a message is accepted at end of
    // message. Recorded even when it crosses the quota (see CONCURRENCY).
    // One transaction: concurrent calls from threads or processes never lose
    // a count. n = 0 does nothing; n < 0 is an error.
    // With a queue id, each of numbers (E.164) is also marked as counted
    // for that queue id, in the same transaction (see COUNTED ONCE); a
    // number the transport has claimed already (its mark is there) is not
    // counted again, so that a record written after the claim counts the
    // SMS once.
    Status record(const std::string& key, int n, std::int64_t now, const std::string& queue_id = {},
                  const std::vector<std::string>& numbers = {});

    // The rows of every key in the day of now (UTC): what the milter holds
    // in memory (quota_tally.hpp). One read, which WAL lets run beside a writer.
    Result<std::vector<Count>> counts_of_day(std::int64_t now);

    // One SMS of queue_id to number, for the transport: nothing to do when
    // it was counted already (the milter's mark, or an earlier try of the
    // same delivery); else, in one write transaction, refused with the text
    // of over_quota() when it does not fit, or counted and marked. Two
    // transports of one sender cannot both take the last SMS of a quota.
    Result<std::optional<std::string>> claim(const std::string& key, const policy::Quota& quota,
                                             const std::string& queue_id, const std::string& number,
                                             std::int64_t now);

    // Drops the rows (counts and marks) of the days before yesterday (UTC); today's decide the
    // quotas, yesterday's are kept for an administrator's look. Call it now
    // and then (once an hour is plenty).
    Status prune(std::int64_t now);

private:
    explicit QuotaBook(sqlite3* db) : db_(db) {}

    std::mutex mutex_; // guards db_ and every statement on it
    sqlite3* db_;
};

// The clock hour of a moment (Unix time / 3600, UTC) and the first clock
// hour of its day: the periods of PERIODS.
std::int64_t clock_hour(std::int64_t now);
std::int64_t first_hour_of_day(std::int64_t now);

// The key a sender's SMS are counted under (see KEYS): "sasl:" and the
// login when there is one (it is who pays), else the envelope sender as
// the senders table reads it. The milter and the transport both count by it.
std::string sender_key(std::string_view sender, std::string_view sasl_login);

// Whether `more` SMS fit within quota after usage, at now (Unix time): nullopt
// if they do, else the text of the 450 4.7.1 reply, naming the limit, the count
// and when it resets ("quota of 50 SMS per hour used up (50 sent since 14:00
// UTC); try again after 15:00 UTC"). A limit of 0 (or less) is no limit. When
// both limits are reached the day's is named: waiting for the next hour would
// not help. Pure: what QuotaBook::check() decides, without the database.
std::optional<std::string> over_quota(const policy::Quota& quota, const QuotaBook::Usage& usage, int more,
                                      std::int64_t now);

} // namespace smsgate::quota
