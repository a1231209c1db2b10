// test_store_parts_copies.cpp - one sender using one concatenation
// reference for two messages at once: no part is dropped; each set is
// complete on its own and delivered (dropped from the store) on its own.
#include "store_fixture.hpp"

using namespace store_test;

namespace {

IncomingPart part(int seq, const std::string& text, Seconds scts, Id row)
{
    IncomingPart p{"gsm0", number, 7, 8, 2, seq, text, scts, 1000 + row};
    p.incoming_row = row;
    return p;
}

std::string joined(const std::vector<IncomingPart>& parts)
{
    std::string text;
    for (const auto& p : parts)
        text += p.text;
    return text;
}

} // namespace

TEST_CASE("store: a reused reference keeps the second message's part 1 instead of dropping it")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    // X1 waits for X2; Y1 and Y2 come (the same reference) before X2.
    auto x1 = store->add_incoming_part(part(1, "X1", 100, 1));
    REQUIRE(x1.ok());
    CHECK(x1->front().copy == 0);
    auto y1 = store->add_incoming_part(part(1, "Y1", 160, 2));
    REQUIRE(y1.ok());
    REQUIRE(y1->size() == 1);
    CHECK(y1->front().copy == 1);
    CHECK(*store->incoming_sets(y1->front().message()) == 2);
    // Y2's place is free in both sets: it goes to the one stamped nearest.
    auto y2 = store->add_incoming_part(part(2, "Y2", 161, 3));
    REQUIRE(y2.ok());
    REQUIRE(y2->size() == 2);
    CHECK(joined(*y2) == "Y1Y2");
    REQUIRE(store->drop_incoming_parts(y2->front().message()).ok());
    // X1 is still there, and X2 completes it.
    auto x2 = store->add_incoming_part(part(2, "X2", 101, 4));
    REQUIRE(x2.ok());
    CHECK(joined(*x2) == "X1X2");
    CHECK(x2->front().copy == 0);
}

TEST_CASE("store: with one SCTS for both, the newest set with the place free takes the part")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    REQUIRE(store->add_incoming_part(part(1, "X1", 100, 1)).ok());
    REQUIRE(store->add_incoming_part(part(1, "Y1", 100, 2)).ok());
    auto y2 = store->add_incoming_part(part(2, "Y2", 100, 3));
    REQUIRE(y2.ok());
    CHECK(joined(*y2) == "Y1Y2");
}

TEST_CASE("store: a repeated part goes to no new set, and the row finds the set it went to")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    REQUIRE(store->add_incoming_part(part(1, "X1", 100, 1)).ok());
    REQUIRE(store->add_incoming_part(part(1, "Y1", 160, 2)).ok());
    auto again = store->add_incoming_part(part(1, "Y1", 160, 5)); // read again from another slot
    REQUIRE(again.ok());
    REQUIRE(again->size() == 1);
    CHECK(again->front().incoming_row == 2);
    CHECK(*store->incoming_sets(again->front().message()) == 2);

    PartsKey reference{"gsm0", number, 7, 8, 2};
    auto with_row = store->incoming_parts_with_row(reference, 2);
    REQUIRE(with_row.ok());
    REQUIRE(with_row->size() == 1);
    CHECK(with_row->front().copy == 1);
    CHECK(store->incoming_parts_with_row(reference, 42)->empty());
}

TEST_CASE("store: each set of a reused reference goes stale on its own")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    REQUIRE(store->add_incoming_part(part(1, "X1", 100, 1)).ok());
    REQUIRE(store->add_incoming_part(part(1, "Y1", 160, 2)).ok());
    auto stale = store->stale_incoming_parts(5000);
    REQUIRE(stale.ok());
    REQUIRE(stale->size() == 2);
    CHECK((*stale)[0].copy == 0);
    CHECK((*stale)[1].copy == 1);
    CHECK((*stale)[1].text == "Y1");
}
