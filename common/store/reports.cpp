// reports.cpp - the reports decided about each job: "network" (every part
// got +CMGS), "handset" (status reports say delivered), "trying" (a status
// report says the SMSC is still trying) and "failed". Each is decided at
// most once per job, and recorded whether or not a mail went out for it: the
// sender's level says which get a mail, the record says which were decided.
//
// A report and its mail are one transaction: after a crash either both are
// in the store or neither, so the report is neither lost nor mailed twice.
#include "store/store.hpp"

#include "store/outbox.hpp"
#include "store/rows.hpp"
#include "store/statement.hpp"

#include <array>

namespace smsgate::store {

using namespace detail;

namespace {

// "'handset'": a report's word in SQL.
std::string quoted(checks::Report kind)
{
    return "'" + std::string(checks::report_word(kind)) + "'";
}

// Inserts the report row; false when the job had this report already.
Result<bool> insert_report(sqlite3* db, Id job, checks::Report kind, const std::string& detail, Seconds now)
{
    auto st = Statement::prepare(db, "record_report",
                                 "INSERT INTO reports (job, kind, detail, time) VALUES (?1, ?2, ?3, ?4) "
                                 "ON CONFLICT (job, kind) DO NOTHING");
    if (!st)
        return st.error();
    st->bind(1, job).bind(2, checks::report_word(kind)).bind(3, detail).bind(4, now);
    if (auto done = st->run(); !done)
        return done.error();
    return st->changes() > 0;
}

// Jobs in state sent that also meet `where` (?1 and ?2 bound to first and
// second), with their parts, oldest first, at most limit.
Result<std::vector<Job>> sent_jobs(sqlite3* db, const char* op, const std::string& where, Seconds first,
                                   Seconds second, int limit)
{
    return read_transaction<std::vector<Job>>(db, op, [&]() -> Result<std::vector<Job>> {
        auto st = Statement::prepare(db, op, select_jobs("WHERE state = 'sent' AND " + where +
                                                         " ORDER BY created, id LIMIT ?3"));
        if (!st)
            return st.error();
        st->bind(1, first).bind(2, second).bind(3, limit);
        return query_jobs(db, *st, true);
    });
}

} // namespace

Result<bool> Store::record_report(Id job, checks::Report kind, const std::string& detail,
                                  const std::optional<OutMail>& mail, Seconds now)
{
    if (mail)
        if (auto valid = check_mail("record_report", *mail); !valid)
            return valid.error();
    return write_transaction<bool>(db_, "record_report", [&]() -> Result<bool> {
        // A known key first: returning false must leave nothing recorded.
        if (mail) {
            auto known = mail_key_known(db_, "record_report", mail->key);
            if (!known)
                return known.error();
            if (*known)
                return false;
        }
        auto recorded = insert_report(db_, job, kind, detail, now);
        if (!recorded || !*recorded || !mail)
            return recorded;
        auto queued = insert_mail(db_, "record_report", *mail);
        if (!queued)
            return queued.error();
        if (!*queued) // the key was checked above, in this transaction
            return make_error("record_report", "mail " + mail->key + " appeared during the transaction");
        return true;
    });
}

Result<std::vector<ReportRecord>> Store::job_reports(Id job)
{
    // The rowid of a new row is above every other: it keeps the order recorded.
    auto st = Statement::prepare(db_, "job_reports",
                                 "SELECT kind, detail, time FROM reports WHERE job = ?1 ORDER BY rowid");
    if (!st)
        return st.error();
    st->bind(1, job);
    return collect<ReportRecord>(*st, [&](const Statement& row) -> Result<ReportRecord> {
        auto kind = checks::report_from_word(row.text(0));
        if (!kind) // the table's CHECK keeps to the words
            return make_error("job_reports", "job " + std::to_string(job) + " has a report of unknown kind '" +
                                                 row.text(0) + "'");
        return ReportRecord{*kind, row.text(1), row.int64(2)};
    });
}

Result<std::vector<Job>> Store::jobs_awaiting_reports(Seconds sent_before, Seconds active_since, int limit)
{
    return sent_jobs(db_, "jobs_awaiting_reports",
                     "updated >= ?2 AND (SELECT max(sent_at) FROM parts WHERE parts.job = jobs.id) < ?1 "
                     "AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.job = jobs.id "
                     "                AND reports.kind IN (" + quoted(checks::Report::handset) + ", " +
                         quoted(checks::Report::failed) + "))",
                     sent_before, active_since, limit);
}

Result<std::vector<Job>> Store::jobs_without_network_report(Seconds sent_since, Seconds sent_before, int limit)
{
    // updated is at or after the last sent_at: the index narrows the scan.
    return sent_jobs(db_, "jobs_without_network_report",
                     "updated >= ?1 AND (SELECT max(sent_at) FROM parts WHERE parts.job = jobs.id) BETWEEN ?1 AND ?2 "
                     "AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.job = jobs.id AND reports.kind = " +
                         quoted(checks::Report::network) + ")",
                     sent_since, sent_before, limit);
}

} // namespace smsgate::store
