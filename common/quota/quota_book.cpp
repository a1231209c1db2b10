// quota_book.cpp - the sender quota book in SQLite, and the text of the reply to
// a sender whose quota is used up.
//
// The table is the book's own, created if missing; it is named so that it
// may share a file with other tables. A change to it is a new table (or a
// migration list like the store's), never an edit of this one.
#include "quota/quota_book.hpp"

#include "policy/key.hpp"
#include "store/schema.hpp"

#include "store/statement.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <limits>

namespace smsgate::quota {

using store::detail::db_error;
using store::detail::exec;
using store::detail::Statement;
using store::detail::write_transaction;

namespace {

constexpr std::int64_t seconds_per_hour = 3600;
constexpr std::int64_t hours_per_day = 24;

// Long enough to ride out another process's record() (one row, no fsync),
// short enough that a stuck peer shows up as an error in the log instead of
// an SMTP session that hangs.
constexpr int busy_timeout_ms = 5000;

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS quota_counts (
    key   TEXT NOT NULL,
    hour  INTEGER NOT NULL,                  -- Unix time / 3600, UTC
    sent  INTEGER NOT NULL CHECK (sent >= 0),
    PRIMARY KEY (key, hour)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quota_counted (
    queue_id TEXT NOT NULL,                  -- Postfix's queue id
    number   TEXT NOT NULL,                  -- E.164
    hour     INTEGER NOT NULL,               -- when counted, for prune()
    PRIMARY KEY (queue_id, number)
) WITHOUT ROWID;
)sql";

// Marks (queue id, number) as counted; a mark already there stays.
Status mark_counted(sqlite3* db, const std::string& queue_id, const std::string& number, std::int64_t hour)
{
    auto st = Statement::prepare(db, "quota mark",
                                 "INSERT OR IGNORE INTO quota_counted (queue_id, number, hour) VALUES (?1, ?2, ?3)");
    if (!st)
        return st.error();
    st->bind(1, queue_id).bind(2, number).bind(3, hour);
    return st->run();
}

Status add_count(sqlite3* db, const std::string& key, int n, std::int64_t hour)
{
    auto st = Statement::prepare(db, "quota record",
                                 "INSERT INTO quota_counts (key, hour, sent) VALUES (?1, ?2, ?3) "
                                 "ON CONFLICT (key, hour) DO UPDATE SET sent = sent + excluded.sent");
    if (!st)
        return st.error();
    st->bind(1, key).bind(2, hour).bind(3, n);
    return st->run();
}

// Rounds towards minus infinity, so that a moment before 1970 still falls in
// the hour and day that contain it.
std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0))
        --q;
    return q;
}

// The clock hour and the day of a moment, counted from the epoch (UTC).
struct Period {
    std::int64_t hour;
    std::int64_t day;

    std::int64_t first_hour() const { return day * hours_per_day; }
    std::int64_t last_hour() const { return first_hour() + hours_per_day - 1; }
};

Period period_of(std::int64_t now)
{
    std::int64_t hour = floor_div(now, seconds_per_hour);
    return {hour, floor_div(hour, hours_per_day)};
}

int clamp_count(std::int64_t count)
{
    return static_cast<int>(std::clamp<std::int64_t>(count, 0, std::numeric_limits<int>::max()));
}

// "14:00 UTC": the start of a clock hour.
std::string hour_text(std::int64_t hour)
{
    int hour_of_day = static_cast<int>(hour - floor_div(hour, hours_per_day) * hours_per_day);
    char text[16];
    std::snprintf(text, sizeof text, "%02d:00 UTC", hour_of_day);
    return text;
}

