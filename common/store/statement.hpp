// statement.hpp - thin RAII wrappers over the SQLite C API for the store:
// a prepared statement with bind/step/column helpers, a transaction that
// rolls back unless committed, and the error of a failed call.
//
// Every error carries the store operation that failed ("submit",
// "claim_job") as its field and sqlite3_errmsg() as its message. Nothing here
// throws; a Store and its statements are used from one thread.
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace smsgate::store::detail {

// The connection's last error, for operation op.
Error db_error(sqlite3* db, const char* op);

// Runs SQL without results (one or more statements: BEGIN, PRAGMA, a schema).
Status exec(sqlite3* db, const char* op, const char* sql);

class Statement {
public:
    static Result<Statement> prepare(sqlite3* db, const char* op, std::string_view sql);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based, as in "?1". The first bind failure is kept
    // and reported by the next step().
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value);
    Statement& bind(int index, std::string_view value); // never NULL, "" at worst
    Statement& bind(int index, const std::optional<int>& value);          // NULL when empty
    Statement& bind(int index, const std::optional<std::int64_t>& value); // NULL when empty

    // true: a row is ready to read; false: done.
    Result<bool> step();
    // Steps to the end, ignoring rows (INSERT, UPDATE, DELETE).
    Status run();
    // Ready to run again with new bindings.
    void reset();
    // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    int changes() const;
    // One integer from the first row (SELECT count(*) ...); an error if none.
    Result<std::int64_t> single_int();

    // Columns are 0-based. NULL reads as 0, "" or an empty optional.
    std::int64_t int64(int column) const;
    int integer(int column) const;
    std::string text(int column) const;
    std::optional<int> optional_int(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;

    const char* op() const { return op_; }
    Error error() const;

private:
    Statement(sqlite3* db, sqlite3_stmt* stmt, const char* op) : db_(db), stmt_(stmt), op_(op) {}
    Statement& check_bind(int rc);

    sqlite3* db_;
    sqlite3_stmt* stmt_;
    const char* op_; // a string literal
    std::optional<Error> bind_error_;
};

// Reads every row with read(const Statement&) -> Result<T>.
template <typename T, typename Read>
Result<std::vector<T>> collect(Statement& st, Read read)
{
    std::vector<T> rows;
    for (;;) {
        auto more = st.step();
        if (!more)
            return more.error();
        if (!*more)
            return rows;
        auto row = read(st);
        if (!row)
            return row.error();
        rows.push_back(std::move(row).value());
    }
}

// BEGIN IMMEDIATE (write: takes the write lock at once, waiting up to the
// busy timeout, so that a transaction never fails half-way on a lock) or
// BEGIN (read: one consistent snapshot for a job and its parts). Rolled back
// when destroyed uncommitted.
class Transaction {
public:
    enum class Mode { read, write };

    static Result<Transaction> begin(sqlite3* db, const char* op, Mode mode);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status commit();

private:
    Transaction(sqlite3* db, const char* op) : db_(db), op_(op) {}
    void rollback();

    sqlite3* db_;
    const char* op_;
};

// Runs body() -> Result<T> in a transaction; commits when it succeeds,
// rolls back when it fails.
template <typename T, typename Body>
Result<T> in_transaction(sqlite3* db, const char* op, Transaction::Mode mode, Body&& body)
{
    auto tx = Transaction::begin(db, op, mode);
    if (!tx)
        return tx.error();
    Result<T> result = body();
    if (!result)
        return result; // the transaction rolls back
    if (auto done = tx->commit(); !done)
        return done.error();
    return result;
}

template <typename T, typename Body>
Result<T> write_transaction(sqlite3* db, const char* op, Body&& body)
{
    return in_transaction<T>(db, op, Transaction::Mode::write, std::forward<Body>(body));
}

// A write that need not reach the disk by itself: nothing outside the
// database acts on it before the next full commit, and in WAL mode that
// commit's sync of the log makes the earlier one durable too (the log is
// written in order). It is safe from a crash of the process as any commit;
// a power cut may take it back with what follows it. Saves one fsync.
template <typename T, typename Body>
Result<T> write_transaction_synced_later(sqlite3* db, const char* op, Body&& body)
{
    (void)exec(db, op, "PRAGMA synchronous = NORMAL"); // still FULL if not: slower, as safe
    Result<T> result = write_transaction<T>(db, op, std::forward<Body>(body));
    if (auto full = exec(db, op, "PRAGMA synchronous = FULL"); !full)
        return full.error();
    return result;
}

template <typename T, typename Body>
Result<T> read_transaction(sqlite3* db, const char* op, Body&& body)
{
    return in_transaction<T>(db, op, Transaction::Mode::read, std::forward<Body>(body));
}

} // namespace smsgate::store::detail
