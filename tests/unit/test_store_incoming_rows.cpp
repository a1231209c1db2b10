// test_store_incoming_rows.cpp - what the store keeps of incoming rows
// beyond the PDU: the part a status report matched, remembered so that a
// report handed on again reports on the same part; the SCTS time zone,
// the alphanumeric flag and the row of the parts of a long incoming SMS;
// and a long SMS's mail queued together with the removal of its parts.
#include "store_fixture.hpp"

using namespace store_test;

namespace {

Id add_report_row(Store& store, Seconds received)
{
    auto row = store.add_incoming({0, "gsm0", "", -1, seed_report, IncomingState::fresh, received});
    REQUIRE_MESSAGE(row.ok(), row.error().what());
    return row->id;
}

std::optional<Part> match(Store& store, Id incoming, int mr, int status, bool final_status, Seconds now)
{
    auto part = store.match_report(incoming, "gsm0", mr, number, status, final_status, now);
    REQUIRE_MESSAGE(part.ok(), part.error().what());
    return *part;
}

} // namespace

TEST_CASE("store: the part a status report matched is remembered on its incoming row")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    auto store = open_store(path);
    Job old_job = submit(*store, "OLD", one_part, 1000);
    send_all(*store, old_job, "gsm0", 5, 1000);
    Id old_part = old_job.parts[0].id;

    // A report that is not final: the part still waits for another.
    Id trying = add_report_row(*store, 1010);
    auto first = match(*store, trying, 5, 0x21, false, 1010);
    REQUIRE(first.has_value());
    CHECK(first->id == old_part);
    CHECK(first->report_status == 0x21);
    Id delivered = add_report_row(*store, 1020);
    REQUIRE(match(*store, delivered, 5, 0x00, true, 1020)->id == old_part);
    auto events_before = event_texts(*store, old_job.id);

    // 256 messages later another part to the number has MR 5 too.
    Job new_job_ = submit(*store, "NEW", one_part, 5000);
    send_all(*store, new_job_, "gsm0", 5, 5000);

    // The first row handed on again: its own part, as it is now, not matched
    // or recorded again (the new part would have matched).
    auto again = match(*store, trying, 5, 0x21, false, 5010);
    REQUIRE(again.has_value());
    CHECK(again->id == old_part);
    CHECK(again->job == old_job.id);
    CHECK(again->report_status == 0x00); // the delivered report that came later
    CHECK(again->report_at == 1020);
    CHECK(event_texts(*store, old_job.id) == events_before);
    CHECK_FALSE(reload(*store, new_job_.id).parts[0].report_status.has_value());

    // Another row with the same MR matches the new part.
    Id newer = add_report_row(*store, 5020);
    auto second = match(*store, newer, 5, 0x00, true, 5020);
    REQUIRE(second.has_value());
    CHECK(second->job == new_job_.id);
    CHECK(second->report_status == 0x00);
    CHECK(match(*store, delivered, 5, 0x00, true, 5030)->id == old_part);

    // After a restart, still remembered.
    store.reset();
    store = open_store(path);
    CHECK(match(*store, trying, 5, 0x21, false, 6000)->id == old_part);
    CHECK(match(*store, newer, 5, 0x00, true, 6000)->job == new_job_.id);
}

TEST_CASE("store: a status report row that matched nothing may match later")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Id early = add_report_row(*store, 1000);
    CHECK_FALSE(match(*store, early, 77, 0x00, true, 1000).has_value());
    CHECK_FALSE(match(*store, early, 77, 0x00, true, 1001).has_value());

    Job job = submit(*store, "Q1", one_part, 1002);
    send_all(*store, job, "gsm0", 77, 1002);
    auto later = match(*store, early, 77, 0x00, true, 1003);
    REQUIRE(later.has_value());
    CHECK(later->job == job.id);
    CHECK(later->report_at == 1003);
    CHECK(match(*store, early, 77, 0x00, true, 1004)->report_at == 1003); // remembered now

    // The old overload still matches by modem, MR and number only.
    Job other = submit(*store, "Q2", one_part, 1005);
    send_all(*store, other, "gsm0", 78, 1005);
    auto plain = store->match_report("gsm0", 78, number, 0x00, true, 1006);
    REQUIRE(plain.ok());
    REQUIRE(plain->has_value());
    CHECK((*plain)->job == other.id);
}

TEST_CASE("store: match_report by incoming row checks the row and the status")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part, 1000);
    send_all(*store, job, "gsm0", 5, 1000);
    auto unknown = store->match_report(4242, "gsm0", 5, number, 0x00, true, 1001);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().field == "match_report");
    CHECK(unknown.error().message == "no incoming message 4242");
    Id row = add_report_row(*store, 1001);
    auto bad = store->match_report(row, "gsm0", 5, number, 256, true, 1001);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "match_report");
    CHECK_FALSE(reload(*store, job.id).parts[0].report_status.has_value()); // neither recorded anything
}