// "2024-05-01 00:00 UTC": the start of a day.
std::string day_text(std::int64_t day)
{
    using namespace std::chrono;
    year_month_day date{sys_days{days{day}}};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u 00:00 UTC", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::string reply(int limit, const char* unit, int used, int more, const std::string& since, const std::string& until)
{
    std::string text = "quota of " + std::to_string(limit) + " SMS per " + unit;
    std::string count = std::to_string(used) + " sent since " + since;
    if (used >= limit)
        text += " used up (" + count + ")";
    else
        text += " would be exceeded (" + count + ", " + std::to_string(more) + " more in this message)";
    return text + "; try again after " + until;
}

// A new connection: busy timeout, WAL, and commits that do not wait for the
// disk (see DURABILITY in quota_book.hpp). An in-memory database has no WAL.
Status configure(sqlite3* db, bool in_memory)
{
    sqlite3_extended_result_codes(db, 1);
    if (sqlite3_busy_timeout(db, busy_timeout_ms) != SQLITE_OK)
        return db_error(db, "busy_timeout");
    if (auto wal = store::detail::set_journal_mode_wal(db, in_memory); !wal)
        return wal;
    return exec(db, "synchronous", "PRAGMA synchronous = NORMAL");
}

Result<QuotaBook::Usage> read_usage(sqlite3* db, const std::string& key, std::int64_t now)
{
    Period period = period_of(now);
    auto st = Statement::prepare(db, "quota usage",
                                 "SELECT coalesce(sum(CASE WHEN hour = ?2 THEN sent ELSE 0 END), 0), "
                                 "coalesce(sum(sent), 0) "
                                 "FROM quota_counts WHERE key = ?1 AND hour BETWEEN ?3 AND ?4");
    if (!st)
        return st.error();
    st->bind(1, key).bind(2, period.hour).bind(3, period.first_hour()).bind(4, period.last_hour());
    auto row = st->step();
    if (!row)
        return row.error();
    if (!*row)
        return make_error("quota usage", "query returned no row");
    return QuotaBook::Usage{clamp_count(st->int64(0)), clamp_count(st->int64(1))};
}

// Whether (queue id, number) is marked as counted.
Result<bool> marked(sqlite3* db, const std::string& queue_id, const std::string& number)
{
    auto seen = Statement::prepare(db, "quota mark", "SELECT 1 FROM quota_counted WHERE queue_id = ?1 AND number = ?2");
    if (!seen)
        return seen.error();
    seen->bind(1, queue_id).bind(2, number);
    auto row = seen->step();
    if (!row)
        return row.error();
    return *row;
}

} // namespace

std::int64_t clock_hour(std::int64_t now) { return period_of(now).hour; }

std::int64_t first_hour_of_day(std::int64_t now) { return period_of(now).first_hour(); }

std::string sender_key(std::string_view sender, std::string_view sasl_login)
{
    return sasl_login.empty() ? policy::SenderAddress(sender).address() : "sasl:" + std::string(sasl_login);
}

std::optional<std::string> over_quota(const policy::Quota& quota, const QuotaBook::Usage& usage, int more,
                                      std::int64_t now)
{
    Period period = period_of(now);
    auto exceeds = [&](int limit, int used) { return limit > 0 && std::int64_t{used} + more > limit; };
    if (exceeds(quota.per_day, usage.day))
        return reply(quota.per_day, "day", usage.day, more, day_text(period.day), day_text(period.day + 1));
    if (exceeds(quota.per_hour, usage.hour))
        return reply(quota.per_hour, "hour", usage.hour, more, hour_text(period.hour), hour_text(period.hour + 1));
    return std::nullopt;
}

namespace {

// A new quota database is made 0640 (less the umask) before SQLite would
// make it 0644; SQLite gives its -wal and -shm files the same mode. An
// existing file keeps its mode (0660 for a pipe(8) user in the milter
// user's group).
void create_private(const std::string& path)
{
    if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0)
        return;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd >= 0)
        ::close(fd);
}

} // namespace

