// store_fixture.hpp - what the store tests share: a fresh temporary
// directory per test with a database in it, removed afterwards, and
// helpers to put jobs and parts in.
#pragma once

#include "store/schema.hpp"
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

namespace store_test {

using namespace smsgate::store;


// The seed's SMS-SUBMIT to +32477324847 ("PS test"), as AT+CMGS=21 sent it.
inline const std::string seed_submit = "07912374151616F631000B912374374248F70000A707D029885E9ED301";
inline const std::string seed_smsc = "+32475161616";
// Its TPDU, as the store keeps a part: without the SMSC address.
inline const std::string seed_tpdu = "31000B912374374248F70000A707D029885E9ED301";
// The seed's incoming SMS-DELIVER and SMS-STATUS-REPORT.
inline const std::string seed_deliver = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301";
inline const std::string seed_report = "07912374151616F606120B912374374248F7701191610500407011916105004000";
inline const std::string number = "+32477324847";

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

inline std::unique_ptr<Store> open_store(const std::string& path)
{
    auto store = Store::open(path);
    if (!store)
        FAIL("open: " << store.error().what());
    return std::move(store).value();
}

inline NewJob new_job(const std::string& queue_id, const std::string& to = number)
{
    NewJob job;
    job.key = {queue_id, to + "@sms.example.com", "<" + queue_id + "@example.com>"};
    job.message_id = job.key.mail_key;
    job.number = to;
    job.sender = "ps@example.com";
    job.from_name = "P S";
    job.notify = smsgate::policy::NotifyLevel::all;
    job.text = "test";
    return job;
}

inline const std::vector<std::pair<std::string, int>> one_part = {{seed_tpdu, 21}};
inline const std::vector<std::pair<std::string, int>> three_parts = {{"0011AA", 3}, {"0011BB", 3}, {"0011CC", 3}};

// Submits a new job and returns it; the test fails when it was not new.
inline Job submit(Store& store, const std::string& queue_id, const std::vector<std::pair<std::string, int>>& parts,
           Seconds now = 1000, const std::string& to = number)
{
    auto submitted = store.submit(new_job(queue_id, to), parts, 7, now);
    REQUIRE_MESSAGE(submitted.ok(), submitted.error().what());
    REQUIRE_FALSE(submitted->existing);
    return submitted->job;
}

inline Job reload(Store& store, Id id)
{
    auto job = store.job(id);
    REQUIRE_MESSAGE(job.ok(), job.error().what());
    REQUIRE(job->has_value());
    return **job;
}

// Claims the job and sends every part through the modem, MRs from first_mr.
inline void send_all(Store& store, const Job& job, const std::string& modem, int first_mr, Seconds now)
{
    REQUIRE(*store.claim_job(job.id, modem, now));
    int mr = first_mr;
    for (const Part& part : job.parts) {
        REQUIRE(store.mark_part_sending(part.id, modem, now).ok());
        REQUIRE(store.mark_part_sent(part.id, mr++ % 256, modem, now).ok());
    }
    REQUIRE(store.finish_job(job.id, JobState::sent, "2.0.0", "sent", now).ok());
}

inline std::vector<std::string> event_texts(Store& store, Id job)
{
    auto events = store.events(job);
    REQUIRE_MESSAGE(events.ok(), events.error().what());
    std::vector<std::string> texts;
    for (const Event& e : *events)
        texts.push_back(e.what);
    return texts;
}

// Runs SQL on an open connection: how a test writes rows as an older
// smsgated wrote them.
inline void exec_sql(sqlite3* db, const std::string& sql)
{
    char* message = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    std::string text = message ? message : "";
    sqlite3_free(message);
    REQUIRE_MESSAGE(rc == SQLITE_OK, sql << ": " << text);
}

// A database as an older smsgated left it: the schema up to `version`,
// open for rows written with that version's SQL, closed with the object.
class OldDatabase {
public:
    OldDatabase(const std::string& path, int version)
    {
        REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
        REQUIRE(smsgate::store::detail::configure(db_).ok());
        auto migrated = smsgate::store::detail::migrate_to(db_, version);
        REQUIRE_MESSAGE(migrated.ok(), (migrated.ok() ? "" : migrated.error().what()));
    }
    ~OldDatabase() { sqlite3_close(db_); }
    OldDatabase(const OldDatabase&) = delete;
    OldDatabase& operator=(const OldDatabase&) = delete;

    void exec(const std::string& sql) { exec_sql(db_, sql); }
    sqlite3* get() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

inline std::string pragma_text(const std::string& path, const char* pragma)
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

} // namespace store_test
