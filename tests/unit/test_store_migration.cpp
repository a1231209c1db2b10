// test_store_migration.cpp - a database as smsgated left it at schema
// version 1, with a sent job, an incoming status report and half of a long
// incoming SMS in it, opened by this smsgated: migrated to the latest
// version with every row intact and the new columns at their defaults.
#include "store_fixture.hpp"

#include "store/schema.hpp"

using namespace store_test;

namespace {

bool prepares(sqlite3* db, const char* sql)
{
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    sqlite3_finalize(st);
    return rc == SQLITE_OK;
}

// A version-1 database with job 1 (sent, part 1 with MR 18 at 1005),
// incoming row 1 (a status report) and part 1 of 2 of an incoming SMS.
void write_version_1(const std::string& path)
{
    OldDatabase old(path, 1);
    sqlite3* db = old.get();
    exec_sql(db, "INSERT INTO jobs (id, queue_id, recipient, message_id, number, sender, from_name, to_name, notify, "
                 "text, state, modem, concat_ref, created, updated) VALUES (1, 'OLD1', "
                 "'+32477324847@sms.example.com', '<old@example.com>', '+32477324847', 'ps@example.com', 'P S', "
                 "'Jan', 'all', 'hello', 'sent', 'gsm0', 7, 1000, 1010)");
    exec_sql(db, "INSERT INTO parts (id, job, seq, pdu_hex, tpdu_length, state, mr, modem, sent_at) VALUES "
                 "(1, 1, 1, '" + seed_submit + "', 21, 'sent', 18, 'gsm0', 1005)");
    exec_sql(db, "INSERT INTO events (job, time, what) VALUES (1, 1000, 'queued parts=1 number=+32477324847')");
    exec_sql(db, "INSERT INTO incoming (id, modem, storage, slot, pdu_hex, mti, state, received) VALUES "
                 "(1, 'gsm0', 'SR', 2, '" + seed_report + "', 2, 'fresh', 1020)");
    exec_sql(db, "INSERT INTO incoming_parts (modem, originator, ref, ref_bits, total, seq, text, scts, received) "
                 "VALUES ('gsm0', '+32470000001', 9, 8, 2, 1, 'half', 900, 1015)");
    // Version 1 indeed: none of version 2 is there.
    CHECK_FALSE(prepares(db, "SELECT language FROM jobs"));
    CHECK_FALSE(prepares(db, "SELECT zone_minutes FROM incoming_parts"));
    CHECK_FALSE(prepares(db, "SELECT part FROM incoming"));
    CHECK_FALSE(prepares(db, "SELECT count(*) FROM reports"));
    CHECK_FALSE(prepares(db, "SELECT count(*) FROM outbox"));
}

} // namespace

TEST_CASE("store: a version-1 database is migrated to the latest version with its rows intact")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    write_version_1(path);
    REQUIRE(pragma_text(path, "PRAGMA user_version") == "1");

    auto store = open_store(path);
    CHECK(pragma_text(path, "PRAGMA user_version") == "8");
    CHECK(smsgate::store::detail::schema_version() == 8);

    Job job = reload(*store, 1);
    CHECK(job.key.queue_id == "OLD1");
    CHECK(job.number == number);
    CHECK(job.sender == "ps@example.com");
    CHECK(job.to_name == "Jan");
    CHECK(job.state == JobState::sent);
    CHECK(job.language.empty()); // the new column's default
    REQUIRE(job.parts.size() == 1);
    CHECK(job.parts[0].mr == 18);
    CHECK(job.parts[0].tpdu_hex == seed_tpdu); // schema 7 took the SMSC off
    CHECK(job.parts[0].sent_at == 1005);
    CHECK_FALSE(job.parts[0].in_doubt()); // schema 4's columns at their defaults
    CHECK(job.parts[0].doubt_resends == 0);
    CHECK(event_texts(*store, 1) == std::vector<std::string>{"queued parts=1 number=+32477324847"});

    auto fresh = store->incoming_in_state(IncomingState::fresh, "gsm0");
    REQUIRE(fresh.ok());
    REQUIRE(fresh->size() == 1);
    CHECK(fresh->front().pdu_hex == seed_report);
    CHECK(fresh->front().index == 2);

    auto stale = store->stale_incoming_parts(2000);
    REQUIRE(stale.ok());
    REQUIRE(stale->size() == 1);
    CHECK(stale->front().text == "half");
    CHECK(stale->front().received == 1015);
    CHECK(stale->front().zone_minutes == 0); // the new columns' defaults
    CHECK_FALSE(stale->front().alphanumeric);
    CHECK_FALSE(stale->front().incoming_row.has_value());
    CHECK(stale->front().copy == 0); // schema 5 made the table again, with the part in it
    auto fate = store->parts_fate(stale->front().message(), 0);
    REQUIRE(fate.ok());
    CHECK_FALSE(fate->waiting); // an old part names no row
    CHECK_FALSE(fate->stuck);

    // The old report row has no part yet: it is matched now, and remembered.
    auto matched = store->match_report(1, "gsm0", 18, number, 0x00, true, 1030);
    REQUIRE_MESSAGE(matched.ok(), matched.error().what());
    REQUIRE(matched->has_value());
    CHECK((*matched)->id == 1);
    CHECK(pragma_text(path, "SELECT part FROM incoming WHERE id = 1") == "1");

    // The new tables and the index work on the old rows.
    CHECK(store->jobs_awaiting_reports(2000, 0, 10)->size() == 1);
    CHECK(*store->record_report(1, smsgate::checks::Report::handset, "st=0", std::nullopt, 1031));
    CHECK(store->jobs_awaiting_reports(2000, 0, 10)->empty());
    CHECK(store->last_job_to(number, 0)->value().id == 1);
    CHECK(*store->name_for_number(number) == "Jan");
    CHECK(*store->outbox_depth() == 0);
    CHECK(pragma_text(path, "SELECT count(*) FROM sqlite_master WHERE name = 'jobs_by_number'") == "1");
    // The part the old database sent counts for its modem's send limits.
    CHECK(*store->sent_times("gsm0", 1000) == std::vector<smsgate::store::Seconds>{1005});
    CHECK(store->sent_times("gsm0", 1005)->empty());
    CHECK(pragma_text(path, "SELECT count(*) FROM sqlite_master WHERE name = 'parts_sent_by_modem'") == "1");

    // Opened again, it stays at the latest version with everything in it.
    store.reset();
    store = open_store(path);
    CHECK(pragma_text(path, "PRAGMA user_version") == "8");
    CHECK(store->job_reports(1)->size() == 1);
    CHECK(reload(*store, 1).parts[0].report_status == 0x00);
}

TEST_CASE("store: migrate_to refuses a version that does not exist, and never goes down")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    open_store(path).reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    auto beyond = smsgate::store::detail::migrate_to(db, smsgate::store::detail::schema_version() + 1);
    REQUIRE_FALSE(beyond.ok());
    CHECK(beyond.error().field == "migrate");
    CHECK_FALSE(smsgate::store::detail::migrate_to(db, 0).ok());
    CHECK(smsgate::store::detail::migrate_to(db, 1).ok()); // already past it: nothing to do
    sqlite3_close(db);
    CHECK(pragma_text(path, "PRAGMA user_version") == "8");
}
