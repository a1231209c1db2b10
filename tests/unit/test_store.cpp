// test_store.cpp - the worker's state in SQLite, on real database files in a
// fresh temporary directory per test: idempotent submission, the life of a
// job, restart recovery, status report matching with TP-MR wrap, incoming
// SMS and parts, history, and several Stores on one file.
#include "store/store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace smsgate::store;

namespace {

// The seed's SMS-SUBMIT to +32477324847 ("PS test"), as AT+CMGS=21 sent it.
const std::string seed_submit = "07912374151616F631000B912374374248F70000A707D029885E9ED301";
// The seed's incoming SMS-DELIVER and SMS-STATUS-REPORT.
const std::string seed_deliver = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301";
const std::string seed_report = "07912374151616F606120B912374374248F7701191610500407011916105004000";
const std::string number = "+32477324847";

// A directory of its own under $TMPDIR (or /tmp), removed with everything in it.
class TempDir {
public:
    TempDir()
    {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/smsgate-store-XXXXXX";
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        REQUIRE(mkdtemp(buffer.data()) != nullptr);
        path_ = buffer.data();
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

std::unique_ptr<Store> open_store(const std::string& path)
{
    auto store = Store::open(path);
    if (!store)
        FAIL("open: " << store.error().what());
    return std::move(store).value();
}

NewJob new_job(const std::string& queue_id, const std::string& to = number)
{
    NewJob job;
    job.key = {queue_id, to + "@sms.example.com", "<" + queue_id + "@example.com>"};
    job.number = to;
    job.sender = "ps@example.com";
    job.from_name = "P S";
    job.notify = "all";
    job.text = "test";
    return job;
}

const std::vector<std::pair<std::string, int>> one_part = {{seed_submit, 21}};
const std::vector<std::pair<std::string, int>> three_parts = {{"0011AA", 3}, {"0011BB", 3}, {"0011CC", 3}};

// Submits a new job and returns it; the test fails when it was not new.
Job submit(Store& store, const std::string& queue_id, const std::vector<std::pair<std::string, int>>& parts,
           Seconds now = 1000, const std::string& to = number)
{
    auto submitted = store.submit(new_job(queue_id, to), parts, 7, now);
    REQUIRE_MESSAGE(submitted.ok(), submitted.error().what());
    REQUIRE_FALSE(submitted->existing);
    return submitted->job;
}

Job reload(Store& store, Id id)
{
    auto job = store.job(id);
    REQUIRE_MESSAGE(job.ok(), job.error().what());
    REQUIRE(job->has_value());
    return **job;
}

// Claims the job and sends every part through the modem, MRs from first_mr.
void send_all(Store& store, const Job& job, const std::string& modem, int first_mr, Seconds now)
{
    REQUIRE(*store.claim_job(job.id, modem, now));
    int mr = first_mr;
    for (const Part& part : job.parts) {
        REQUIRE(store.mark_part_sending(part.id, modem, now).ok());
        REQUIRE(store.mark_part_sent(part.id, mr++ % 256, modem, now).ok());
    }
    REQUIRE(store.finish_job(job.id, JobState::sent, "2.0.0", "sent", now).ok());
}

std::vector<std::string> event_texts(Store& store, Id job)
{
    auto events = store.events(job);
    REQUIRE_MESSAGE(events.ok(), events.error().what());
    std::vector<std::string> texts;
    for (const Event& e : *events)
        texts.push_back(e.what);
    return texts;
}

std::string pragma_text(const std::string& path, const char* pragma)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, pragma, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

} // namespace

TEST_CASE("store: open creates a WAL database with the current schema")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    {
        auto store = open_store(path);
        REQUIRE(std::filesystem::exists(path));
    }
    CHECK(pragma_text(path, "PRAGMA journal_mode") == "wal");
    CHECK(pragma_text(path, "PRAGMA user_version") == "1");
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
    CHECK(first.key.message_id == "<4XyZ1@example.com>");

