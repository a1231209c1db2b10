// store.cpp - opening the store, submitting jobs and reading them back.
//
// The other calls of Store live beside this file by subject: job_states.cpp
// (claim, requeue, finish, defer), parts.cpp (sending and status reports),
// reports.cpp (the reports decided per job), routing.cpp (the jobs a reply
// may answer), outbox.cpp (mails for sendmail), incoming.cpp (incoming SMS
// and parts), history.cpp (events and counters).
#include "store/store.hpp"

#include "store/rows.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"

#include <sqlite3.h>

namespace smsgate::store {

using namespace detail;

Result<std::unique_ptr<Store>> Store::open(const std::string& path)
{
    sqlite3* db = nullptr;
    // One Store per thread: the connection needs no mutex of its own.
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    std::unique_ptr<Store> store(new Store(db)); // closes db on every path
    if (rc != SQLITE_OK)
        return make_error("open " + path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (auto done = configure(db); !done)
        return make_error("open " + path, done.error().what());
    if (auto done = migrate(db); !done)
        return make_error("open " + path, done.error().what());
    return Result<std::unique_ptr<Store>>(std::move(store));
}

Store::Store(sqlite3* db) : db_(db) {}

Store::~Store()
{
    // Every statement is finalized when its call returns, so this closes.
    sqlite3_close_v2(db_);
}

namespace {

Status insert_parts(sqlite3* db, Id job, const std::vector<std::pair<std::string, int>>& parts)
{
    auto st = Statement::prepare(db, "submit",
                                 "INSERT INTO parts (job, seq, tpdu_hex, tpdu_length, state) "
                                 "VALUES (?1, ?2, ?3, ?4, 'pending')");
    if (!st)
        return st.error();
    int seq = 1;
    for (const auto& [tpdu_hex, length] : parts) {
        st->reset();
        st->bind(1, job).bind(2, seq++).bind(3, tpdu_hex).bind(4, length);
        if (auto done = st->run(); !done)
            return done;
    }
    return Done{};
}

Result<Id> insert_job(sqlite3* db, const NewJob& job, int concat_ref, Seconds now)
{
    auto st = Statement::prepare(db, "submit",
                                 "INSERT INTO jobs (queue_id, recipient, mail_key, number, sender, from_name, to_name, "
                                 "notify, text, state, modem, concat_ref, created, updated, language, message_id) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'queued', ?10, ?11, ?12, ?12, ?13, ?14)");
    if (!st)
        return st.error();
    st->bind(1, job.key.queue_id).bind(2, job.key.recipient).bind(3, job.key.mail_key);
    st->bind(4, job.number).bind(5, job.sender).bind(6, job.from_name).bind(7, job.to_name);
    st->bind(8, policy::notify_level_word(job.notify)).bind(9, job.text).bind(10, job.modem_hint).bind(11, concat_ref).bind(12, now);
    st->bind(13, job.language).bind(14, job.message_id);
    if (auto done = st->run(); !done)
        return done.error();
    return static_cast<Id>(sqlite3_last_insert_rowid(db));
}

} // namespace

Result<Submitted> Store::submit(const NewJob& job, const std::vector<std::pair<std::string, int>>& parts,
                                int concat_ref, Seconds now)
{
    if (parts.empty())
        return make_error("submit", "a job needs at least one part");
    return write_transaction<Submitted>(db_, "submit", [&]() -> Result<Submitted> {
        auto known = find_job_by_key(db_, "submit", job.key);
        if (!known)
            return known.error();
        if (*known) {
            Job existing = std::move(**known);
            std::string what = "resubmitted, state " + std::string(job_state_name(existing.state));
            if (auto done = insert_event(db_, "submit", existing.id, what, now); !done)
                return done.error();
            return Submitted{std::move(existing), true};
        }
        auto id = insert_job(db_, job, concat_ref, now);
        if (!id)
            return id.error();
        if (auto done = insert_parts(db_, *id, parts); !done)
            return done.error();
        std::string what = "queued parts=" + std::to_string(parts.size()) + " number=" + job.number;
        if (!job.modem_hint.empty())
            what += " modem=" + job.modem_hint;
        if (auto done = insert_event(db_, "submit", *id, what, now); !done)
            return done.error();
        auto created = require_job(db_, "submit", *id);
        if (!created)
            return created.error();
        return Submitted{std::move(created).value(), false};
    });
}

Result<std::optional<Job>> Store::job(Id id)
{
    return read_transaction<std::optional<Job>>(db_, "job", [&] { return find_job(db_, "job", id); });
}

Result<std::optional<Job>> Store::job_by_key(const JobKey& key)
{
    return read_transaction<std::optional<Job>>(db_, "job_by_key",
                                                [&] { return find_job_by_key(db_, "job_by_key", key); });
}

Result<std::vector<Job>> Store::runnable_jobs(const std::string& modem, Seconds now, int limit)
{
    return read_transaction<std::vector<Job>>(db_, "runnable_jobs", [&]() -> Result<std::vector<Job>> {
        auto st = Statement::prepare(db_, "runnable_jobs",
                                     select_jobs("WHERE state = 'queued' AND not_before <= ?1 "
                                                 "AND (modem = '' OR modem = ?2) ORDER BY created, id LIMIT ?3"));
        if (!st)
            return st.error();
        st->bind(1, now).bind(2, modem).bind(3, limit);
        return query_jobs(db_, *st, true);
    });
}

Result<std::vector<Job>> Store::open_jobs()
{
    auto st = Statement::prepare(db_, "open_jobs", select_jobs("WHERE state IN ('queued', 'sending') ORDER BY id"));
    if (!st)
        return st.error();
    return query_jobs(db_, *st, false);
}

Result<std::vector<Job>> Store::recent_jobs(int limit)
{
    auto st = Statement::prepare(db_, "recent_jobs", select_jobs("ORDER BY id DESC LIMIT ?1"));
    if (!st)
        return st.error();
    st->bind(1, limit);
    return query_jobs(db_, *st, false);
}

} // namespace smsgate::store
