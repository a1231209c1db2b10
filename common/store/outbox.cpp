// outbox.cpp - mails for sendmail(1), kept until sendmail took them.
//
// A mail is queued once per key ("job:12:handset", "incoming:34"): a key
// seen before, queued or sent, is never queued again, so that a report or
// an SMS handed on twice (after a crash) is mailed once. A sent mail keeps
// its row, without the message, until prune_mails() forgets it; the key
// must therefore outlive every way the same mail could be written again.
#include "store/outbox.hpp"

#include "store/rows.hpp"

namespace smsgate::store {

using namespace detail;

namespace {

constexpr const char* mail_columns = "SELECT id, key, job, envelope_sender, recipient, message, state, created, "
                                     "attempts, next_try, last_error, sent_at FROM outbox ";

Result<OutMail> read_mail(const Statement& st)
{
    OutMail mail;
    mail.id = st.int64(0);
    mail.key = st.text(1);
    mail.job = st.optional_int64(2);
    mail.envelope_sender = st.text(3);
    mail.recipient = st.text(4);
    mail.message = st.text(5);
    std::string state = st.text(6);
    auto parsed = parse_mail_state(state);
    if (!parsed)
        return make_error(st.op(), "mail " + std::to_string(mail.id) + " has unknown state '" + state + "'");
    mail.state = *parsed;
    mail.created = st.int64(7);
    mail.attempts = st.integer(8);
    mail.next_try = st.int64(9);
    mail.last_error = st.text(10);
    mail.sent_at = st.int64(11);
    return mail;
}

// Runs an UPDATE of one queued mail (?1 = its id, the rest bound by
// bind_rest); a mail that is not there, or no longer queued, is an error.
template <typename Bind>
Status update_queued_mail(sqlite3* db, const char* op, Id id, const char* sql, Bind bind_rest)
{
    return write_transaction<Done>(db, op, [&]() -> Status {
        auto st = Statement::prepare(db, op, sql);
        if (!st)
            return st.error();
        st->bind(1, id);
        bind_rest(*st);
        if (auto done = st->run(); !done)
            return done;
        if (st->changes() > 0)
            return Done{};
        auto known = Statement::prepare(db, op, "SELECT count(*) FROM outbox WHERE id = ?1");
        if (!known)
            return known.error();
        known->bind(1, id);
        auto count = known->single_int();
        if (!count)
            return count.error();
        return make_error(op, "mail " + std::to_string(id) + (*count == 0 ? " is not in the outbox" : " is already sent"));
    });
}

Result<int> count_changes(Statement& st)
{
    if (auto done = st.run(); !done)
        return done.error();
    return st.changes();
}

} // namespace

namespace detail {

Status check_mail(const char* op, const OutMail& mail)
{
    if (mail.key.empty())
        return make_error(op, "a mail needs a key");
    if (mail.recipient.empty())
        return make_error(op, "mail " + mail.key + " has no recipient");
    return Done{};
}

Result<bool> mail_key_known(sqlite3* db, const char* op, const std::string& key)
{
    auto st = Statement::prepare(db, op, "SELECT count(*) FROM outbox WHERE key = ?1");
    if (!st)
        return st.error();
    st->bind(1, key);
    auto count = st->single_int();
    if (!count)
        return count.error();
    return *count > 0;
}

Result<bool> insert_mail(sqlite3* db, const char* op, const OutMail& mail)
{
    auto st = Statement::prepare(db, op,
                                 "INSERT INTO outbox (key, job, envelope_sender, recipient, message, state, created, "
                                 "attempts, next_try, last_error, sent_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, 0, ?6, '', 0) "
                                 "ON CONFLICT (key) DO NOTHING");
    if (!st)
        return st.error();
    st->bind(1, mail.key).bind(2, mail.job).bind(3, mail.envelope_sender).bind(4, mail.recipient);
    st->bind(5, mail.message).bind(6, mail.created);
    auto inserted = count_changes(*st);
    if (!inserted)
        return inserted.error();
    return *inserted > 0;
}

} // namespace detail

Result<bool> Store::queue_mail(const OutMail& mail, const std::optional<PartsKey>& consumes)
{
    if (auto valid = check_mail("queue_mail", mail); !valid)
        return valid.error();
    return write_transaction<bool>(db_, "queue_mail", [&]() -> Result<bool> {
        auto queued = insert_mail(db_, "queue_mail", mail);
        if (!queued)
            return queued;
        if (consumes)
            if (auto dropped = drop_parts(db_, "queue_mail", *consumes); !dropped)
                return dropped.error();
        return queued;
    });
}

Result<std::vector<OutMail>> Store::job_mails(Id job)
{
    auto st = Statement::prepare(db_, "job_mails", std::string(mail_columns) + "WHERE job = ?1 ORDER BY id");
    if (!st)
        return st.error();
    st->bind(1, job);
    return collect<OutMail>(*st, read_mail);
}

Result<bool> Store::mail_known(const std::string& key)
{
    return mail_key_known(db_, "mail_known", key);
}

Result<std::vector<OutMail>> Store::due_mails(Seconds now, int limit)
{
    auto st = Statement::prepare(db_, "due_mails",
                                 std::string(mail_columns) +
                                     "WHERE state = 'queued' AND next_try <= ?1 "
                                     // Mails about no job (incoming SMS, unreadable PDUs) first.
                                     "ORDER BY job IS NOT NULL, next_try, id LIMIT ?2");
    if (!st)
        return st.error();
    st->bind(1, now).bind(2, limit);
    return collect<OutMail>(*st, read_mail);
}

Result<std::optional<Seconds>> Store::next_mail_after(Seconds now)
{
    auto st = Statement::prepare(db_, "next_mail_after",
                                 "SELECT min(next_try) FROM outbox WHERE state = 'queued' AND next_try > ?1");
    if (!st)
        return st.error();
    st->bind(1, now);
    auto row = st->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Seconds>{};
    return st->optional_int64(0);
}

Status Store::mail_sent(Id id, Seconds now)
{
    // The message goes (it may be large); the row stays for its key.
    return update_queued_mail(db_, "mail_sent", id,
                              "UPDATE outbox SET state = 'sent', sent_at = ?2, message = '' "
                              "WHERE id = ?1 AND state = 'queued'",
                              [&](Statement& st) { st.bind(2, now); });
}

Status Store::mail_failed(Id id, Seconds next_try, const std::string& error)
{
    return update_queued_mail(db_, "mail_failed", id,
                              "UPDATE outbox SET attempts = attempts + 1, next_try = ?2, last_error = ?3 "
                              "WHERE id = ?1 AND state = 'queued'",
                              [&](Statement& st) { st.bind(2, next_try).bind(3, error); });
}

Result<int> Store::prune_mails(Seconds sent_before)
{
    return write_transaction<int>(db_, "prune_mails", [&]() -> Result<int> {
        auto st = Statement::prepare(db_, "prune_mails", "DELETE FROM outbox WHERE state = 'sent' AND sent_at < ?1");
        if (!st)
            return st.error();
        st->bind(1, sent_before);
        return count_changes(*st);
    });
}

Result<int> Store::outbox_depth()
{
    auto st = Statement::prepare(db_, "outbox_depth", "SELECT count(*) FROM outbox WHERE state = 'queued'");
    if (!st)
        return st.error();
    auto count = st->single_int();
    if (!count)
        return count.error();
    return static_cast<int>(*count);
}

} // namespace smsgate::store
