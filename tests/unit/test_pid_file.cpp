// The pid file of a daemon (common/os/pid_file.hpp), on real files.
#include "os/pid_file.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using smsgate::os::live_pid_in;
using smsgate::os::pid_file_free;
using smsgate::os::PidFile;

namespace {

struct TempDir {
    std::string path;
    TempDir()
    {
        char name[] = "/tmp/smsgate-pid.XXXXXX";
        REQUIRE(mkdtemp(name) != nullptr);
        path = name;
    }
    ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

std::string read_file(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// A pid no process has: a child that has ended and been reaped.
pid_t ended_pid()
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    return child;
}

} // namespace

TEST_CASE("pid file: written 0644 whatever the umask, removed when destroyed")
{
    TempDir dir;
    auto path = dir.path + "/d.pid";
    mode_t old = umask(077);
    {
        auto pid_file = PidFile::write(path);
        umask(old);
        REQUIRE_MESSAGE(pid_file.ok(), (pid_file.ok() ? "" : pid_file.error().what()));
        CHECK(read_file(path) == std::to_string(getpid()) + "\n");
        struct stat st {};
        REQUIRE(stat(path.c_str(), &st) == 0);
        CHECK((st.st_mode & 07777) == 0644);
        CHECK(live_pid_in(path) == getpid());
        CHECK(pid_file_free(path).ok()); // this process's own
        PidFile moved = std::move(pid_file).value();
        CHECK(moved.path() == path);
    }
    CHECK(access(path.c_str(), F_OK) != 0);
}

TEST_CASE("pid file: a live process's file is refused, a stale one replaced")
{
    TempDir dir;
    auto path = dir.path + "/d.pid";
    write_file(path, std::to_string(getppid()) + "\n");
    auto refused = PidFile::write(path);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().what().find("process " + std::to_string(getppid()) + " holds it") != std::string::npos);
    CHECK(read_file(path) == std::to_string(getppid()) + "\n");

    write_file(path, std::to_string(ended_pid()) + "\n");
    CHECK(live_pid_in(path) == 0);
    CHECK(PidFile::write(path).ok());

    for (const char* junk : {"", "abc\n", "-1\n", "12x\n"}) {
        CAPTURE(junk);
        write_file(path, junk);
        CHECK(live_pid_in(path) == 0);
    }
    CHECK(PidFile::write("").ok());
    CHECK(pid_file_free("").ok());
}

TEST_CASE("pid file: a file that a later start replaced is left to it")
{
    TempDir dir;
    auto path = dir.path + "/d.pid";
    {
        auto pid_file = PidFile::write(path);
        REQUIRE(pid_file.ok());
        write_file(path, std::to_string(getppid()) + "\n");
    }
    CHECK(read_file(path) == std::to_string(getppid()) + "\n");
}