    auto again = store->submit(new_job("4XyZ1"), one_part, 99, 2000);
    REQUIRE(again.ok());
    CHECK(again->existing);
    CHECK(again->job.id == first.id);
    CHECK(again->job.concat_ref == 7);
    REQUIRE(again->job.parts.size() == 3); // not inserted again, not replaced
    CHECK(again->job.parts[0].pdu_hex == "0011AA");

    // Another Message-ID (or queue id, or recipient) is another delivery.
    NewJob other = new_job("4XyZ1");
    other.key.message_id = "";
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
        CHECK(part.pdu_hex == "00" + std::to_string(i + 1));
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
    auto queued = store->finish_job(other.id, JobState::queued, "", "", 1004);
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
    CHECK(queued.dsn.empty());
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

TEST_CASE("store: status reports match the newest waiting part, across MR wrap")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    // 256 messages later the MR is 5 again: two parts to the same number with MR 5.
    Job old_job = submit(*store, "OLD", one_part, 1000);
    send_all(*store, old_job, "gsm0", 5, 1000);
    Job new_job_ = submit(*store, "NEW", one_part, 5000);
    send_all(*store, new_job_, "gsm0", 5, 5000);

    auto first = store->match_report("gsm0", 5, number, 0x00, true, 5010);
    REQUIRE(first.ok());
    REQUIRE(first->has_value());
    CHECK((*first)->job == new_job_.id);
    CHECK((*first)->report_status == 0x00);
    CHECK((*first)->report_at == 5010);
    CHECK(event_texts(*store, new_job_.id).back() == "report part 1 st=0x00");

    // The newest has its final report: the next report with MR 5 is the old one's.
    auto second = store->match_report("gsm0", 5, number, 0x46, true, 5020);
    REQUIRE(second.ok());
    REQUIRE(second->has_value());
    CHECK((*second)->job == old_job.id);
    CHECK(reload(*store, old_job.id).parts[0].report_status == 0x46);

    // Both have final reports now.
    auto third = store->match_report("gsm0", 5, number, 0x00, true, 5030);
    REQUIRE(third.ok());
    CHECK_FALSE(third->has_value());
    CHECK(reload(*store, new_job_.id).parts[0].report_status == 0x00); // unchanged
}

TEST_CASE("store: status reports of another modem, MR or number do not match")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part, 1000);
    send_all(*store, job, "gsm0", 5, 1000);
    Job elsewhere = submit(*store, "Q2", one_part, 1000, "+32470000001");
    send_all(*store, elsewhere, "gsm1", 6, 1000);

    CHECK_FALSE(store->match_report("gsm1", 5, number, 0, true, 1001)->has_value());  // gsm1's MR 5: none
    CHECK_FALSE(store->match_report("gsm0", 6, number, 0, true, 1001)->has_value());  // wrong MR
    CHECK_FALSE(store->match_report("gsm0", 5, "+32470000001", 0, true, 1001)->has_value()); // wrong number
    CHECK_FALSE(store->match_report("gsm0", 5, "0477324847", 0, true, 1001)->has_value());   // not as stored
    CHECK_FALSE(reload(*store, job.id).parts[0].report_status.has_value());

    // Unsent parts never match: they have no MR yet.
    Job pending = submit(*store, "Q3", one_part, 1000);
    CHECK_FALSE(store->match_report("gsm0", 0, number, 0, true, 1001)->has_value());
    CHECK(reload(*store, pending.id).parts[0].state == PartState::pending);
}

