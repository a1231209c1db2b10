// file_mode.hpp - the modes of the database file and of SQLite's files
// beside it (-wal, -shm, -journal).
#pragma once

#include "util/result.hpp"

#include <string>
#include <sys/types.h>

namespace smsgate::store {

// Creates the database file with mode if it is not there, so that SQLite
// never creates it with its own default (0644 less the umask); takes from
// an existing database and its companion files every permission bit that
// mode does not grant. A path SQLite does not treat as a file (":memory:",
// "", a "file:" URI) is left alone.
//
// Call it before the process opens the database: it opens and closes the
// files, and closing a descriptor of a file drops every POSIX lock the
// process holds on it, SQLite's among them (a connection that lost its
// locks lets another process reset the shared memory under it).
Status restrict_database_files(const std::string& path, mode_t mode);

} // namespace smsgate::store
