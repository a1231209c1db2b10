// parts.cpp - sending the parts of a job, and matching status reports to them.
//
// A status report names the modem it came in on, the TP-MR and the
// recipient. TP-MR is one octet and wraps at 256, so an old part may carry the
// same MR as a new one: the most recently sent part that still waits for a
// final report wins, and a part with a final report is never matched again.
//
// A report kept in the incoming table remembers the part it matched, so
// that handing it on again (after a crash, or when the mail could not be
// queued) tells about the same part instead of matching, and recording,
// once more.
#include "store/store.hpp"

#include "store/rows.hpp"
#include "store/statement.hpp"

namespace smsgate::store {

using namespace detail;

namespace {

// "0x4A"
std::string hex_octet(int value)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string text = "0x";
    text += digits[(value >> 4) & 0x0F];
    text += digits[value & 0x0F];
    return text;
}

// The part, which must not have been sent or failed yet.
Result<Part> unsent_part(sqlite3* db, const char* op, Id id)
{
    auto part = require_part(db, op, id);
    if (!part)
        return part;
    if (part->state == PartState::sent || part->state == PartState::failed)
        return make_error(op, "part " + std::to_string(id) + " is already " +
                                  std::string(part_state_name(part->state)));
    return part;
}

Status touch_job(sqlite3* db, const char* op, Id job, Seconds now)
{
    auto st = Statement::prepare(db, op, "UPDATE jobs SET updated = ?2 WHERE id = ?1");
    if (!st)
        return st.error();
    st->bind(1, job).bind(2, now);
    return st->run();
}

// Runs an UPDATE of one part (?1 = its id, the rest bound by bind_rest),
// then touches its job and adds the event, in the caller's transaction.
template <typename Bind>
Status update_part(sqlite3* db, const char* op, const Part& part, const char* sql, Bind bind_rest,
                   const std::string& what, Seconds now)
{
    auto st = Statement::prepare(db, op, sql);
    if (!st)
        return st.error();
    st->bind(1, part.id);
    bind_rest(*st);
    if (auto done = st->run(); !done)
        return done;
    if (auto done = touch_job(db, op, part.job, now); !done)
        return done;
    return insert_event(db, op, part.job, what, now);
}

Result<std::optional<Part>> waiting_part(sqlite3* db, const std::string& modem, int mr, const std::string& number)
{
    auto st = Statement::prepare(db, "match_report",
                                 select_parts("p.", "parts p JOIN jobs j ON j.id = p.job "
                                                    "WHERE p.modem = ?1 AND p.mr = ?2 AND j.number = ?3 "
                                                    "AND p.state = 'sent' AND p.report_final = 0 "
                                                    "ORDER BY p.sent_at DESC, p.id DESC LIMIT 1"));
    if (!st)
        return st.error();
    st->bind(1, modem).bind(2, mr).bind(3, number);
    auto parts = collect<Part>(*st, read_part);
    if (!parts)
        return parts.error();
    if (parts->empty())
        return std::optional<Part>();
    return std::optional<Part>(std::move(parts->front()));
}

Status check_status(int status)
{
    if (status < 0 || status > 255)
        return make_error("match_report", "TP-ST " + std::to_string(status) + " is outside 0-255");
    return Done{};
}

// Matches a status report and records it on the part, in the caller's
// transaction.
Result<std::optional<Part>> record_match(sqlite3* db, const std::string& modem, int mr, const std::string& number,
                                         int status, bool final_status, Seconds now)
{
    auto found = waiting_part(db, modem, mr, number);
    if (!found || !*found)
        return found;
    Part part = std::move(**found);
    std::string what = "report part " + std::to_string(part.seq) + " st=" + hex_octet(status);
    if (!final_status)
        what += " not final";
    auto done = update_part(
        db, "match_report", part,
        "UPDATE parts SET report_status = ?2, report_final = ?3, report_at = ?4 WHERE id = ?1",
        [&](Statement& st) { st.bind(2, status).bind(3, final_status ? 1 : 0).bind(4, now); }, what, now);
    if (!done)
        return done.error();
    part.report_status = status;
    part.report_at = now;
    return std::optional<Part>(std::move(part));
}

// The part an incoming status report matched before, if it did; an error
// when there is no such incoming row.
Result<std::optional<Id>> matched_part(sqlite3* db, Id incoming)
{
    auto st = Statement::prepare(db, "match_report", "SELECT part FROM incoming WHERE id = ?1");
    if (!st)
        return st.error();
    st->bind(1, incoming);
    auto row = st->step();
    if (!row)
        return row.error();
    if (!*row)
        return make_error("match_report", "no incoming message " + std::to_string(incoming));
    return st->optional_int64(0);
}

} // namespace

Status Store::mark_part_sending(Id part, const std::string& modem, Seconds now)
{
    return write_transaction<Done>(db_, "mark_part_sending", [&]() -> Status {
        auto current = unsent_part(db_, "mark_part_sending", part);
        if (!current)
            return current.error();
        // A part in doubt sent again: counted, and logged in its events.
        bool resend = current->in_doubt();
        return update_part(
            db_, "mark_part_sending", *current,
            "UPDATE parts SET state = 'sending', modem = ?2, sending_at = ?3, doubt_since = 0, "
            "doubt_resends = doubt_resends + ?4 WHERE id = ?1",
            [&](Statement& st) { st.bind(2, modem).bind(3, now).bind(4, resend ? 1 : 0); },
            (resend ? "sending again part in doubt " : "sending part ") + std::to_string(current->seq) +
                " modem=" + modem,
            now);
    });
}

