// incoming_parts.cpp - the parts of long incoming messages (TS 23.040
// 9.2.3.24.1), kept until the message is complete or the timeout passes.
//
// A set is one originator's reference, with its size and width, on one
// modem. A sender may use one reference for two messages at once (its
// counter wrapped, or two apps share the number): a part whose place in the
// set is taken by another text then goes to another copy of the set, so
// that nothing is dropped; each copy is delivered when it is complete.
#include "store/store.hpp"

#include "store/rows.hpp"
#include "store/statement.hpp"

#include <cstdlib>
#include <map>
#include <set>

namespace smsgate::store {

using namespace detail;

namespace {

Status check_part_numbers(const IncomingPart& part)
{
    if (part.total < 1 || part.seq < 1 || part.seq > part.total)
        return make_error("add_incoming_part", "part " + std::to_string(part.seq) + " of " +
                                                   std::to_string(part.total) + " is not a valid part number");
    return Done{};
}

constexpr const char* part_columns = "modem, originator, ref, ref_bits, total, seq, text, scts, received, "
                                     "zone_minutes, alphanumeric, incoming_row, copy";

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
    part.copy = st.integer(12);
    return part;
}

// The reference of one concatenated message, every copy, bound to ?1-?5.
void bind_reference(Statement& st, const PartsKey& m)
{
    st.bind(1, m.modem).bind(2, m.originator).bind(3, m.ref).bind(4, m.ref_bits).bind(5, m.total);
}

// One set: the reference and its copy, bound to ?1-?6.
void bind_message_key(Statement& st, const PartsKey& m)
{
    bind_reference(st, m);
    st.bind(6, m.copy);
}

constexpr const char* reference_sql = "modem = ?1 AND originator = ?2 AND ref = ?3 AND ref_bits = ?4 AND total = ?5";
constexpr const char* message_key_sql =
    "modem = ?1 AND originator = ?2 AND ref = ?3 AND ref_bits = ?4 AND total = ?5 AND copy = ?6";
// The same for incoming_parts AS p in a join.
constexpr const char* joined_key_sql =
    "p.modem = ?1 AND p.originator = ?2 AND p.ref = ?3 AND p.ref_bits = ?4 AND p.total = ?5 AND p.copy = ?6";

// Parts of the reference: one set (copy given) or all, by copy and seq.
Result<std::vector<IncomingPart>> query_parts(sqlite3* db, const char* op, const PartsKey& message, bool one_set)
{
    auto all = Statement::prepare(db, op,
                                  std::string("SELECT ") + part_columns + " FROM incoming_parts WHERE " +
                                      (one_set ? message_key_sql : reference_sql) + " ORDER BY copy, seq");
    if (!all)
        return all.error();
    if (one_set)
        bind_message_key(*all, message);
    else
        bind_reference(*all, message);
    return collect<IncomingPart>(*all, read_incoming_part);
}

Result<std::vector<IncomingPart>> parts_of(sqlite3* db, const char* op, const PartsKey& message)
{
    return query_parts(db, op, message, true);
}

// Where a new part goes, given every stored part of its reference: the copy
// holding the same part (a repeat: nothing to add), else the copy with its
// place free whose SCTS is nearest (the newest on a tie), else a new copy.
struct Placement {
    int copy = 0;
    bool repeat = false;
};

Placement place(const IncomingPart& part, const std::vector<IncomingPart>& stored)
{
    std::map<int, std::set<int>> taken;  // copy -> seqs
    std::map<int, Seconds> distance;     // copy -> nearest SCTS distance
    for (const auto& p : stored) {
        if (p.seq == part.seq && p.text == part.text && p.scts == part.scts)
            return {p.copy, true};
        taken[p.copy].insert(p.seq);
        Seconds d = std::llabs(p.scts - part.scts);
        auto [it, fresh] = distance.emplace(p.copy, d);
        if (!fresh && d < it->second)
            it->second = d;
    }
    std::optional<int> best;
    for (const auto& [copy, seqs] : taken) {
        if (seqs.count(part.seq))
            continue;
        if (!best || distance[copy] <= distance[*best])
            best = copy;
    }
    if (best)
        return {*best, false};
    return {taken.empty() ? 0 : taken.rbegin()->first + 1, false};
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

Result<std::vector<IncomingPart>> Store::add_incoming_part(const IncomingPart& part)
{
    if (auto valid = check_part_numbers(part); !valid)
        return valid.error();
    using Parts = std::vector<IncomingPart>;
    return write_transaction<Parts>(db_, "add_incoming_part", [&]() -> Result<Parts> {
        auto stored = query_parts(db_, "add_incoming_part", part.message(), false);
        if (!stored)
            return stored.error();
        IncomingPart placed = part;
        auto where = place(part, *stored);
        placed.copy = where.copy;
        if (where.repeat)
            return parts_of(db_, "add_incoming_part", placed.message());
        auto insert = Statement::prepare(db_, "add_incoming_part",
                                         std::string("INSERT INTO incoming_parts (") + part_columns +
                                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?6)");
        if (!insert)
            return insert.error();
        bind_message_key(*insert, placed.message());
        insert->bind(7, placed.seq).bind(8, placed.text).bind(9, placed.scts).bind(10, placed.received);
        insert->bind(11, placed.zone_minutes).bind(12, placed.alphanumeric ? 1 : 0).bind(13, placed.incoming_row);
        if (auto done = insert->run(); !done)
            return done.error();
        return parts_of(db_, "add_incoming_part", placed.message());
    });
}

Result<std::vector<IncomingPart>> Store::incoming_parts_with_row(const PartsKey& message, Id row)
{
    return read_transaction<std::vector<IncomingPart>>(
        db_, "incoming_parts_with_row", [&]() -> Result<std::vector<IncomingPart>> {
            auto all = query_parts(db_, "incoming_parts_with_row", message, false);
            if (!all)
                return all.error();
            for (const auto& p : *all)
                if (p.incoming_row == row)
                    return parts_of(db_, "incoming_parts_with_row", p.message());
            return std::vector<IncomingPart>();
        });
}

Result<int> Store::incoming_sets(const PartsKey& message)
{
    auto st = Statement::prepare(db_, "incoming_sets",
                                 std::string("SELECT count(DISTINCT copy) FROM incoming_parts WHERE ") + reference_sql);
    if (!st)
        return st.error();
    bind_reference(*st, message);
    auto count = st->single_int();
    if (!count)
        return count.error();
    return static_cast<int>(*count);
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
                                     std::string("SELECT count(*) FILTER (WHERE i.received >= ?7),"
                                                 " count(*) FILTER (WHERE i.received < ?7)"
                                                 " FROM incoming_parts p JOIN incoming i"
                                                 " ON i.id = p.incoming_row AND i.state = 'fresh' WHERE ") +
                                         joined_key_sql);
        if (!st)
            return st.error();
        bind_message_key(*st, message);
        st->bind(7, fresh_since);
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
    // Per set: its lowest part, with received = when its first part came.
    auto st = Statement::prepare(db_, "stale_incoming_parts",
                                 "SELECT modem, originator, ref, ref_bits, total, seq, text, scts, first_received,"
                                 " zone_minutes, alphanumeric, incoming_row, copy"
                                 " FROM ("
                                 "  SELECT *, min(received) OVER message AS first_received,"
                                 "         row_number() OVER (message ORDER BY seq) AS place"
                                 "  FROM incoming_parts"
                                 "  WINDOW message AS (PARTITION BY modem, originator, ref, ref_bits, total, copy)"
                                 ") WHERE place = 1 AND first_received < ?1"
                                 " ORDER BY first_received, modem, originator, ref, copy");
    if (!st)
        return st.error();
    st->bind(1, older_than);
    return collect<IncomingPart>(*st, read_incoming_part);
}

} // namespace smsgate::store
