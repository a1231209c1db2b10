// statement.cpp - prepared statements and transactions over the SQLite C API.
#include "store/statement.hpp"

#include <sqlite3.h>

#include <limits>

namespace smsgate::store::detail {

Error db_error(sqlite3* db, const char* op)
{
    return make_error(op, db ? sqlite3_errmsg(db) : "no database connection");
}

Status exec(sqlite3* db, const char* op, const char* sql)
{
    char* message = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return Done{};
    Error error = make_error(op, message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return error;
}

// --- Statement ---------------------------------------------------------

Result<Statement> Statement::prepare(sqlite3* db, const char* op, std::string_view sql)
{
    if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return make_error(op, "SQL text too long");
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return db_error(db, op);
    }
    return Statement(db, stmt, op);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), op_(other.op_),
      bind_error_(std::move(other.bind_error_))
{
}

Statement::~Statement()
{
    sqlite3_finalize(stmt_); // harmless on nullptr
}

Error Statement::error() const
{
    return db_error(db_, op_);
}

Statement& Statement::check_bind(int rc)
{
    if (rc != SQLITE_OK && !bind_error_)
        bind_error_ = error();
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    return check_bind(sqlite3_bind_int64(stmt_, index, value));
}

Statement& Statement::bind(int index, int value)
{
    return check_bind(sqlite3_bind_int(stmt_, index, value));
}

Statement& Statement::bind(int index, std::string_view value)
{
    if (value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return check_bind(SQLITE_TOOBIG);
    // An empty view may have a null data(), which SQLite would bind as NULL.
    const char* data = value.data() ? value.data() : "";
    return check_bind(sqlite3_bind_text(stmt_, index, data, static_cast<int>(value.size()), SQLITE_TRANSIENT));
}

Statement& Statement::bind(int index, const std::optional<int>& value)
{
    if (value)
        return bind(index, *value);
    return check_bind(sqlite3_bind_null(stmt_, index));
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value)
{
    if (value)
        return bind(index, *value);
    return check_bind(sqlite3_bind_null(stmt_, index));
}

Result<bool> Statement::step()
{
    if (bind_error_)
        return *bind_error_;
    switch (sqlite3_step(stmt_)) {
    case SQLITE_ROW:
        return true;
    case SQLITE_DONE:
        return false;
    default:
        return error();
    }
}

Status Statement::run()
{
    for (;;) {
        auto more = step();
        if (!more)
            return more.error();
        if (!*more)
            return Done{};
    }
}

void Statement::reset()
{
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_error_.reset();
}

int Statement::changes() const
{
    return sqlite3_changes(db_);
}

Result<std::int64_t> Statement::single_int()
{
    auto row = step();
    if (!row)
        return row.error();
    if (!*row)
        return make_error(op_, "query returned no row");
    return int64(0);
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(stmt_, column);
}

int Statement::integer(int column) const
{
    return sqlite3_column_int(stmt_, column);
}

std::string Statement::text(int column) const
{
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (!text)
        return {};
    // The length is read after the text, as the SQLite documentation asks.
    auto length = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
    return std::string(reinterpret_cast<const char*>(text), length);
}

std::optional<int> Statement::optional_int(int column) const
{
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL)
        return std::nullopt;
    return integer(column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const
{
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL)
        return std::nullopt;
    return int64(column);
}

// --- Transaction -------------------------------------------------------

Result<Transaction> Transaction::begin(sqlite3* db, const char* op, Mode mode)
{
    auto begun = exec(db, op, mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!begun)
        return begun.error();
    return Transaction(db, op);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), op_(other.op_)
{
}

Transaction::~Transaction()
{
    rollback();
}

void Transaction::rollback()
{
    // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) end the transaction on their
    // own; ROLLBACK only when one is still open.
    if (db_ && !sqlite3_get_autocommit(db_))
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    db_ = nullptr;
}

Status Transaction::commit()
{
    if (!db_)
        return make_error(op_, "transaction already ended");
    auto committed = exec(db_, op_, "COMMIT");
    if (!committed) {
        rollback();
        return committed.error();
    }
    db_ = nullptr;
    return Done{};
}

} // namespace smsgate::store::detail
