// test_store.cpp - the worker's state in SQLite, on real database files in a
// fresh temporary directory per test: idempotent submission, the life of a
// job, restart recovery, status report matching with TP-MR wrap, incoming
// SMS and parts, history, and several Stores on one file.
#include "store_fixture.hpp"

using namespace store_test;

TEST_CASE("store: open creates a WAL database with the current schema")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    {
        auto store = open_store(path);
        REQUIRE(std::filesystem::exists(path));
    }
    CHECK(pragma_text(path, "PRAGMA journal_mode") == "wal");
    CHECK(pragma_text(path, "PRAGMA user_version") == "8");
}

TEST_CASE("store: submit, and a resubmission of the same key returns the existing job")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job first = submit(*store, "4XyZ1", three_parts, 1000);
    CHECK(first.id > 0);
    CHECK(first.state == JobState::queued);
    CHECK(first.concat_ref == 7);
    CHECK(first.created == 1000);
    CHECK(first.key.mail_key == "<4XyZ1@example.com>");
    CHECK(first.message_id == "<4XyZ1@example.com>");

    auto again = store->submit(new_job("4XyZ1"), one_part, 99, 2000);
    REQUIRE(again.ok());
    CHECK(again->existing);
    CHECK(again->job.id == first.id);
    CHECK(again->job.concat_ref == 7);
    REQUIRE(again->job.parts.size() == 3); // not inserted again, not replaced
    CHECK(again->job.parts[0].tpdu_hex == "0011AA");

    // Another mail key (or queue id, or recipient) is another delivery; the
    // Message-ID alone is not part of the key.
    NewJob other = new_job("4XyZ1");
    other.key.mail_key = "";
    auto second = store->submit(other, one_part, 8, 3000);
    REQUIRE(second.ok());
    CHECK_FALSE(second->existing);
    CHECK(second->job.id != first.id);

    auto by_key = store->job_by_key(new_job("4XyZ1").key);
    REQUIRE(by_key.ok());
    REQUIRE(by_key->has_value());
    CHECK((*by_key)->id == first.id);
    auto missing = store->job_by_key(JobKey{"nope", "x", ""});
    REQUIRE(missing.ok());
    CHECK_FALSE(missing->has_value());
    CHECK(event_texts(*store, first.id) ==
          std::vector<std::string>{"queued parts=3 number=+32477324847", "resubmitted, state queued"});

    NewJob same_key = new_job("4XyZ1");
    same_key.message_id = "";
    CHECK(store->submit(same_key, one_part, 8, 4000)->job.id == first.id);
}

TEST_CASE("store: parts are kept in order with their AT+CMGS lengths")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    std::vector<std::pair<std::string, int>> parts;
    for (int i = 1; i <= 6; ++i)
        parts.emplace_back("00" + std::to_string(i), 10 + i);
    Job job = submit(*store, "Q1", parts);
    REQUIRE(job.parts.size() == 6);
    for (int i = 0; i < 6; ++i) {
        const Part& part = job.parts[static_cast<std::size_t>(i)];
        CHECK(part.seq == i + 1);
        CHECK(part.job == job.id);
        CHECK(part.tpdu_hex == "00" + std::to_string(i + 1));
        CHECK(part.tpdu_length == 11 + i);
        CHECK(part.state == PartState::pending);
        CHECK_FALSE(part.mr.has_value());
        CHECK_FALSE(part.report_status.has_value());
    }
    auto empty = store->submit(new_job("Q2"), {}, 0, 1000);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().field == "submit");
}

TEST_CASE("store: a job claimed by one modem cannot be claimed by another")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part);
    auto runnable = store->runnable_jobs("gsm1", 1000, 10);
    REQUIRE(runnable.ok());
    REQUIRE(runnable->size() == 1);
    CHECK(runnable->front().parts.size() == 1);

    auto first = store->claim_job(job.id, "gsm0", 1001);
    REQUIRE(first.ok());
    CHECK(*first);
    auto second = store->claim_job(job.id, "gsm1", 1001);
    REQUIRE(second.ok());
    CHECK_FALSE(*second);
    Job now = reload(*store, job.id);
    CHECK(now.state == JobState::sending);
    CHECK(now.modem == "gsm0");
    CHECK(store->runnable_jobs("gsm1", 2000, 10)->empty());

    // A job pinned to gsm0 (by the hint) is neither runnable for nor claimable by gsm1.
    NewJob hinted = new_job("Q2");
    hinted.modem_hint = "gsm0";
    auto pinned = store->submit(hinted, one_part, 1, 1000);
    REQUIRE(pinned.ok());
    CHECK(pinned->job.modem == "gsm0");
    CHECK(store->runnable_jobs("gsm1", 2000, 10)->empty());
    CHECK(store->runnable_jobs("gsm0", 2000, 10)->size() == 1);
    CHECK_FALSE(*store->claim_job(pinned->job.id, "gsm1", 1002));
    CHECK(*store->claim_job(pinned->job.id, "gsm0", 1002));

    auto unknown = store->claim_job(4242, "gsm0", 1003);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().field == "claim_job");
    CHECK(unknown.error().message == "no job 4242");
}

