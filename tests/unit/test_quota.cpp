// test_quota.cpp - the sender quota book: counts per key and clock
// hour, the hour and the day reset by the clock (UTC), the text of the 450
// 4.7.1 reply, counts kept across a reopen, no count lost to threads or to
// two books on one file, and pruning. The clock is a parameter: every moment
// below is counted from 2024-05-01 14:00:00 UTC.
#include "quota/quota_book.hpp"

#include "policy/key.hpp"

#include "store_fixture.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using smsgate::quota::over_quota;
using smsgate::quota::QuotaBook;
using smsgate::policy::Quota;
using Usage = QuotaBook::Usage;
using store_test::TempDir;

namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t t1400 = 1714572000;          // 2024-05-01 14:00:00 UTC
constexpr std::int64_t midnight = t1400 + 10 * hour; // 2024-05-02 00:00:00 UTC

std::unique_ptr<QuotaBook> open_book(const std::string& path = ":memory:")
{
    auto book = QuotaBook::open(path);
    if (!book)
        FAIL("open: " << book.error().what());
    return std::move(book).value();
}

void record(QuotaBook& book, const std::string& key, int n, std::int64_t now)
{
    auto done = book.record(key, n, now);
    REQUIRE_MESSAGE(done.ok(), done.error().what());
}

Usage usage(QuotaBook& book, const std::string& key, std::int64_t now)
{
    auto used = book.usage(key, now);
    REQUIRE_MESSAGE(used.ok(), used.error().what());
    return *used;
}

std::ostream& operator<<(std::ostream& out, const Usage& u)
{
    return out << "{hour " << u.hour << ", day " << u.day << "}";
}

} // namespace

namespace doctest {
template <>
struct StringMaker<Usage> {
    static String convert(const Usage& u)
    {
        std::ostringstream out;
        out << u;
        return out.str().c_str();
    }
};
} // namespace doctest

TEST_CASE("quota: an empty book counts nothing and refuses no one")
{
    auto book = open_book();
    for (const std::string key : {"", "@example.com alice@example.com", "default sasl:alice"}) {
        CAPTURE(key);
        CHECK(usage(*book, key, t1400) == Usage{0, 0});
        auto verdict = book->check(key, Quota{1, 1}, 1, t1400);
        REQUIRE(verdict.ok());
        CHECK_FALSE(verdict->has_value());
    }
}

TEST_CASE("quota: record then usage, and the clock resets the hour and the day")
{
    struct Record {
        int n;
        std::int64_t at;
    };
    struct Case {
        const char* name;
        std::vector<Record> records;
        std::int64_t now;
        Usage expected;
    };
    const Case cases[] = {
        {"one record", {{1, t1400}}, t1400, {1, 1}},
        {"records in one hour add up", {{1, t1400}, {3, t1400 + 1799}, {2, t1400 + 3599}}, t1400 + 3599, {6, 6}},
        {"a message with several SMS recipients", {{3, t1400 + 10}}, t1400 + 20, {3, 3}},
        {"zero records nothing", {{0, t1400}}, t1400, {0, 0}},
        {"the next hour starts at zero, the day goes on", {{5, t1400}}, t1400 + hour, {0, 5}},
        {"earlier hours of the day count for the day", {{4, t1400 - 14 * hour}, {1, t1400 - 1}, {2, t1400}},
         t1400,
         {2, 7}},
        {"the last second of the day still counts it", {{5, t1400}}, midnight - 1, {0, 5}},
        {"the next day starts at zero", {{5, t1400}, {2, midnight - 1}}, midnight, {0, 0}},
        {"yesterday's last hour is not today's first", {{5, midnight - 1}, {1, midnight}}, midnight + 1, {1, 1}},
        // After the clock stepped back: the day is all of its hours.
        {"a later hour of the day counts for the day", {{5, t1400 + hour}}, t1400, {0, 5}},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        auto book = open_book();
        for (const Record& r : c.records)
            record(*book, "@example.com alice@example.com", r.n, r.at);
        CHECK(usage(*book, "@example.com alice@example.com", c.now) == c.expected);
    }
}