TEST_CASE("store: the SCTS zone of incoming parts is kept")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    auto store = open_store(path);
    // Part 2 came first (at 1000), in UTC+2; part 1 at 1100, in UTC+1.
    REQUIRE(store->add_incoming_part({"gsm0", number, 0x42, 8, 3, 2, "b", 100, 1000, 120}).ok());
    auto two = store->add_incoming_part({"gsm0", number, 0x42, 8, 3, 1, "a", 90, 1100, 60});
    REQUIRE(two.ok());
    REQUIRE(two->size() == 2);
    CHECK((*two)[0].zone_minutes == 60);
    CHECK((*two)[1].zone_minutes == 120);
    // West of UTC, quarters of an hour (UTC-3:30).
    REQUIRE(store->add_incoming_part({"gsm1", "+15550100", 7, 16, 2, 2, "y", 50, 900, -210}).ok());

    store.reset();
    store = open_store(path);
    auto stale = store->stale_incoming_parts(2000);
    REQUIRE(stale.ok());
    REQUIRE(stale->size() == 2);
    CHECK((*stale)[0].modem == "gsm1");
    CHECK((*stale)[0].zone_minutes == -210);
    CHECK((*stale)[1].seq == 1);              // the lowest part represents the message
    CHECK((*stale)[1].received == 1000);      // when its first part came
    CHECK((*stale)[1].zone_minutes == 60);    // the representative's own zone
    CHECK((*stale)[1].scts == 90);

    // A repeated part keeps what was stored first, zone included.
    auto repeated = store->add_incoming_part({"gsm0", number, 0x42, 8, 3, 2, "b", 100, 1200, 0});
    REQUIRE(repeated.ok());
    CHECK((*repeated)[1].zone_minutes == 120);
}

namespace {

Id add_deliver_row(Store& store, int slot, Seconds received)
{
    auto row = store.add_incoming({0, "gsm0", "SM", slot, seed_deliver, IncomingState::fresh, received});
    REQUIRE_MESSAGE(row.ok(), row.error().what());
    return row->id;
}

OutMail incoming_mail(const std::string& key)
{
    OutMail mail;
    mail.key = key;
    mail.recipient = "ps@example.com";
    mail.message = "Subject: a long SMS\r\n\r\nhello big world\r\n";
    mail.created = 1100;
    return mail;
}

} // namespace

TEST_CASE("store: a long SMS's mail and the removal of its parts are one transaction")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Id r1 = add_deliver_row(*store, 1, 1000);
    Id r2 = add_deliver_row(*store, 2, 1001);
    IncomingPart part{"gsm0", "ING", 0x42, 8, 2, 1, "hello ", 90, 1000, 60, true, r1};
    REQUIRE(store->add_incoming_part(part).ok());
    part.seq = 2;
    part.text = "big world";
    part.incoming_row = r2;
    auto both = store->add_incoming_part(part);
    REQUIRE(both.ok());
    REQUIRE(both->size() == 2);
    CHECK((*both)[0].alphanumeric);
    CHECK((*both)[0].incoming_row == r1);
    CHECK((*both)[1].incoming_row == r2);
    CHECK(store->incoming_parts(part.message())->size() == 2);

    // The rows have not been handed on: the set waits for them, while they
    // are younger than the cutoff (r1 came at 1000, r2 at 1001).
    auto fate = store->parts_fate(part.message(), 1000);
    REQUIRE(fate.ok());
    CHECK(fate->waiting);
    CHECK_FALSE(fate->stuck);
    fate = store->parts_fate(part.message(), 1001);
    CHECK(fate->waiting);
    CHECK(fate->stuck);
    fate = store->parts_fate(part.message(), 1002);
    CHECK_FALSE(fate->waiting);
    CHECK(fate->stuck);
    REQUIRE(store->set_incoming_state(r1, IncomingState::handed).ok());
    REQUIRE(store->set_incoming_state(r2, IncomingState::handed).ok());
    fate = store->parts_fate(part.message(), 0);
    CHECK_FALSE(fate->waiting);
    CHECK_FALSE(fate->stuck);

    // A mail for another set leaves this one alone.
    PartsKey other = part.message();
    other.ref = 0x43;
    REQUIRE(*store->queue_mail(incoming_mail("incoming:999"), other));
    CHECK(store->incoming_parts(part.message())->size() == 2);

    // Queued with the parts it consumes: the parts are gone with the same commit.
    REQUIRE(*store->queue_mail(incoming_mail("incoming:" + std::to_string(r2)), part.message()));
    CHECK(store->incoming_parts(part.message())->empty());
    CHECK(*store->outbox_depth() == 2);
    // Again (the row handed on once more): nothing queued, nothing left to drop.
    CHECK_FALSE(*store->queue_mail(incoming_mail("incoming:" + std::to_string(r2)), part.message()));
    CHECK(*store->outbox_depth() == 2);

    // A mail that cannot be queued drops nothing.
    REQUIRE(store->add_incoming_part(part).ok());
    OutMail nobody = incoming_mail("incoming:1000");
    nobody.recipient.clear();
    CHECK_FALSE(store->queue_mail(nobody, part.message()).ok());
    CHECK(store->incoming_parts(part.message())->size() == 1);
}
