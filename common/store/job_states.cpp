// job_states.cpp - the life of a job: claimed by a modem, requeued when a
// modem goes away or the worker restarts, deferred on a temporary failure,
// finished. Each change is one transaction with its event.
#include "store/store.hpp"

#include "store/rows.hpp"
#include "store/statement.hpp"

namespace smsgate::store {

using namespace detail;

namespace {

bool is_open(JobState state)
{
    return state == JobState::queued || state == JobState::sending;
}

Error not_open(const char* op, const Job& job)
{
    return make_error(op, "job " + std::to_string(job.id) + " is " + std::string(job_state_name(job.state)) +
                              ", not queued or sending");
}

// "finished state=sent dsn=2.0.0 (all parts sent)"
std::string outcome(std::string what, StatusCode dsn, const std::string& reason)
{
    what += " dsn=" + dsn.str();
    if (!reason.empty())
        what += " (" + reason + ")";
    return what;
}

Status require_job_row(sqlite3* db, const char* op, Id id)
{
    auto st = Statement::prepare(db, op, "SELECT count(*) FROM jobs WHERE id = ?1");
    if (!st)
        return st.error();
    st->bind(1, id);
    auto count = st->single_int();
    if (!count)
        return count.error();
    if (*count == 0)
        return make_error(op, "no job " + std::to_string(id));
    return Done{};
}

// Parts in state sending (of one job, or of every job when job is 0) go back
// to pending. With in_doubt (doubt_since = now) whether AT+CMGS went
// through is unknown; without, the modem said it did not. Returns how many.
Result<int> reset_sending_parts(sqlite3* db, const char* op, Id job, bool in_doubt, Seconds now)
{
    auto st = Statement::prepare(db, op,
                                 "UPDATE parts SET state = 'pending', doubt_since = CASE WHEN ?2 THEN ?3 ELSE 0 END "
                                 "WHERE state = 'sending' AND (?1 = 0 OR job = ?1)");
    if (!st)
        return st.error();
    st->bind(1, job).bind(2, in_doubt ? 1 : 0).bind(3, now);
    if (auto done = st->run(); !done)
        return done.error();
    return st->changes();
}

// Back to queued, in the caller's transaction.
Result<int> requeue(sqlite3* db, const char* op, Id job, bool unpin, Seconds not_before, Seconds now,
                    const std::string& why, bool in_doubt = true)
{
    auto reset = reset_sending_parts(db, op, job, in_doubt, now);
    if (!reset)
        return reset;
    auto st = Statement::prepare(db, op,
                                 "UPDATE jobs SET state = 'queued', modem = CASE WHEN ?2 THEN '' ELSE modem END, "
                                 "not_before = ?3, updated = ?4 WHERE id = ?1");
    if (!st)
        return st.error();
    st->bind(1, job).bind(2, unpin ? 1 : 0).bind(3, not_before).bind(4, now);
    if (auto done = st->run(); !done)
        return done.error();
    std::string what = why;
    if (unpin)
        what += " unpinned";
    if (*reset > 0)
        what += (in_doubt ? " parts_in_doubt=" : " parts_not_sent=") + std::to_string(*reset);
    if (auto done = insert_event(db, op, job, what, now); !done)
        return done.error();
    return reset;
}

Result<std::vector<Id>> jobs_in_state(sqlite3* db, const char* op, JobState state)
{
    auto st = Statement::prepare(db, op, "SELECT id FROM jobs WHERE state = ?1 ORDER BY id");
    if (!st)
        return st.error();
    st->bind(1, job_state_name(state));
    return collect<Id>(*st, [](const Statement& row) -> Result<Id> { return row.int64(0); });
}

} // namespace

Result<bool> Store::claim_job(Id job, const std::string& modem, Seconds now)
{
    if (modem.empty())
        return make_error("claim_job", "no modem named");
    // The part marked sending next commits it to the disk, before the modem
    // is asked anything.
    return write_transaction_synced_later<bool>(db_, "claim_job", [&]() -> Result<bool> {
        auto st = Statement::prepare(db_, "claim_job",
                                     "UPDATE jobs SET state = 'sending', modem = ?2, updated = ?3 "
                                     "WHERE id = ?1 AND state = 'queued' AND (modem = '' OR modem = ?2)");
        if (!st)
            return st.error();
        st->bind(1, job).bind(2, modem).bind(3, now);
        if (auto done = st->run(); !done)
            return done.error();
        if (st->changes() == 0) {
            if (auto exists = require_job_row(db_, "claim_job", job); !exists)
                return exists.error();
            return false; // taken by another modem, or no longer queued
        }
        if (auto done = insert_event(db_, "claim_job", job, "claimed modem=" + modem, now); !done)
            return done.error();
        return true;
    });
}

Result<int> Store::requeue_job(Id job, bool unpin, Seconds not_before, Seconds now, bool in_doubt)
{
    return write_transaction<int>(db_, "requeue_job", [&]() -> Result<int> {
        auto current = require_job(db_, "requeue_job", job);
        if (!current)
            return current.error();
        if (!is_open(current->state))
            return not_open("requeue_job", *current);
        return requeue(db_, "requeue_job", job, unpin, not_before, now, "requeued", in_doubt);
    });
}

Result<int> Store::recover(Seconds now)
{
    return write_transaction<int>(db_, "recover", [&]() -> Result<int> {
        auto sending = jobs_in_state(db_, "recover", JobState::sending);
        if (!sending)
            return sending.error();
        int in_doubt = 0;
        for (Id job : *sending) {
            // The pin stays: parts already sent came from that modem's number.
            auto reset = requeue(db_, "recover", job, false, now, now, "recovered at start");
            if (!reset)
                return reset;
            in_doubt += *reset;
        }
        // A part left in sending under a job that is not (never by this code).
        auto stray = reset_sending_parts(db_, "recover", 0, true, now);
        if (!stray)
            return stray;
        return in_doubt + *stray;
    });
}

Status Store::finish_job(Id job, JobState state, StatusCode dsn, const std::string& reason, Seconds now)
{
    if (is_open(state))
        return make_error("finish_job", "cannot finish a job as " + std::string(job_state_name(state)));
    return write_transaction<Done>(db_, "finish_job", [&]() -> Status {
        auto st = Statement::prepare(db_, "finish_job",
                                     "UPDATE jobs SET state = ?2, dsn = ?3, reason = ?4, updated = ?5 WHERE id = ?1");
        if (!st)
            return st.error();
        st->bind(1, job).bind(2, job_state_name(state)).bind(3, dsn.str()).bind(4, reason).bind(5, now);
        if (auto done = st->run(); !done)
            return done;
        if (st->changes() == 0)
            return make_error("finish_job", "no job " + std::to_string(job));
        std::string what = outcome("finished state=" + std::string(job_state_name(state)), dsn, reason);
        return insert_event(db_, "finish_job", job, what, now);
    });
}

Result<JobState> Store::defer_job(Id job, int max_attempts, Seconds not_before, StatusCode dsn,
                                  const std::string& reason, Seconds now)
{
    return write_transaction<JobState>(db_, "defer_job", [&]() -> Result<JobState> {
        auto current = require_job(db_, "defer_job", job);
        if (!current)
            return current.error();
        if (!is_open(current->state))
            return not_open("defer_job", *current);
        if (auto reset = reset_sending_parts(db_, "defer_job", job, false, now); !reset)
            return reset.error();
        int attempts = current->attempts + 1;
        JobState state = attempts >= max_attempts ? JobState::deferred : JobState::queued;
        auto st = Statement::prepare(db_, "defer_job",
                                     "UPDATE jobs SET state = ?2, attempts = ?3, not_before = ?4, dsn = ?5, "
                                     "reason = ?6, updated = ?7 WHERE id = ?1");
        if (!st)
            return st.error();
        st->bind(1, job).bind(2, job_state_name(state)).bind(3, attempts).bind(4, not_before);
        st->bind(5, dsn.str()).bind(6, reason).bind(7, now);
        if (auto done = st->run(); !done)
            return done.error();
        std::string count = " attempt=" + std::to_string(attempts) + "/" + std::to_string(max_attempts);
        std::string what = state == JobState::deferred
                               ? "deferred" + count
                               : "temporary failure" + count + " retry_at=" + std::to_string(not_before);
        if (auto done = insert_event(db_, "defer_job", job, outcome(what, dsn, reason), now); !done)
            return done.error();
        return state;
    });
}

Status Store::requeue_deferred(Id job, Seconds now)
{
    return write_transaction<Done>(db_, "requeue_deferred", [&]() -> Status {
        auto current = require_job(db_, "requeue_deferred", job);
        if (!current)
            return current.error();
        if (current->state != JobState::deferred)
            return make_error("requeue_deferred", "job " + std::to_string(job) + " is " +
                                                      std::string(job_state_name(current->state)) + ", not deferred");
        auto st = Statement::prepare(db_, "requeue_deferred",
                                     "UPDATE jobs SET state = 'queued', attempts = 0, not_before = ?2, dsn = '', "
                                     "reason = '', updated = ?2 WHERE id = ?1");
        if (!st)
            return st.error();
        st->bind(1, job).bind(2, now);
        if (auto done = st->run(); !done)
            return done;
        return insert_event(db_, "requeue_deferred", job, "requeued after resubmission", now);
    });
}

} // namespace smsgate::store