TEST_CASE("store: the full life of a job, with its events")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", {{"00AA", 5}, {"00BB", 5}}, 1000);
    REQUIRE(*store->claim_job(job.id, "gsm0", 1001));
    REQUIRE(store->mark_part_sending(job.parts[0].id, "gsm0", 1002).ok());
    CHECK(reload(*store, job.id).parts[0].state == PartState::sending);
    REQUIRE(store->mark_part_sent(job.parts[0].id, 18, "gsm0", 1003).ok());
    REQUIRE(store->mark_part_sending(job.parts[1].id, "gsm0", 1004).ok());
    REQUIRE(store->mark_part_sent(job.parts[1].id, 19, "gsm0", 1005).ok());
    REQUIRE(store->finish_job(job.id, JobState::sent, "2.0.0", "2 parts sent", 1006).ok());

    Job done = reload(*store, job.id);
    CHECK(done.state == JobState::sent);
    CHECK(done.dsn == "2.0.0");
    CHECK(done.reason == "2 parts sent");
    CHECK(done.updated == 1006);
    CHECK(done.parts[0].state == PartState::sent);
    CHECK(done.parts[0].mr == 18);
    CHECK(done.parts[0].modem == "gsm0");
    CHECK(done.parts[0].sent_at == 1003);
    CHECK(done.parts[1].mr == 19);
    CHECK(store->open_jobs()->empty());

    auto events = store->events(job.id);
    REQUIRE(events.ok());
    REQUIRE(events->size() == 7);
    CHECK(events->front().time == 1000);
    CHECK(events->back().time == 1006);
    CHECK(event_texts(*store, job.id) == std::vector<std::string>{
                                             "queued parts=2 number=+32477324847",
                                             "claimed modem=gsm0",
                                             "sending part 1 modem=gsm0",
                                             "sent part 1 mr=18 modem=gsm0",
                                             "sending part 2 modem=gsm0",
                                             "sent part 2 mr=19 modem=gsm0",
                                             "finished state=sent dsn=2.0.0 (2 parts sent)",
                                         });
    REQUIRE(store->add_event(job.id, "mail: delivered to the network", 1007).ok());
    CHECK(event_texts(*store, job.id).back() == "mail: delivered to the network");
    CHECK_FALSE(store->add_event(4242, "orphan", 1007).ok()); // foreign key
}

TEST_CASE("store: part marks are checked")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part);
    Id part = job.parts[0].id;
    auto bad_mr = store->mark_part_sent(part, 256, "gsm0", 1001);
    REQUIRE_FALSE(bad_mr.ok());
    CHECK(bad_mr.error().field == "mark_part_sent");
    CHECK_FALSE(store->mark_part_sent(part, -1, "gsm0", 1001).ok());
    REQUIRE(store->mark_part_sent(part, 255, "gsm0", 1001).ok());
    auto twice = store->mark_part_sent(part, 0, "gsm0", 1002);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message == "part " + std::to_string(part) + " is already sent");
    CHECK_FALSE(store->mark_part_failed(part, 1002).ok());
    CHECK_FALSE(store->mark_part_sending(4242, "gsm0", 1002).ok());
    CHECK(reload(*store, job.id).parts[0].mr == 255); // the failed calls changed nothing
    auto bad_status = store->match_report("gsm0", 255, number, 256, true, 1002);
    REQUIRE_FALSE(bad_status.ok());
    CHECK(bad_status.error().field == "match_report");

    Job other = submit(*store, "Q2", one_part);
    REQUIRE(store->mark_part_failed(other.parts[0].id, 1003).ok());
    CHECK(reload(*store, other.id).parts[0].state == PartState::failed);
    auto queued = store->finish_job(other.id, JobState::queued, "4.3.0", "", 1004);
    REQUIRE_FALSE(queued.ok());
    CHECK(queued.error().field == "finish_job");
    CHECK_FALSE(store->finish_job(4242, JobState::failed, "5.1.1", "bad", 1004).ok());
}

