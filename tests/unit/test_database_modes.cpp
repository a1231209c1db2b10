// The modes of the database and of SQLite's files beside it: no more than
// configured, on a new database and on one left with SQLite's defaults.
#include "store/file_mode.hpp"
#include "store_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sys/stat.h>

using namespace smsgate::store;
using store_test::TempDir;

namespace {

unsigned mode_of(const std::string& path)
{
    struct stat st;
    REQUIRE(stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

} // namespace

TEST_CASE("database modes: a new database and its WAL files get the mode")
{
    TempDir dir;
    auto path = dir.file("smsgate.db");
    {
        REQUIRE(restrict_database_files(path, 0640).ok());
        auto store = Store::open(path);
        REQUIRE(store.ok());
        // Written to: the -wal and -shm files exist while it is open.
        for (const char* suffix : {"", "-wal", "-shm"}) {
            CAPTURE(suffix);
            CHECK(mode_of(path + suffix) == 0640);
        }
    }
    CHECK(mode_of(path) == 0640);
}

TEST_CASE("database modes: an existing database that grants more is narrowed")
{
    TempDir dir;
    auto path = dir.file("smsgate.db");
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::ofstream(path + suffix).close();
        chmod((path + suffix).c_str(), 0666);
    }
    REQUIRE(restrict_database_files(path, 0600).ok());
    for (const char* suffix : {"", "-wal", "-shm"}) {
        CAPTURE(suffix);
        CHECK(mode_of(path + suffix) == 0600);
    }
    // Narrower than asked stays as it is.
    chmod(path.c_str(), 0600);
    REQUIRE(restrict_database_files(path, 0640).ok());
    CHECK(mode_of(path) == 0600);
    // Not a file: left alone.
    CHECK(restrict_database_files(":memory:", 0600).ok());
}