TEST_CASE("store: a report that is not final keeps the part waiting")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", three_parts, 1000);
    send_all(*store, job, "gsm0", 254, 1000); // MRs 254, 255, 0

    auto trying = store->match_report("gsm0", 0, number, 0x21, false, 1010);
    REQUIRE(trying->has_value());
    CHECK((*trying)->seq == 3);
    CHECK(event_texts(*store, job.id).back() == "report part 3 st=0x21 not final");
    auto delivered = store->match_report("gsm0", 0, number, 0x00, true, 1020);
    REQUIRE(delivered->has_value());
    CHECK((*delivered)->id == (*trying)->id);
    CHECK((*delivered)->report_status == 0x00);
    CHECK_FALSE(store->match_report("gsm0", 0, number, 0x00, true, 1030)->has_value());
    CHECK(store->match_report("gsm0", 255, number, 0x00, true, 1030)->value().seq == 2);
}

TEST_CASE("store: incoming messages are kept once per storage slot until deleted")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Incoming in{0, "gsm0", "SM", 3, seed_deliver, IncomingState::fresh, 1000};
    auto first = store->add_incoming(in);
    REQUIRE(first.ok());
    CHECK(first->id > 0);
    CHECK(first->modem == "gsm0");

    // A restart reads the same slot again: the same row, whatever its state.
    auto again = store->add_incoming(in);
    REQUIRE(again.ok());
    CHECK(again->id == first->id);
    REQUIRE(store->set_incoming_state(first->id, IncomingState::handed).ok());
    auto handed = store->add_incoming(in);
    CHECK(handed->id == first->id);
    CHECK(handed->state == IncomingState::handed);

    // Another PDU in that slot, or another storage or modem, is another message.
    Incoming other = in;
    other.pdu_hex = seed_report;
    CHECK(store->add_incoming(other)->id != first->id);
    Incoming sr = in;
    sr.storage = "SR";
    CHECK(store->add_incoming(sr)->id != first->id);

    // Deleted from the modem: the slot may hold the same PDU again, a new SMS.
    REQUIRE(store->set_incoming_state(first->id, IncomingState::deleted).ok());
    auto reused = store->add_incoming(in);
    CHECK(reused->id != first->id);

    // Routed messages (+CMT, +CDS) have no slot: always new.
    Incoming routed{0, "gsm0", "", -1, seed_deliver, IncomingState::fresh, 1001};
    Id r1 = store->add_incoming(routed)->id;
    Id r2 = store->add_incoming(routed)->id;
    CHECK(r1 != r2);

    auto fresh = store->incoming_in_state(IncomingState::fresh, "gsm0");
    REQUIRE(fresh.ok());
    CHECK(fresh->size() == 5);
    CHECK(store->incoming_in_state(IncomingState::fresh, "gsm1")->empty());
    CHECK(store->incoming_in_state(IncomingState::deleted, "")->size() == 1);
    CHECK(fresh->back().index == -1);
    CHECK(fresh->back().received == 1001);
    CHECK_FALSE(store->set_incoming_state(4242, IncomingState::handed).ok());
}

TEST_CASE("store: parts of a long incoming message, repeated and out of order")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    IncomingPart part{"gsm0", number, 0x42, 8, 3, 3, "world", 100, 1000};
    auto after_third = store->add_incoming_part(part);
    REQUIRE(after_third.ok());
    REQUIRE(after_third->size() == 1);

    part.seq = 1;
    part.text = "hello ";
    part.received = 1001;
    REQUIRE(store->add_incoming_part(part).ok());
    part.text = "a repeat, ignored";
    auto repeated = store->add_incoming_part(part);
    REQUIRE(repeated.ok());
    REQUIRE(repeated->size() == 2);
    CHECK((*repeated)[0].seq == 1);
    CHECK((*repeated)[0].text == "hello ");
    CHECK((*repeated)[1].seq == 3);

    // Same reference from another originator, or with 16-bit references: another message.
    IncomingPart stranger{"gsm0", "+32470000001", 0x42, 8, 3, 2, "x", 100, 1002};
    CHECK(store->add_incoming_part(stranger)->size() == 1);
    IncomingPart wide{"gsm0", number, 0x42, 16, 3, 2, "y", 100, 1002};
    CHECK(store->add_incoming_part(wide)->size() == 1);

    part.seq = 2;
    part.text = "big ";
    auto complete = store->add_incoming_part(part);
    REQUIRE(complete->size() == 3);
    std::string text;
    for (const IncomingPart& p : *complete)
        text += p.text;
    CHECK(text == "hello big world");

    REQUIRE(store->drop_incoming_parts("gsm0", number, 0x42, 8, 3).ok());
    part.seq = 1;
    CHECK(store->add_incoming_part(part)->size() == 1); // starts afresh

    part.seq = 4; // beyond the total
    auto invalid = store->add_incoming_part(part);
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.error().field == "add_incoming_part");
    part.seq = 0;
    CHECK_FALSE(store->add_incoming_part(part).ok());
}

