// incoming.cpp - SMS and status reports read from the modems, kept until the
// mail they produced was accepted and they were deleted from the modem (the
// parts of long incoming messages are in incoming_parts.cpp).
#include "store/store.hpp"

#include "sms/hex.hpp"
#include "store/rows.hpp"
#include "store/statement.hpp"

#include <sqlite3.h>

namespace smsgate::store {

using namespace detail;

namespace {

constexpr const char* incoming_columns = "SELECT id, modem, storage, slot, pdu_hex, state, received FROM incoming ";

// TP-MTI of a PDU with its SMSC address (TS 27.005 <pdu>): 0 SMS-DELIVER,
// 2 SMS-STATUS-REPORT. Nothing when the PDU is too short or not hex; the
// row is kept all the same, the decoder will say what is wrong with it.
std::optional<int> message_type(const std::string& pdu_hex)
{
    auto octets = sms::from_hex(pdu_hex);
    if (!octets || octets->empty())
        return std::nullopt;
    std::size_t first_octet = 1 + std::size_t{octets->front()};
    if (first_octet >= octets->size())
        return std::nullopt;
    return (*octets)[first_octet] & 0x03;
}

Result<Incoming> read_incoming(const Statement& st)
{
    Incoming in;
    in.id = st.int64(0);
    in.modem = st.text(1);
    in.storage = st.text(2);
    in.index = st.integer(3);
    in.pdu_hex = st.text(4);
    std::string state = st.text(5);
    auto parsed = parse_incoming_state(state);
    if (!parsed)
        return make_error(st.op(), "incoming " + std::to_string(in.id) + " has unknown state '" + state + "'");
    in.state = *parsed;
    in.received = st.int64(6);
    return in;
}

Result<std::optional<Incoming>> live_in_slot(sqlite3* db, const Incoming& in)
{
    auto st = Statement::prepare(db, "add_incoming",
                                 std::string(incoming_columns) +
                                     "WHERE modem = ?1 AND storage = ?2 AND slot = ?3 AND pdu_hex = ?4 "
                                     "AND slot >= 0 AND state <> 'deleted' LIMIT 1");
    if (!st)
        return st.error();
    st->bind(1, in.modem).bind(2, in.storage).bind(3, in.index).bind(4, in.pdu_hex);
    auto rows = collect<Incoming>(*st, read_incoming);
    if (!rows)
        return rows.error();
    if (rows->empty())
        return std::optional<Incoming>();
    return std::optional<Incoming>(std::move(rows->front()));
}

Result<Incoming> insert_incoming(sqlite3* db, Incoming in)
{
    auto st = Statement::prepare(db, "add_incoming",
                                 "INSERT INTO incoming (modem, storage, slot, pdu_hex, mti, state, received) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st)
        return st.error();
    st->bind(1, in.modem).bind(2, in.storage).bind(3, in.index).bind(4, in.pdu_hex);
    st->bind(5, message_type(in.pdu_hex)).bind(6, incoming_state_name(in.state)).bind(7, in.received);
    if (auto done = st->run(); !done)
        return done.error();
    in.id = sqlite3_last_insert_rowid(db);
    return in;
}

} // namespace

Result<Incoming> Store::add_incoming(const Incoming& in)
{
    return write_transaction<Incoming>(db_, "add_incoming", [&]() -> Result<Incoming> {
        if (in.index >= 0) {
            auto known = live_in_slot(db_, in);
            if (!known)
                return known.error();
            if (*known)
                return std::move(**known);
        }
        return insert_incoming(db_, in);
    });
}

Status Store::set_incoming_state(Id id, IncomingState state)
{
    return write_transaction<Done>(db_, "set_incoming_state", [&]() -> Status {
        auto st = Statement::prepare(db_, "set_incoming_state", "UPDATE incoming SET state = ?2 WHERE id = ?1");
        if (!st)
            return st.error();
        st->bind(1, id).bind(2, incoming_state_name(state));
        if (auto done = st->run(); !done)
            return done;
        if (st->changes() == 0)
            return make_error("set_incoming_state", "no incoming message " + std::to_string(id));
        return Done{};
    });
}

Result<std::vector<Incoming>> Store::incoming_in_state(IncomingState state, const std::string& modem)
{
    auto st = Statement::prepare(db_, "incoming_in_state",
                                 std::string(incoming_columns) +
                                     "WHERE state = ?1 AND (?2 = '' OR modem = ?2) ORDER BY id");
    if (!st)
        return st.error();
    st->bind(1, incoming_state_name(state)).bind(2, modem);
    return collect<Incoming>(*st, read_incoming);
}

Result<std::vector<Incoming>> Store::unmatched_reports(const std::string& modem, Seconds since)
{
    auto st = Statement::prepare(db_, "unmatched_reports",
                                 std::string(incoming_columns) +
                                     "WHERE modem = ?1 AND received >= ?2 AND mti = 2 AND part IS NULL "
                                     "ORDER BY received, id");
    if (!st)
        return st.error();
    st->bind(1, modem).bind(2, since);
    return collect<Incoming>(*st, read_incoming);
}

} // namespace smsgate::store
