// test_quota_tally.cpp - the milter's quota counts in memory: decided like
// the book (over_quota() on the same sums), counted at once, taken to the
// book by a writer and read back without counting twice; and the book's
// record() after the transport's claim of the same queue id and number
// counting the SMS once. The clock is a parameter: every moment below is
// counted from 2024-05-01 14:00:00 UTC.
#include "quota/quota_book.hpp"
#include "quota/quota_tally.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>

using smsgate::policy::Quota;
using smsgate::quota::QuotaBook;
using smsgate::quota::QuotaTally;

namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t t1400 = 1714572000; // 2024-05-01 14:00:00 UTC
const std::string key = "quota@example.com";

std::unique_ptr<QuotaBook> open_book()
{
    auto book = QuotaBook::open(":memory:");
    if (!book)
        FAIL("open: " << book.error().what());
    return std::move(book).value();
}

std::vector<QuotaBook::Count> counts(QuotaBook& book, std::int64_t now)
{
    auto rows = book.counts_of_day(now);
    REQUIRE_MESSAGE(rows.ok(), rows.error().what());
    return *rows;
}

// What the milter's writer does: every record to the book, then the day read back.
void write_and_refresh(QuotaTally& tally, QuotaBook& book, std::int64_t now)
{
    for (auto& [sequence, r] : tally.unwritten()) {
        auto done = book.record(r.key, r.n, r.now, r.queue_id, r.numbers);
        REQUIRE_MESSAGE(done.ok(), done.error().what());
        tally.written(sequence);
    }
    tally.refresh(counts(book, now));
}

std::optional<std::string> check(QuotaTally& tally, const Quota& quota, std::int64_t now, int more = 1)
{
    auto verdict = tally.check(key, quota, more, now);
    REQUIRE_MESSAGE(verdict.ok(), verdict.error().what());
    return *verdict;
}

} // namespace

TEST_CASE("quota tally: an error until the counts were read, then decided from memory")
{
    QuotaTally tally;
    CHECK_FALSE(tally.check(key, Quota{2, 0}, 1, t1400).ok());
    CHECK(tally.check(key, Quota{0, 0}, 1, t1400).ok()); // no limit: nothing to know
    auto book = open_book();
    tally.refresh(counts(*book, t1400));
    CHECK_FALSE(check(tally, Quota{2, 0}, t1400));
}

TEST_CASE("quota tally: counts and reservations decide at once, and reach the book once")
{
    auto book = open_book();
    QuotaTally tally;
    tally.refresh(counts(*book, t1400));
    const Quota two{2, 0};

    tally.reserve(key, 1);
    CHECK_FALSE(check(tally, two, t1400));
    REQUIRE(tally.record(key, 1, t1400, "4F1A", {"+32477324847"}).ok());
    tally.release(key, 1);
    REQUIRE(tally.record(key, 1, t1400 + 60, "4F1B", {"+32477324848"}).ok());
    // Nothing in the book yet, and the sender's quota is used up here.
    CHECK(counts(*book, t1400).empty());
    CHECK(tally.pending());
    auto full = check(tally, two, t1400 + 120);
    REQUIRE(full);
    CHECK(*full == "quota of 2 SMS per hour used up (2 sent since 14:00 UTC); try again after 15:00 UTC");

    write_and_refresh(tally, *book, t1400 + 120);
    CHECK_FALSE(tally.pending());
    auto rows = counts(*book, t1400);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].sent == 2);
    // Read back, not counted twice: still 2, and the next hour is free.
    CHECK(check(tally, two, t1400 + 120));
    CHECK(check(tally, Quota{3, 0}, t1400 + 120) == std::nullopt);
    CHECK_FALSE(check(tally, two, t1400 + hour));
    CHECK(check(tally, Quota{0, 2}, t1400 + hour)); // the day still counts them
    // The transport finds the milter's marks: nothing claimed again.
    auto claimed = book->claim(key, two, "4F1A", "+32477324847", t1400 + 180);
    REQUIRE(claimed.ok());
    CHECK_FALSE(*claimed);
    CHECK(counts(*book, t1400)[0].sent == 2);
}

TEST_CASE("quota tally: a record not yet written counts until it is, a refresh brings other processes' counts")
{
    auto book = open_book();
    QuotaTally tally;
    tally.refresh(counts(*book, t1400));
    REQUIRE(tally.record(key, 1, t1400).ok());
    // Another process counted one: a refresh before the write keeps ours.
    REQUIRE(book->record(key, 1, t1400).ok());
    tally.refresh(counts(*book, t1400));
    CHECK(check(tally, Quota{2, 0}, t1400));
    CHECK(tally.unwritten().size() == 1);
    write_and_refresh(tally, *book, t1400);
    CHECK(check(tally, Quota{2, 0}, t1400));
    CHECK_FALSE(check(tally, Quota{3, 0}, t1400));
}

TEST_CASE("quota: a record written after the transport claimed the same SMS counts it once")
{
    auto book = open_book();
    auto claimed = book->claim(key, Quota{5, 0}, "4F1A", "+32477324847", t1400);
    REQUIRE(claimed.ok());
    CHECK_FALSE(*claimed);
    auto done = book->record(key, 2, t1400, "4F1A", {"+32477324847", "+32477324848"});
    REQUIRE_MESSAGE(done.ok(), done.error().what());
    auto used = book->usage(key, t1400);
    REQUIRE(used.ok());
    CHECK(*used == QuotaBook::Usage{2, 2});
}

TEST_CASE("quota tally: SMS held for messages in flight count until released")
{
    // Three messages at once, one SMS each, quota 2 per hour: the third is
    // refused while the first two are in flight, not only once they end.
    auto book = open_book();
    QuotaTally tally;
    tally.refresh(counts(*book, t1400));
    const Quota two_per_hour{2, 0};
    for (int i = 0; i < 2; ++i) {
        CHECK_FALSE(check(tally, two_per_hour, t1400));
        tally.reserve(key, 1);
    }
    auto third = check(tally, two_per_hour, t1400);
    REQUIRE(third);
    CHECK(third->find("quota of 2 SMS per hour") != std::string::npos);
    // Another sender is not held up by these reservations.
    auto bob = tally.check("bob@example.com", two_per_hour, 1, t1400);
    REQUIRE(bob.ok());
    CHECK_FALSE(*bob);
    // One message aborted: its SMS is given back, the third may go.
    tally.release(key, 1);
    CHECK_FALSE(check(tally, two_per_hour, t1400));
    // The other one ends: recorded, then released; 1 sent, 1 more fits.
    REQUIRE(tally.record(key, 1, t1400).ok());
    tally.release(key, 1);
    CHECK_FALSE(check(tally, two_per_hour, t1400));
    // Releasing more than is held does not go below nothing.
    tally.release(key, 5);
    CHECK_FALSE(check(tally, two_per_hour, t1400));
    // A count below nothing would let this one pass: 1 sent + 1 held + 1 more.
    tally.reserve(key, 1);
    CHECK(check(tally, two_per_hour, t1400));
}
