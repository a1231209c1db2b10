// history.cpp - what smsgatectl shows: the events of a job, and per modem
// the counters and the queue depth.
#include "store/store.hpp"

#include "store/rows.hpp"
#include "store/statement.hpp"

namespace smsgate::store {

using namespace detail;

namespace {

// A count for one modem (?1), or for all of them when modem is empty.
Result<std::int64_t> count(sqlite3* db, const char* op, const char* sql, const std::string& modem)
{
    auto st = Statement::prepare(db, op, sql);
    if (!st)
        return st.error();
    st->bind(1, modem);
    return st->single_int();
}

} // namespace

Status Store::add_event(Id job, const std::string& what, Seconds now)
{
    return write_transaction<Done>(db_, "add_event", [&] { return insert_event(db_, "add_event", job, what, now); });
}

Result<std::vector<Event>> Store::events(Id job)
{
    auto st = Statement::prepare(db_, "events", "SELECT job, time, what FROM events WHERE job = ?1 ORDER BY id");
    if (!st)
        return st.error();
    st->bind(1, job);
    return collect<Event>(*st, [](const Statement& row) -> Result<Event> {
        return Event{row.int64(0), row.int64(1), row.text(2)};
    });
}

Result<Counters> Store::counters(const std::string& modem)
{
    return read_transaction<Counters>(db_, "counters", [&]() -> Result<Counters> {
        auto sent = count(db_, "counters",
                          "SELECT count(*) FROM parts WHERE state = 'sent' AND (?1 = '' OR modem = ?1)", modem);
        if (!sent)
            return sent.error();
        auto failed = count(db_, "counters",
                            "SELECT count(*) FROM jobs WHERE state = 'failed' AND (?1 = '' OR modem = ?1)", modem);
        if (!failed)
            return failed.error();
        // SMS-DELIVER (TP-MTI 0) only: status reports are not messages received.
        auto received = count(db_, "counters",
                              "SELECT count(*) FROM incoming WHERE mti = 0 AND state IN ('handed', 'deleted') "
                              "AND (?1 = '' OR modem = ?1)",
                              modem);
        if (!received)
            return received.error();
        auto in_doubt = count(db_, "counters",
                              "SELECT count(*) FROM parts WHERE state = 'pending' AND doubt_since > 0 "
                              "AND (?1 = '' OR modem = ?1)",
                              modem);
        if (!in_doubt)
            return in_doubt.error();
        auto resends = count(db_, "counters",
                             "SELECT coalesce(sum(doubt_resends), 0) FROM parts WHERE (?1 = '' OR modem = ?1)", modem);
        if (!resends)
            return resends.error();
        return Counters{*sent, *failed, *received, *in_doubt, *resends};
    });
}

Result<int> Store::queue_depth(const std::string& modem)
{
    auto depth = count(db_, "queue_depth",
                       "SELECT count(*) FROM jobs WHERE state IN ('queued', 'sending') AND (?1 = '' OR modem = ?1)",
                       modem);
    if (!depth)
        return depth.error();
    return static_cast<int>(*depth);
}

Result<std::vector<std::pair<int, std::int64_t>>> Store::report_statuses(const std::string& modem)
{
    auto st = Statement::prepare(db_, "report_statuses",
                                 "SELECT report_status, count(*) FROM parts WHERE report_status IS NOT NULL "
                                 "AND modem = ?1 GROUP BY report_status ORDER BY report_status");
    if (!st)
        return st.error();
    st->bind(1, modem);
    return collect<std::pair<int, std::int64_t>>(*st, [](const Statement& row) -> Result<std::pair<int, std::int64_t>> {
        return std::pair<int, std::int64_t>{static_cast<int>(row.int64(0)), row.int64(1)};
    });
}

Result<std::optional<Seconds>> Store::oldest_waiting_mail()
{
    auto st = Statement::prepare(db_, "oldest_waiting_mail", "SELECT min(created) FROM outbox WHERE state = 'queued'");
    if (!st)
        return st.error();
    auto more = st->step();
    if (!more)
        return more.error();
    if (!*more)
        return std::optional<Seconds>{};
    auto oldest = st->optional_int64(0);
    return oldest ? std::optional<Seconds>(static_cast<Seconds>(*oldest)) : std::nullopt;
}

} // namespace smsgate::store