TEST_CASE("store: stale incoming parts, one per message, by first arrival")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    // Message A: part 2 came at 100, part 1 at 500. Message B: part 1 at 400.
    REQUIRE(store->add_incoming_part({"gsm0", number, 1, 8, 2, 2, "a2", 0, 100}).ok());
    REQUIRE(store->add_incoming_part({"gsm0", number, 1, 8, 2, 1, "a1", 0, 500}).ok());
    REQUIRE(store->add_incoming_part({"gsm1", number, 9, 8, 3, 1, "b1", 0, 400}).ok());

    CHECK(store->stale_incoming_parts(100)->empty());
    auto stale = store->stale_incoming_parts(401);
    REQUIRE(stale.ok());
    REQUIRE(stale->size() == 2);
    CHECK((*stale)[0].ref == 1);
    CHECK((*stale)[0].seq == 1);          // the lowest part represents the message
    CHECK((*stale)[0].received == 100);   // the time of its first part
    CHECK((*stale)[1].modem == "gsm1");
    CHECK((*stale)[1].ref == 9);

    REQUIRE(store->drop_incoming_parts("gsm0", number, 1, 8, 2).ok());
    CHECK(store->stale_incoming_parts(10000)->size() == 1);
}

TEST_CASE("store: counters and queue depth")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job sent = submit(*store, "S", three_parts);
    send_all(*store, sent, "gsm0", 1, 1000);
    Job failed = submit(*store, "F", one_part);
    REQUIRE(*store->claim_job(failed.id, "gsm1", 1000));
    REQUIRE(store->mark_part_failed(failed.parts[0].id, 1000).ok());
    REQUIRE(store->finish_job(failed.id, JobState::failed, "5.1.1", "+CMS ERROR: 1", 1000).ok());
    submit(*store, "Q1", one_part);
    Job sending = submit(*store, "Q2", one_part);
    REQUIRE(*store->claim_job(sending.id, "gsm0", 1000));

    auto deliver = store->add_incoming({0, "gsm0", "SM", 1, seed_deliver, IncomingState::fresh, 1000});
    auto report = store->add_incoming({0, "gsm0", "SR", 1, seed_report, IncomingState::fresh, 1000});
    store->add_incoming({0, "gsm1", "SM", 1, seed_deliver, IncomingState::fresh, 1000}).value(); // not handed yet
    REQUIRE(store->set_incoming_state(deliver->id, IncomingState::handed).ok());
    REQUIRE(store->set_incoming_state(report->id, IncomingState::deleted).ok());

    auto gsm0 = store->counters("gsm0");
    REQUIRE(gsm0.ok());
    CHECK(gsm0->sent == 3);
    CHECK(gsm0->failed == 0);
    CHECK(gsm0->received == 1); // the status report is no message received
    auto gsm1 = store->counters("gsm1");
    CHECK(gsm1->sent == 0);
    CHECK(gsm1->failed == 1);
    CHECK(gsm1->received == 0);
    CHECK(store->counters("")->sent == 3);

    CHECK(*store->queue_depth("gsm0") == 1); // Q2, pinned by its claim
    CHECK(*store->queue_depth("gsm1") == 0);
    CHECK(*store->queue_depth("") == 2);     // and the unpinned Q1
    auto recent = store->recent_jobs(3);
    REQUIRE(recent.ok());
    REQUIRE(recent->size() == 3);
    CHECK(recent->front().key.queue_id == "Q2");
    CHECK(recent->back().key.queue_id == "F");
}

