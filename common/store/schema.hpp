// schema.hpp - opening a store database: connection settings and the schema,
// migrated step by step by PRAGMA user_version.
#pragma once

#include "util/result.hpp"

struct sqlite3;

namespace smsgate::store::detail {

// The schema version this program writes; a newer database is refused.
int schema_version();

// Busy timeout, foreign keys, WAL and synchronous=FULL on a new connection.
Status configure(sqlite3* db);

// PRAGMA journal_mode = WAL, checked; an in-memory database (in_memory)
// keeps its "memory" journal. Also for other SQLite files of the gateway.
Status set_journal_mode_wal(sqlite3* db, bool in_memory = false);

// Brings the schema to schema_version(), in one transaction.
Status migrate(sqlite3* db);

// Brings the schema up to `version` (never down), in one transaction: how
// the tests make a database as an older smsgated left it.
Status migrate_to(sqlite3* db, int version);

} // namespace smsgate::store::detail
