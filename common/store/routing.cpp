// routing.cpp - what an SMS that comes back from a number may answer: the
// latest job to that number from a mail sender (a reply goes to that
// sender while the conversation is recent), and the display name that
// senders gave the number (for the From of the mail).
#include "store/store.hpp"

#include "store/rows.hpp"
#include "store/statement.hpp"

namespace smsgate::store {

using namespace detail;

Result<std::optional<Job>> Store::last_job_to(const std::string& number, Seconds since)
{
    // A bounce (empty sender) has nobody to answer to.
    auto st = Statement::prepare(db_, "last_job_to",
                                 select_jobs("WHERE number = ?1 AND created >= ?2 AND sender <> '' "
                                             "ORDER BY created DESC, id DESC LIMIT 1"));
    if (!st)
        return st.error();
    st->bind(1, number).bind(2, since);
    return first_job(db_, *st, false);
}

Result<std::string> Store::name_for_number(const std::string& number)
{
    auto st = Statement::prepare(db_, "name_for_number",
                                 "SELECT to_name FROM jobs WHERE number = ?1 AND to_name <> '' "
                                 "ORDER BY created DESC, id DESC LIMIT 1");
    if (!st)
        return st.error();
    st->bind(1, number);
    auto row = st->step();
    if (!row)
        return row.error();
    return *row ? st->text(0) : std::string();
}

} // namespace smsgate::store
