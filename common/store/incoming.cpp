// incoming.cpp - SMS and status reports read from the modems, kept until the
// mail they produced was accepted and they were deleted from the modem; and
// the parts of long incoming messages, kept until the message is complete.
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

Status check_part_numbers(const IncomingPart& part)
{
    if (part.total < 1 || part.seq < 1 || part.seq > part.total)
        return make_error("add_incoming_part", "part " + std::to_string(part.seq) + " of " +
                                                   std::to_string(part.total) + " is not a valid part number");
    return Done{};
}

constexpr const char* part_columns = "modem, originator, ref, ref_bits, total, seq, text, scts, received, "
                                     "zone_minutes, alphanumeric, incoming_row";

// Columns: part_columns, with received replaced where the query says so.
Result<IncomingPart> read_incoming_part(const Statement& st)
{
    IncomingPart part;
    part.modem = st.text(0);
    part.originator = st.text(1);
    part.ref = st.integer(2);
    part.ref_bits = st.integer(3);
    part.total = st.integer(4);
    part.seq = st.integer(5);
    part.text = st.text(6);
    part.scts = st.int64(7);
    part.received = st.int64(8);
    part.zone_minutes = st.integer(9);
    part.alphanumeric = st.integer(10) != 0;
    part.incoming_row = st.optional_int64(11);
    return part;
}

// The key of one concatenated message, bound to ?1-?5.
void bind_message_key(Statement& st, const PartsKey& m)
{
    st.bind(1, m.modem).bind(2, m.originator).bind(3, m.ref).bind(4, m.ref_bits).bind(5, m.total);
}

constexpr const char* message_key_sql = "modem = ?1 AND originator = ?2 AND ref = ?3 AND ref_bits = ?4 AND total = ?5";
// The same for incoming_parts AS p in a join.
constexpr const char* joined_key_sql =
    "p.modem = ?1 AND p.originator = ?2 AND p.ref = ?3 AND p.ref_bits = ?4 AND p.total = ?5";

Result<std::vector<IncomingPart>> parts_of(sqlite3* db, const char* op, const PartsKey& message)
{
    auto all = Statement::prepare(db, op,
                                  std::string("SELECT ") + part_columns + " FROM incoming_parts WHERE " +
                                      message_key_sql + " ORDER BY seq");
    if (!all)
        return all.error();
    bind_message_key(*all, message);
    return collect<IncomingPart>(*all, read_incoming_part);
}

} // namespace

namespace detail {

Status drop_parts(sqlite3* db, const char* op, const PartsKey& message)
{
    auto st = Statement::prepare(db, op, std::string("DELETE FROM incoming_parts WHERE ") + message_key_sql);
    if (!st)
        return st.error();
    bind_message_key(*st, message);
    return st->run();
}

} // namespace detail

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

Result<std::vector<IncomingPart>> Store::add_incoming_part(const IncomingPart& part)
{
    if (auto valid = check_part_numbers(part); !valid)
        return valid.error();
    using Parts = std::vector<IncomingPart>;
    return write_transaction<Parts>(db_, "add_incoming_part", [&]() -> Result<Parts> {
        auto insert = Statement::prepare(db_, "add_incoming_part",
                                         std::string("INSERT INTO incoming_parts (") + part_columns +
                                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                             "ON CONFLICT DO NOTHING");
        if (!insert)
            return insert.error();
        bind_message_key(*insert, part.message());
        insert->bind(6, part.seq).bind(7, part.text).bind(8, part.scts).bind(9, part.received);
        insert->bind(10, part.zone_minutes).bind(11, part.alphanumeric ? 1 : 0).bind(12, part.incoming_row);
        if (auto done = insert->run(); !done)
            return done.error();
        return parts_of(db_, "add_incoming_part", part.message());
    });
}

Status Store::drop_incoming_parts(const PartsKey& message)
{
    return write_transaction<Done>(db_, "drop_incoming_parts",
                                   [&]() -> Status { return drop_parts(db_, "drop_incoming_parts", message); });
}

Result<std::vector<IncomingPart>> Store::incoming_parts(const PartsKey& message)
{
    return parts_of(db_, "incoming_parts", message);
}

Result<PartsFate> Store::parts_fate(const PartsKey& message, Seconds fresh_since)
{
    return read_transaction<PartsFate>(db_, "parts_fate", [&]() -> Result<PartsFate> {
        auto st = Statement::prepare(db_, "parts_fate",
                                     std::string("SELECT count(*) FILTER (WHERE i.received >= ?6),"
                                                 " count(*) FILTER (WHERE i.received < ?6)"
                                                 " FROM incoming_parts p JOIN incoming i"
                                                 " ON i.id = p.incoming_row AND i.state = 'fresh' WHERE ") +
                                         joined_key_sql);
        if (!st)
            return st.error();
        bind_message_key(*st, message);
        st->bind(6, fresh_since);
        auto row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            return make_error("parts_fate", "no row from count(*)");
        return PartsFate{st->int64(0) > 0, st->int64(1) > 0};
    });
}

Result<std::vector<IncomingPart>> Store::stale_incoming_parts(Seconds older_than)
{
    // Per message: its lowest part, with received = when its first part came.
    auto st = Statement::prepare(db_, "stale_incoming_parts",
                                 "SELECT modem, originator, ref, ref_bits, total, seq, text, scts, first_received,"
                                 " zone_minutes, alphanumeric, incoming_row"
                                 " FROM ("
                                 "  SELECT *, min(received) OVER message AS first_received,"
                                 "         row_number() OVER (message ORDER BY seq) AS place"
                                 "  FROM incoming_parts"
                                 "  WINDOW message AS (PARTITION BY modem, originator, ref, ref_bits, total)"
                                 ") WHERE place = 1 AND first_received < ?1"
                                 " ORDER BY first_received, modem, originator, ref");
    if (!st)
        return st.error();
    st->bind(1, older_than);
    return collect<IncomingPart>(*st, read_incoming_part);
}

} // namespace smsgate::store
