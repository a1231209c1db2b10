// send_times.cpp - when a modem's parts went out: what its send limits
// count, read from the parts themselves so that a restart loses nothing.
#include "store/store.hpp"

#include "store/statement.hpp"

namespace smsgate::store {

using namespace detail;

Result<std::vector<Seconds>> Store::sent_times(const std::string& modem, Seconds since)
{
    auto st = Statement::prepare(db_, "sent_times",
                                 "SELECT sent_at FROM parts WHERE state = 'sent' AND modem = ?1 AND sent_at > ?2 "
                                 "ORDER BY sent_at");
    if (!st)
        return st.error();
    st->bind(1, modem).bind(2, static_cast<std::int64_t>(since));
    return collect<Seconds>(*st, [](const Statement& row) -> Result<Seconds> { return row.int64(0); });
}

} // namespace smsgate::store
