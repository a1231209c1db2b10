// test_unrecorded_mails.cpp - the outbox's memory of what sendmail took or
// refused while the store could not be told: a taken mail is held for
// good, its mark tried again after a doubling pause; a refused one only
// until its next try.
#include "worker/unrecorded_mails.hpp"

#include <doctest/doctest.h>

using smsgate::worker::UnrecordedMails;

TEST_CASE("unrecorded mails: a taken mail is held until its mark is written, marks back off")
{
    UnrecordedMails u;
    CHECK_FALSE(u.holds(1, 100));
    CHECK_FALSE(u.next_due());

    u.taken(1, "job:1:network", 100);
    CHECK(u.holds(1, 100));
    CHECK(u.holds(1, 1000000)); // whatever the time
    CHECK(u.marks_due(100).empty());
    CHECK(*u.next_due() == 100 + UnrecordedMails::first_mark_pause);

    std::vector<long> pauses;
    for (long now = 101; pauses.size() < 12;) {
        auto due = u.marks_due(now);
        REQUIRE(due.size() == 1);
        CHECK(due[0].key == "job:1:network");
        CHECK(due[0].failures == static_cast<int>(pauses.size()) + 1);
        u.mark_failed(1, now);
        long next = *u.next_due();
        pauses.push_back(next - now);
        CHECK(u.marks_due(next - 1).empty());
        CHECK(u.holds(1, next));
        now = next;
    }
    CHECK(pauses[0] == 2);
    CHECK(pauses[1] == 4);
    CHECK(pauses[2] == 8);
    CHECK(pauses.back() == UnrecordedMails::max_mark_pause);

    u.recorded(1);
    CHECK_FALSE(u.holds(1, 100));
    CHECK(u.size() == 0);
    CHECK_FALSE(u.next_due());
}

TEST_CASE("unrecorded mails: a refused mail waits for its next try, a taken one is never refused")
{
    UnrecordedMails u;
    u.refused(2, "incoming:2", 160);
    CHECK(u.holds(2, 159));
    CHECK_FALSE(u.holds(2, 160));
    CHECK(u.marks_due(1000).empty()); // nothing to mark
    CHECK(*u.next_due() == 160);

    u.taken(3, "job:3:network", 100);
    u.refused(3, "job:3:network", 120);
    CHECK(u.holds(3, 500));
    CHECK(u.marks_due(101).size() == 1);
    CHECK(u.size() == 2);
}

TEST_CASE("unrecorded mails: only taken mails count as unmarked, until recorded")
{
    UnrecordedMails u;
    CHECK(u.taken_count() == 0);
    u.refused(1, "job:1:network", 200);
    CHECK(u.taken_count() == 0); // a refused mail does not stop the outbox
    u.taken(2, "job:2:network", 100);
    u.taken(3, "incoming:7", 100);
    CHECK(u.taken_count() == 2);
    u.recorded(2);
    CHECK(u.taken_count() == 1);
    u.recorded(3);
    CHECK(u.taken_count() == 0);
}
