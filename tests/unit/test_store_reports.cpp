// The store's status-report matching, incoming messages and their parts,
// counters, concurrency and schema: on real SQLite files.
#include "store_fixture.hpp"

#include <mutex>

using namespace store_test;

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
    part.received = 1002; // the same part again: a repeat, ignored
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

    REQUIRE(store->drop_incoming_parts({"gsm0", number, 0x42, 8, 3}).ok());
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

    REQUIRE(store->drop_incoming_parts({"gsm0", number, 1, 8, 2}).ok());
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
    std::mutex first_error_mutex;
    std::string first_error;
    auto failed = [&](const smsgate::Error& e) {
        std::lock_guard lock(first_error_mutex);
        if (errors++ == 0)
            first_error = e.what();
    };
    auto worker = [&](const std::string& prefix) {
        auto store = Store::open(path); // both open, and migrate, a new file at once
        if (!store) {
            failed(store.error());
            return;
        }
        for (int i = 0; i < 200; ++i) {
            auto submitted = (*store)->submit(new_job(prefix + std::to_string(i)), three_parts, i % 256, 1000 + i);
            if (!submitted)
                failed(submitted.error());
            else if (submitted->existing)
                ++existing;
        }
    };
    std::thread a(worker, "A");
    std::thread b(worker, "B");
    a.join();
    b.join();
    CHECK_MESSAGE(errors == 0, first_error);
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