Status Store::mark_part_sent(Id part, int mr, const std::string& modem, Seconds now)
{
    if (mr < 0 || mr > 255)
        return make_error("mark_part_sent", "TP-MR " + std::to_string(mr) + " is outside 0-255");
    // The next part marked sending, or the job finished, commits it to the
    // disk before anyone is told.
    return write_transaction_synced_later<Done>(db_, "mark_part_sent", [&]() -> Status {
        auto current = unsent_part(db_, "mark_part_sent", part);
        if (!current)
            return current.error();
        return update_part(
            db_, "mark_part_sent", *current,
            "UPDATE parts SET state = 'sent', mr = ?2, modem = ?3, sent_at = ?4, report_status = NULL, "
            "report_final = 0, report_at = 0, doubt_since = 0 WHERE id = ?1",
            [&](Statement& st) { st.bind(2, mr).bind(3, modem).bind(4, now); },
            "sent part " + std::to_string(current->seq) + " mr=" + std::to_string(mr) + " modem=" + modem, now);
    });
}

Status Store::mark_part_failed(Id part, Seconds now)
{
    return write_transaction<Done>(db_, "mark_part_failed", [&]() -> Status {
        auto current = unsent_part(db_, "mark_part_failed", part);
        if (!current)
            return current.error();
        return update_part(
            db_, "mark_part_failed", *current, "UPDATE parts SET state = 'failed' WHERE id = ?1",
            [](Statement&) {}, "failed part " + std::to_string(current->seq), now);
    });
}

Result<std::optional<Part>> Store::match_report(const std::string& modem, int mr, const std::string& number,
                                                int status, bool final_status, Seconds now)
{
    if (auto valid = check_status(status); !valid)
        return valid.error();
    return write_transaction<std::optional<Part>>(db_, "match_report", [&] {
        return record_match(db_, modem, mr, number, status, final_status, now);
    });
}

Result<std::optional<Part>> Store::match_report(Id incoming, const std::string& modem, int mr,
                                                const std::string& number, int status, bool final_status,
                                                Seconds now)
{
    if (auto valid = check_status(status); !valid)
        return valid.error();
    return write_transaction<std::optional<Part>>(db_, "match_report", [&]() -> Result<std::optional<Part>> {
        auto remembered = matched_part(db_, incoming);
        if (!remembered)
            return remembered.error();
        if (*remembered) {
            auto part = require_part(db_, "match_report", **remembered);
            if (!part)
                return part.error();
            return std::optional<Part>(std::move(part).value());
        }
        auto found = record_match(db_, modem, mr, number, status, final_status, now);
        if (!found || !*found)
            return found; // nothing to remember: a later call may match
        auto st = Statement::prepare(db_, "match_report", "UPDATE incoming SET part = ?2 WHERE id = ?1");
        if (!st)
            return st.error();
        st->bind(1, incoming).bind(2, (*found)->id);
        if (auto done = st->run(); !done)
            return done.error();
        return found;
    });
}

Result<Part> Store::adopt_report(Id part, Id incoming, int mr, const std::string& modem, int status,
                                 bool final_status, Seconds now)
{
    if (mr < 0 || mr > 255)
        return make_error("adopt_report", "TP-MR " + std::to_string(mr) + " is outside 0-255");
    if (auto valid = check_status(status); !valid)
        return valid.error();
    return write_transaction<Part>(db_, "adopt_report", [&]() -> Result<Part> {
        auto current = require_part(db_, "adopt_report", part);
        if (!current)
            return current.error();
        if (!current->in_doubt())
            return make_error("adopt_report", "part " + std::to_string(part) + " is not in doubt");
        auto row = Statement::prepare(db_, "adopt_report",
                                      "UPDATE incoming SET part = ?2 WHERE id = ?1 AND part IS NULL AND mti = 2");
        if (!row)
            return row.error();
        row->bind(1, incoming).bind(2, part);
        if (auto done = row->run(); !done)
            return done.error();
        if (row->changes() == 0)
            return make_error("adopt_report", "incoming " + std::to_string(incoming) +
                                                  " is not an unmatched status report");
        auto done = update_part(
            db_, "adopt_report", *current,
            "UPDATE parts SET state = 'sent', mr = ?2, modem = ?3, sent_at = ?4, doubt_since = 0, "
            "report_status = ?5, report_final = ?6, report_at = ?4 WHERE id = ?1",
            [&](Statement& st) { st.bind(2, mr).bind(3, modem).bind(4, now).bind(5, status).bind(6, final_status ? 1 : 0); },
            "sent part " + std::to_string(current->seq) + " mr=" + std::to_string(mr) + " modem=" + modem +
                " (in doubt; its status report st=" + hex_octet(status) + " came)",
            now);
        if (!done)
            return done.error();
        return require_part(db_, "adopt_report", part);
    });
}

Result<int> Store::wake_doubt_jobs(const std::string& modem, Seconds now)
{
    return write_transaction<int>(db_, "wake_doubt_jobs", [&]() -> Result<int> {
        auto st = Statement::prepare(db_, "wake_doubt_jobs",
                                     "UPDATE jobs SET not_before = ?2 WHERE state = 'queued' AND modem = ?1 "
                                     "AND not_before > ?2 AND EXISTS (SELECT 1 FROM parts WHERE parts.job = jobs.id "
                                     "AND parts.state = 'pending' AND parts.doubt_since > 0)");
        if (!st)
            return st.error();
        st->bind(1, modem).bind(2, now);
        if (auto done = st->run(); !done)
            return done.error();
        return st->changes();
    });
}

} // namespace smsgate::store