TEST_CASE("store: two threads, each with its own Store on one file, submit 200 jobs each")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    std::atomic<int> errors{0};
    std::atomic<int> existing{0};
    auto worker = [&](const std::string& prefix) {
        auto store = Store::open(path); // both open, and migrate, a new file at once
        if (!store) {
            ++errors;
            return;
        }
        for (int i = 0; i < 200; ++i) {
            auto submitted = (*store)->submit(new_job(prefix + std::to_string(i)), three_parts, i % 256, 1000 + i);
            if (!submitted)
                ++errors;
            else if (submitted->existing)
                ++existing;
        }
    };
    std::thread a(worker, "A");
    std::thread b(worker, "B");
    a.join();
    b.join();
    CHECK(errors == 0);
    CHECK(existing == 0);
    auto store = open_store(path);
    CHECK(*store->queue_depth("") == 400);
    CHECK(store->recent_jobs(1000)->size() == 400);
    CHECK(store->job_by_key(new_job("B199").key)->value().parts.size() == 3);
}

TEST_CASE("store: reopening the file keeps everything")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    Id job_id = 0;
    {
        auto store = open_store(path);
        Job job = submit(*store, "Q1", three_parts, 1000);
        job_id = job.id;
        send_all(*store, job, "gsm0", 18, 1001);
        REQUIRE(store->match_report("gsm0", 18, number, 0, true, 1002)->has_value());
        REQUIRE(store->add_incoming({0, "gsm0", "SM", 4, seed_deliver, IncomingState::fresh, 1003}).ok());
        REQUIRE(store->add_incoming_part({"gsm0", number, 7, 8, 2, 1, "half", 0, 1004}).ok());
    }
    auto store = open_store(path);
    Job job = reload(*store, job_id);
    CHECK(job.state == JobState::sent);
    CHECK(job.parts.size() == 3);
    CHECK(job.parts[0].mr == 18);
    CHECK(job.parts[0].report_status == 0);
    CHECK(job.parts[2].mr == 20);
    CHECK(event_texts(*store, job_id).size() == 10);
    CHECK(store->incoming_in_state(IncomingState::fresh, "gsm0")->size() == 1);
    CHECK(store->add_incoming_part({"gsm0", number, 7, 8, 2, 2, "way", 0, 1005})->size() == 2);
    CHECK(store->submit(new_job("Q1"), one_part, 1, 2000)->existing);
}

TEST_CASE("store: a file that is not a database, or cannot be opened, is an error")
{
    TempDir dir;
    std::string junk = dir.file("junk.db");
    {
        std::ofstream out(junk);
        out << "this is not an SQLite database, just text long enough to have a header page\n";
        for (int i = 0; i < 100; ++i)
            out << "0123456789abcdef";
    }
    auto store = Store::open(junk);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().field == "open " + junk);
    CHECK(store.error().message.find("not a database") != std::string::npos);

    auto nowhere = Store::open(dir.file("no/such/dir/state.db"));
    REQUIRE_FALSE(nowhere.ok());
    CHECK(nowhere.error().field.rfind("open ", 0) == 0);
}

TEST_CASE("store: a database from a newer smsgated is refused")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    open_store(path).reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto store = Store::open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().message.find("version 99 is newer") != std::string::npos);
}

TEST_CASE("store: state names")
{
    CHECK(job_state_name(JobState::queued) == "queued");
    CHECK(job_state_name(JobState::deferred) == "deferred");
    CHECK(part_state_name(PartState::sending) == "sending");
    CHECK(part_state_name(PartState::failed) == "failed");
}