TEST_CASE("store: temporary failures are retried until the limit, then deferred")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", three_parts, 1000);
    Seconds now = 1000;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        REQUIRE(*store->claim_job(job.id, "gsm0", now));
        REQUIRE(store->mark_part_sending(job.parts[0].id, "gsm0", now).ok());
        auto state = store->defer_job(job.id, 3, now + 60, "4.3.0", "+CMS ERROR: 38", now);
        REQUIRE(state.ok());
        Job after = reload(*store, job.id);
        CHECK(after.attempts == attempt);
        CHECK(after.not_before == now + 60);
        CHECK(after.parts[0].state == PartState::pending); // not sent, so sent again later
        CHECK(after.dsn == "4.3.0");
        if (attempt < 3) {
            CHECK(*state == JobState::queued);
            CHECK(store->runnable_jobs("gsm0", now + 59, 10)->empty()); // backoff
            CHECK(store->runnable_jobs("gsm0", now + 60, 10)->size() == 1);
        } else {
            CHECK(*state == JobState::deferred);
            CHECK(store->runnable_jobs("gsm0", now + 1000, 10)->empty());
        }
        now += 60;
    }
    auto texts = event_texts(*store, job.id);
    CHECK(texts[3] == "temporary failure attempt=1/3 retry_at=1060 dsn=4.3.0 (+CMS ERROR: 38)");
    CHECK(texts.back() == "deferred attempt=3/3 dsn=4.3.0 (+CMS ERROR: 38)");
    CHECK_FALSE(store->defer_job(job.id, 3, now, "4.3.0", "again", now).ok()); // no longer open
}

TEST_CASE("store: requeue_deferred queues a resubmitted deferred job again")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part, 1000);
    auto wrong = store->requeue_deferred(job.id, 1001);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().message == "job " + std::to_string(job.id) + " is queued, not deferred");

    REQUIRE(*store->defer_job(job.id, 1, 5000, "4.4.1", "no modem", 1001) == JobState::deferred);
    auto again = store->submit(new_job("Q1"), one_part, 7, 2000);
    REQUIRE(again.ok());
    CHECK(again->existing);
    CHECK(again->job.state == JobState::deferred);
    REQUIRE(store->requeue_deferred(job.id, 2000).ok());
    Job queued = reload(*store, job.id);
    CHECK(queued.state == JobState::queued);
    CHECK(queued.attempts == 0);
    CHECK(queued.not_before == 2000);
    CHECK_FALSE(queued.dsn.has_value());
    CHECK(store->runnable_jobs("gsm0", 2000, 10)->size() == 1);
    CHECK(event_texts(*store, job.id).back() == "requeued after resubmission");
}

TEST_CASE("store: recover after a crash puts parts in doubt back to pending")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    Id job_id = 0;
    Id idle_id = 0;
    {
        auto store = open_store(path);
        Job job = submit(*store, "Q1", three_parts, 1000);
        idle_id = submit(*store, "Q2", one_part, 1000).id;
        job_id = job.id;
        REQUIRE(*store->claim_job(job.id, "gsm0", 1001));
        REQUIRE(store->mark_part_sending(job.parts[0].id, "gsm0", 1002).ok());
        REQUIRE(store->mark_part_sent(job.parts[0].id, 40, "gsm0", 1003).ok());
        REQUIRE(store->mark_part_sending(job.parts[1].id, "gsm0", 1004).ok());
        // The worker dies here, between AT+CMGS and its answer.
    }
    auto store = open_store(path);
    auto open = store->open_jobs();
    REQUIRE(open.ok());
    CHECK(open->size() == 2);
    auto in_doubt = store->recover(2000);
    REQUIRE(in_doubt.ok());
    CHECK(*in_doubt == 1);
    Job job = reload(*store, job_id);
    CHECK(job.state == JobState::queued);
    CHECK(job.modem == "gsm0"); // part 1 went out through gsm0: the rest follows it
    CHECK(job.parts[0].state == PartState::sent);
    CHECK(job.parts[1].state == PartState::pending);
    CHECK(job.parts[2].state == PartState::pending);
    CHECK(event_texts(*store, job_id).back() == "recovered at start parts_in_doubt=1");
    CHECK(reload(*store, idle_id).state == JobState::queued);
    CHECK(event_texts(*store, idle_id).size() == 1); // untouched
    CHECK(*store->recover(2001) == 0);                // nothing left to recover
}

TEST_CASE("store: requeue_job moves a job off a modem that went away")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part, 1000);
    REQUIRE(*store->claim_job(job.id, "gsm0", 1001));
    REQUIRE(store->mark_part_sending(job.parts[0].id, "gsm0", 1002).ok());
    auto reset = store->requeue_job(job.id, true, 1100, 1003);
    REQUIRE(reset.ok());
    CHECK(*reset == 1);
    Job queued = reload(*store, job.id);
    CHECK(queued.state == JobState::queued);
    CHECK(queued.modem.empty());
    CHECK(queued.not_before == 1100);
    CHECK(event_texts(*store, job.id).back() == "requeued unpinned parts_in_doubt=1");
    CHECK(store->runnable_jobs("gsm1", 1099, 10)->empty()); // not before 1100
    CHECK(store->runnable_jobs("gsm1", 1100, 10)->size() == 1);

    send_all(*store, reload(*store, job.id), "gsm1", 1, 1101); // claims it for gsm1
    CHECK(reload(*store, job.id).modem == "gsm1");
    CHECK_FALSE(store->requeue_job(job.id, true, 0, 1102).ok()); // sent is final
}