Result<std::unique_ptr<QuotaBook>> QuotaBook::open(const std::string& path)
{
    create_private(path);
    sqlite3* db = nullptr;
    // The book's mutex serialises every use of the connection: SQLite's own
    // is not needed.
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    std::unique_ptr<QuotaBook> book(new QuotaBook(db)); // closes db on every path
    std::string field = "open " + path;
    if (rc != SQLITE_OK)
        return make_error(field, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (auto done = configure(db, path == ":memory:"); !done)
        return make_error(field, done.error().what());
    if (auto done = exec(db, "create", schema); !done)
        return make_error(field, done.error().what());
    return Result<std::unique_ptr<QuotaBook>>(std::move(book));
}

QuotaBook::~QuotaBook()
{
    // Every statement is finalized when its call returns, so this closes.
    sqlite3_close_v2(db_);
}

Result<QuotaBook::Usage> QuotaBook::usage(const std::string& key, std::int64_t now)
{
    std::lock_guard lock(mutex_);
    return read_usage(db_, key, now);
}

Result<std::optional<std::string>> QuotaBook::check(const std::string& key, const policy::Quota& quota, int more,
                                                    std::int64_t now)
{
    if (more < 0)
        return make_error("quota check", "negative count " + std::to_string(more));
    if (!quota.limited())
        return std::optional<std::string>(); // no limit: nothing to read
    std::lock_guard lock(mutex_);
    auto used = read_usage(db_, key, now);
    if (!used)
        return used.error();
    return over_quota(quota, *used, more, now);
}

Status QuotaBook::record(const std::string& key, int n, std::int64_t now, const std::string& queue_id,
                         const std::vector<std::string>& numbers)
{
    if (n < 0)
        return make_error("quota record", "negative count " + std::to_string(n));
    if (n == 0)
        return Done{};
    std::lock_guard lock(mutex_);
    // BEGIN IMMEDIATE: the write lock at once (waiting up to the busy
    // timeout), so that another process's record() in between is never lost.
    return write_transaction<Done>(db_, "quota record", [&]() -> Status {
        auto hour = period_of(now).hour;
        int count = n;
        if (!queue_id.empty())
            for (const auto& number : numbers) {
                auto seen = marked(db_, queue_id, number);
                if (!seen)
                    return seen.error();
                if (*seen)
                    --count; // claimed by the transport before this record was written
            }
        if (count > 0)
            if (auto done = add_count(db_, key, count, hour); !done)
                return done;
        if (queue_id.empty())
            return Done{};
        for (const auto& number : numbers)
            if (auto done = mark_counted(db_, queue_id, number, hour); !done)
                return done;
        return Done{};
    });
}

Result<std::vector<QuotaBook::Count>> QuotaBook::counts_of_day(std::int64_t now)
{
    Period period = period_of(now);
    std::lock_guard lock(mutex_);
    auto st = Statement::prepare(db_, "quota counts", "SELECT key, hour, sent FROM quota_counts WHERE hour BETWEEN ?1 AND ?2");
    if (!st)
        return st.error();
    st->bind(1, period.first_hour()).bind(2, period.last_hour());
    std::vector<Count> counts;
    while (true) {
        auto row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        counts.push_back(Count{st->text(0), st->int64(1), clamp_count(st->int64(2))});
    }
    return counts;
}

Result<std::optional<std::string>> QuotaBook::claim(const std::string& key, const policy::Quota& quota,
                                                    const std::string& queue_id, const std::string& number,
                                                    std::int64_t now)
{
    using Verdict = std::optional<std::string>;
    std::lock_guard lock(mutex_);
    return write_transaction<Verdict>(db_, "quota claim", [&]() -> Result<Verdict> {
        auto seen = marked(db_, queue_id, number);
        if (!seen)
            return seen.error();
        if (*seen)
            return Verdict(); // counted when the milter accepted it, or on an earlier try
        auto used = read_usage(db_, key, now);
        if (!used)
            return used.error();
        if (auto full = over_quota(quota, *used, 1, now))
            return Verdict(std::move(full));
        auto hour = period_of(now).hour;
        if (auto done = add_count(db_, key, 1, hour); !done)
            return done.error();
        if (auto done = mark_counted(db_, queue_id, number, hour); !done)
            return done.error();
        return Verdict();
    });
}

Status QuotaBook::prune(std::int64_t now)
{
    std::lock_guard lock(mutex_);
    auto st = Statement::prepare(db_, "quota prune", "DELETE FROM quota_counts WHERE hour < ?1");
    if (!st)
        return st.error();
    Period yesterday = period_of(now - hours_per_day * seconds_per_hour);
    st->bind(1, yesterday.first_hour());
    if (auto done = st->run(); !done)
        return done;
    auto marks = Statement::prepare(db_, "quota prune", "DELETE FROM quota_counted WHERE hour < ?1");
    if (!marks)
        return marks.error();
    marks->bind(1, yesterday.first_hour());
    return marks->run();
}

} // namespace smsgate::quota
