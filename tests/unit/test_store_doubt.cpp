// test_store_doubt.cpp - parts in doubt in the store: a part interrupted in
// state sending becomes pending and in doubt (a refused one does not), a
// resend is counted, an unmatched status report is found and adopted once,
// and waiting jobs are woken by a new report.
#include "store_fixture.hpp"

using namespace store_test;

namespace {

// An interrupted send: claimed, part 1 sending at `at`, then requeued (the
// link dropped) at at + 1.
Job interrupted(Store& store, const std::string& queue_id, Seconds at)
{
    Job job = submit(store, queue_id, one_part, at);
    REQUIRE(*store.claim_job(job.id, "gsm0", at));
    REQUIRE(store.mark_part_sending(job.parts[0].id, "gsm0", at).ok());
    auto requeued = store.requeue_job(job.id, false, at + 60, at + 1);
    REQUIRE(requeued.ok());
    CHECK(*requeued == 1);
    return reload(store, job.id);
}

Id add_report(Store& store, const std::string& pdu, Seconds received, int slot)
{
    Incoming in;
    in.modem = "gsm0";
    in.storage = "SM";
    in.index = slot;
    in.pdu_hex = pdu;
    in.received = received;
    auto row = store.add_incoming(in);
    REQUIRE_MESSAGE(row.ok(), row.error().what());
    return row->id;
}

} // namespace

TEST_CASE("store: an interrupted part is in doubt, with when its send began, and a resend is counted")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = interrupted(*store, "D1", 1000);
    const Part& part = job.parts[0];
    CHECK(part.state == PartState::pending);
    CHECK(part.in_doubt());
    CHECK(part.sending_at == 1000);
    CHECK(part.doubt_since == 1001);
    CHECK(part.doubt_resends == 0);

    REQUIRE(*store->claim_job(job.id, "gsm0", 1200));
    REQUIRE(store->mark_part_sending(part.id, "gsm0", 1200).ok());
    Part again = reload(*store, job.id).parts[0];
    CHECK_FALSE(again.in_doubt());
    CHECK(again.doubt_resends == 1);
    CHECK(again.sending_at == 1200);
    CHECK(event_texts(*store, job.id).back() == "sending again part in doubt 1 modem=gsm0");
    REQUIRE(store->mark_part_sent(part.id, 19, "gsm0", 1201).ok());
    CHECK(reload(*store, job.id).parts[0].doubt_resends == 1);
}

TEST_CASE("store: recovery at start leaves the parts being sent in doubt")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "D2", one_part, 1000);
    REQUIRE(*store->claim_job(job.id, "gsm0", 1000));
    REQUIRE(store->mark_part_sending(job.parts[0].id, "gsm0", 1000).ok());
    auto recovered = store->recover(1300);
    REQUIRE(recovered.ok());
    CHECK(*recovered == 1);
    Part part = reload(*store, job.id).parts[0];
    CHECK(part.in_doubt());
    CHECK(part.doubt_since == 1300);
}

TEST_CASE("store: a part the modem refused is not in doubt")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "D3", one_part, 1000);
    REQUIRE(*store->claim_job(job.id, "gsm0", 1000));
    REQUIRE(store->mark_part_sending(job.parts[0].id, "gsm0", 1000).ok());
    REQUIRE(store->defer_job(job.id, 5, 1030, "4.3.0", "+CMS ERROR: 500", 1001).ok());
    CHECK_FALSE(reload(*store, job.id).parts[0].in_doubt());
}

TEST_CASE("store: an unmatched status report is found, adopted once, and then remembered on its row")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = interrupted(*store, "D4", 1000);
    Id before = add_report(*store, seed_report, 990, 2); // received before the send began
    Id row = add_report(*store, seed_report, 1003, 3);

    auto found = store->unmatched_reports("gsm0", 1000);
    REQUIRE(found.ok());
    REQUIRE(found->size() == 1);
    CHECK(found->front().id == row);
    CHECK(store->unmatched_reports("gsm1", 0)->empty());

    REQUIRE(*store->claim_job(job.id, "gsm0", 1010));
    auto adopted = store->adopt_report(job.parts[0].id, row, 18, "gsm0", 0, true, 1010);
    REQUIRE_MESSAGE(adopted.ok(), adopted.error().what());
    CHECK(adopted->state == PartState::sent);
    CHECK(adopted->mr == 18);
    CHECK(adopted->report_status == 0);
    CHECK_FALSE(adopted->in_doubt());
    CHECK(store->unmatched_reports("gsm0", 0)->size() == 1); // only the one from before
    CHECK(store->unmatched_reports("gsm0", 0)->front().id == before);

    // Handed on again, the row tells about the part it was adopted by.
    auto again = store->match_report(row, "gsm0", 18, number, 0, true, 1020);
    REQUIRE(again.ok());
    REQUIRE(again->has_value());
    CHECK((*again)->id == job.parts[0].id);

    // Neither the part nor the row can be adopted twice.
    CHECK_FALSE(store->adopt_report(job.parts[0].id, before, 18, "gsm0", 0, true, 1030).ok());
    Job other = interrupted(*store, "D5", 1000);
    CHECK_FALSE(store->adopt_report(other.parts[0].id, row, 18, "gsm0", 0, true, 1030).ok());
    CHECK(reload(*store, other.id).parts[0].in_doubt());
}

TEST_CASE("store: a new unmatched report wakes the modem's jobs that wait with a part in doubt")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job waiting = interrupted(*store, "D6", 1000); // not before 1060
    Job plain = submit(*store, "D7", one_part, 1000);
    REQUIRE(store->defer_job(plain.id, 5, 1060, "4.3.0", "later", 1000).ok());
    auto woken = store->wake_doubt_jobs("gsm0", 1010);
    REQUIRE(woken.ok());
    CHECK(*woken == 1);
    CHECK(reload(*store, waiting.id).not_before == 1010);
    CHECK(reload(*store, plain.id).not_before == 1060);
    CHECK(*store->wake_doubt_jobs("gsm1", 1010) == 0);
}