TEST_CASE("quota: keys are opaque and counted apart")
{
    auto book = open_book();
    record(*book, "@example.com alice@example.com", 3, t1400);
    record(*book, "@example.com bob@example.com", 1, t1400);
    CHECK(usage(*book, "@example.com alice@example.com", t1400) == Usage{3, 3});
    CHECK(usage(*book, "@example.com bob@example.com", t1400) == Usage{1, 1});
    // No case folding, no parsing: the caller normalises.
    CHECK(usage(*book, "@example.com Alice@example.com", t1400) == Usage{0, 0});
    CHECK(usage(*book, "alice@example.com @example.com", t1400) == Usage{0, 0});
    CHECK(usage(*book, "@example.com", t1400) == Usage{0, 0});
}

TEST_CASE("quota: check against the hour, the day, both or no limit")
{
    struct Case {
        const char* name;
        Quota quota;
        Usage used;
        int more;
        std::int64_t now;
        std::optional<std::string> reply; // nullopt: the SMS fit
    };
    const std::int64_t t1430 = t1400 + 1800;
    const std::int64_t t2330 = midnight - 1800;
    const std::int64_t new_year = 1735689600; // 2025-01-01 00:00:00 UTC
    const Case cases[] = {
        {"per hour: below the limit", {2, 0}, {1, 1}, 1, t1430, std::nullopt},
        {"per hour: used up",
         {2, 0},
         {2, 2},
         1,
         t1430,
         "quota of 2 SMS per hour used up (2 sent since 14:00 UTC); try again after 15:00 UTC"},
        {"per hour: the day does not matter", {2, 0}, {0, 1000}, 2, t1430, std::nullopt},
        {"per hour: the last hour of the day resets at midnight",
         {50, 0},
         {50, 50},
         1,
         t2330,
         "quota of 50 SMS per hour used up (50 sent since 23:00 UTC); try again after 00:00 UTC"},
        {"per day: below the limit", {0, 5}, {0, 4}, 1, t1430, std::nullopt},
        {"per day: used up",
         {0, 5},
         {0, 5},
         1,
         t1430,
         "quota of 5 SMS per day used up (5 sent since 2024-05-01 00:00 UTC); try again after 2024-05-02 00:00 UTC"},
        {"per day: the last day of the year",
         {0, 5},
         {5, 5},
         1,
         new_year - 1800,
         "quota of 5 SMS per day used up (5 sent since 2024-12-31 00:00 UTC); try again after 2025-01-01 00:00 UTC"},
        {"both: the hour is used up",
         {2, 5},
         {2, 2},
         1,
         t1430,
         "quota of 2 SMS per hour used up (2 sent since 14:00 UTC); try again after 15:00 UTC"},
        {"both: the day is used up",
         {2, 5},
         {0, 5},
         1,
         t1430,
         "quota of 5 SMS per day used up (5 sent since 2024-05-01 00:00 UTC); try again after 2024-05-02 00:00 UTC"},
        {"both used up: the day is named, the next hour would not help",
         {2, 4},
         {2, 4},
         1,
         t1430,
         "quota of 4 SMS per day used up (4 sent since 2024-05-01 00:00 UTC); try again after 2024-05-02 00:00 UTC"},
        {"both: below both", {2, 5}, {1, 4}, 1, t1430, std::nullopt},
        {"0 is no limit", {0, 0}, {1000000, 1000000}, 1000, t1430, std::nullopt},
        {"3 SMS recipients: exactly up to the limit", {50, 0}, {47, 47}, 3, t1430, std::nullopt},
        {"3 SMS recipients: crossing the limit",
         {50, 0},
         {48, 48},
         3,
         t1430,
         "quota of 50 SMS per hour would be exceeded (48 sent since 14:00 UTC, 3 more in this message); "
         "try again after 15:00 UTC"},
        {"3 SMS recipients: crossing the day's limit",
         {0, 200},
         {0, 199},
         3,
         t1430,
         "quota of 200 SMS per day would be exceeded (199 sent since 2024-05-01 00:00 UTC, 3 more in this message); "
         "try again after 2024-05-02 00:00 UTC"},
        {"no more SMS fit at the limit itself", {2, 0}, {2, 2}, 0, t1430, std::nullopt},
        {"overshot by messages in flight", {2, 0}, {4, 4}, 0, t1430,
         "quota of 2 SMS per hour used up (4 sent since 14:00 UTC); try again after 15:00 UTC"},
    };
    const std::string key = "@example.com alice@example.com";
    for (const Case& c : cases) {
        INFO(c.name);
        CHECK(over_quota(c.quota, c.used, c.more, c.now) == c.reply);

        // The same through a book that holds those counts: the day's in the
        // hour before (every moment above is past 00:59), the hour's now.
        auto book = open_book();
        record(*book, key, c.used.day - c.used.hour, c.now - hour);
        record(*book, key, c.used.hour, c.now);
        REQUIRE(usage(*book, key, c.now) == c.used);
        auto verdict = book->check(key, c.quota, c.more, c.now);
        REQUIRE_MESSAGE(verdict.ok(), verdict.error().what());
        CHECK(*verdict == c.reply);
    }
}

TEST_CASE("quota: negative counts are errors and change nothing")
{
    auto book = open_book();
    record(*book, "k", 2, t1400);
    auto recorded = book->record("k", -1, t1400);
    REQUIRE_FALSE(recorded.ok());
    CHECK(recorded.error().field == "quota record");
    auto checked = book->check("k", Quota{1, 0}, -1, t1400);
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().field == "quota check");
    CHECK(usage(*book, "k", t1400) == Usage{2, 2});
}

TEST_CASE("quota: a reopened book keeps its counts")
{
    TempDir dir;
    std::string path = dir.file("quota.db");
    {
        auto book = open_book(path);
        record(*book, "@example.com alice@example.com", 3, t1400 - hour);
        record(*book, "@example.com alice@example.com", 2, t1400);
    }
    CHECK(store_test::pragma_text(path, "PRAGMA journal_mode") == "wal");
    auto book = open_book(path);
    CHECK(usage(*book, "@example.com alice@example.com", t1400) == Usage{2, 5});
    record(*book, "@example.com alice@example.com", 1, t1400);
    CHECK(usage(*book, "@example.com alice@example.com", t1400) == Usage{3, 6});
}

TEST_CASE("quota: open reports a path it cannot use")
{
    TempDir dir;
    std::string missing = dir.file("no/such/dir/quota.db");
    auto no_dir = QuotaBook::open(missing);
    REQUIRE_FALSE(no_dir.ok());
    CHECK(no_dir.error().field == "open " + missing);

    std::string garbage = dir.file("garbage.db");
    std::ofstream(garbage) << "this is not a database, but it is long enough to look like a header of one.\n";
    auto not_db = QuotaBook::open(garbage);
    REQUIRE_FALSE(not_db.ok());
    CHECK(not_db.error().field == "open " + garbage);
}

TEST_CASE("quota: 8 threads recording 200 times each on one book lose no count")
{
    TempDir dir;
    auto book = open_book(dir.file("quota.db"));
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (!book->record("default sasl:alice", 1, t1400 + i))
                    ++errors;
                if (!book->check("default sasl:alice", Quota{10, 0}, 1, t1400 + i))
                    ++errors;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    CHECK(errors == 0);
    CHECK(usage(*book, "default sasl:alice", t1400) == Usage{1600, 1600});
}

TEST_CASE("quota: two books on one file, as two processes, lose no count")
{
    TempDir dir;
    std::string path = dir.file("quota.db");
    std::atomic<int> errors{0};
    // Each book is opened at the same moment on a new file, then recorded
    // into by 4 threads of its own, 200 times each.
    auto process = [&] {
        auto book = QuotaBook::open(path);
        if (!book) {
            ++errors;
            return;
        }
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 200; ++i) {
                    if (!(*book)->record("@example.com alice@example.com", 1, t1400 + i))
                        ++errors;
                }
            });
        }
        for (std::thread& t : threads)
            t.join();
    };
    std::thread a(process);
    std::thread b(process);
    a.join();
    b.join();
    CHECK(errors == 0);
    auto book = open_book(path);
    CHECK(usage(*book, "@example.com alice@example.com", t1400) == Usage{1600, 1600});
}

TEST_CASE("quota: prune drops the days before yesterday and nothing newer")
{
    const std::int64_t today = midnight;               // 2024-05-02 00:00 UTC
    const std::int64_t yesterday = today - 24 * hour;  // 2024-05-01 00:00 UTC
    const std::int64_t before = yesterday - 24 * hour; // 2024-04-30 00:00 UTC
    auto book = open_book();
    REQUIRE(book->prune(today).ok()); // an empty book
    record(*book, "k", 1, before - 1);
    record(*book, "k", 2, before + 23 * hour);
    record(*book, "k", 3, yesterday);
    record(*book, "k", 4, yesterday + 23 * hour);
    record(*book, "k", 5, today);
    record(*book, "other", 6, before);

    auto pruned = book->prune(today + 12 * hour);
    REQUIRE_MESSAGE(pruned.ok(), pruned.error().what());
    CHECK(usage(*book, "k", before - 1) == Usage{0, 0});
    CHECK(usage(*book, "k", before + 23 * hour) == Usage{0, 0});
    CHECK(usage(*book, "other", before) == Usage{0, 0});
    CHECK(usage(*book, "k", yesterday) == Usage{3, 7});
    CHECK(usage(*book, "k", yesterday + 23 * hour) == Usage{4, 7});
    CHECK(usage(*book, "k", today) == Usage{5, 5});
}

TEST_CASE("quota: the transport's claim counts once, and not what the milter recorded")
{
    auto book = open_book();
    const Quota two{2, 0};
    auto claim = [&](const std::string& queue_id, const std::string& number) {
        auto verdict = book->claim("quota@example.com", two, queue_id, number, t1400);
        REQUIRE_MESSAGE(verdict.ok(), verdict.error().what());
        return *verdict;
    };
    // The milter accepted 4F1A with one SMS recipient: counted and marked.
    auto done = book->record("quota@example.com", 1, t1400, "4F1A", {"+32477324847"});
    REQUIRE_MESSAGE(done.ok(), done.error().what());
    CHECK(usage(*book, "quota@example.com", t1400) == Usage{1, 1});

    SUBCASE("the milter's message is not counted again, however often it is tried")
    {
        CHECK_FALSE(claim("4F1A", "+32477324847"));
        CHECK_FALSE(claim("4F1A", "+32477324847"));
        CHECK(usage(*book, "quota@example.com", t1400) == Usage{1, 1});
    }
    SUBCASE("mail that never met the milter is counted, once per queue id and number")
    {
        CHECK_FALSE(claim("5B2C", "+32477324847"));
        CHECK(usage(*book, "quota@example.com", t1400) == Usage{2, 2});
        CHECK_FALSE(claim("5B2C", "+32477324847")); // a retry of the same delivery
        CHECK(usage(*book, "quota@example.com", t1400) == Usage{2, 2});
        // The quota is used up: refused with the milter's text, not counted.
        auto refused = claim("6C3D", "+32477324847");
        REQUIRE(refused);
        CHECK(*refused == "quota of 2 SMS per hour used up (2 sent since 14:00 UTC); try again after 15:00 UTC");
        CHECK(usage(*book, "quota@example.com", t1400) == Usage{2, 2});
        // The same queue id to another number of the milter's message is new.
        CHECK(claim("4F1A", "+32477324848"));
    }
    SUBCASE("marks go with the counts when pruned")
    {
        auto pruned = book->prune(t1400 + 3 * 24 * hour);
        REQUIRE(pruned.ok());
        auto verdict = book->claim("quota@example.com", two, "4F1A", "+32477324847", t1400 + 3 * 24 * hour);
        REQUIRE(verdict.ok());
        CHECK_FALSE(*verdict);
        CHECK(usage(*book, "quota@example.com", t1400 + 3 * 24 * hour) == Usage{1, 1});
    }
}

TEST_CASE("quota: sender_key is the login when there is one, else the sender as the table reads it")
{
    using smsgate::quota::sender_key;
    CHECK(sender_key("Alice@Example.COM", "") == smsgate::policy::SenderAddress("Alice@Example.COM").address());
    CHECK(sender_key("alice@example.com", "boss") == "sasl:boss");
    CHECK(sender_key("", "") == smsgate::policy::SenderAddress("").address());
}
