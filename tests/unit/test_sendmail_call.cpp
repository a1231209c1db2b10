// test_sendmail_call.cpp - run_sendmail with small sh(1) programs standing
// in for sendmail: the argv it gets, the message on its standard input,
// what counts as taken, and that a sendmail that hangs cannot hold the
// worker past the deadline.
#include "log/log.hpp"
#include "store_fixture.hpp"
#include "worker/sendmail.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

#include <fstream>
#include <sstream>

using smsgate::worker::run_sendmail;
using smsgate::worker::SendmailCall;

namespace {

std::string script(const store_test::TempDir& dir, const std::string& name, const std::string& body)
{
    std::string path = dir.file(name);
    std::ofstream(path) << "#!/bin/sh\n" << body;
    REQUIRE(chmod(path.c_str(), 0755) == 0);
    return path;
}

// smsgated ignores SIGPIPE, as run_command requires: a program that exits
// without reading its input must not kill the caller.
void ignore_sigpipe()
{
    std::signal(SIGPIPE, SIG_IGN);
}

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// What `ls -l /proc/self/fd/` shows in a sendmail run now: the descriptors
// it inherited, with the files they name.
std::string descriptors_seen_by_sendmail(const store_test::TempDir& dir)
{
    auto prog = script(dir, "sendmail-fds", "cat > /dev/null\nexec ls -l /proc/self/fd/ > \"$OUT\"\n");
    setenv("OUT", dir.file("fds").c_str(), 1);
    auto done = run_sendmail(SendmailCall{{prog}, "", "ps@example.com", "x\n", 10});
    REQUIRE_MESSAGE(done.ok(), done.error().what());
    return slurp(dir.file("fds"));
}

} // namespace

TEST_CASE("sendmail call: argv, message with LF line ends, exit 0 is taken")
{
    ignore_sigpipe();
    store_test::TempDir dir;
    auto prog = script(dir, "sendmail", "for a in \"$@\"; do printf '[%s]' \"$a\"; done > \"$OUT.args\"\n"
                                        "cat > \"$OUT.mail\"\n");
    setenv("OUT", (dir.file("got")).c_str(), 1);
    SendmailCall call{{prog, "-C", "/etc/x"}, "", "ps@example.com", "Subject: a\r\n\r\nline 1\r\nline 2", 10};
    auto done = run_sendmail(call);
    REQUIRE_MESSAGE(done.ok(), done.error().what());
    CHECK(slurp(dir.file("got.args")) == "[-C][/etc/x][-i][-f][<>][--][ps@example.com]");
    CHECK(slurp(dir.file("got.mail")) == "Subject: a\n\nline 1\nline 2\n");

    call.envelope_sender = "smsgate@example.com";
    REQUIRE(run_sendmail(call).ok());
    CHECK(slurp(dir.file("got.args")) == "[-C][/etc/x][-i][-f][smsgate@example.com][--][ps@example.com]");
}

TEST_CASE("sendmail call: a failed sendmail is an error with its last words")
{
    ignore_sigpipe();
    store_test::TempDir dir;
    auto prog = script(dir, "sendmail", "cat > /dev/null\necho 'postdrop: warning: first'\n"
                                        "echo 'postdrop: warning: unable to look up public/pickup' >&2\nexit 75\n");
    auto done = run_sendmail(SendmailCall{{prog}, "", "ps@example.com", "Subject: a\n\nb\n", 10});
    REQUIRE_FALSE(done.ok());
    CHECK(done.error().what().find("exit status 75: postdrop: warning: unable to look up public/pickup") !=
          std::string::npos);

    auto missing = run_sendmail(SendmailCall{{dir.file("no-such-sendmail")}, "", "ps@example.com", "x", 10});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().what().find("cannot run") != std::string::npos);

    auto killed = run_sendmail(SendmailCall{{script(dir, "crash", "kill -9 $$\n")}, "", "ps@example.com", "x", 10});
    REQUIRE_FALSE(killed.ok());
    CHECK(killed.error().what().find("killed by signal 9") != std::string::npos);
}

TEST_CASE("sendmail call: exit 0 without reading the whole message is not taken")
{
    ignore_sigpipe();
    store_test::TempDir dir;
    auto prog = script(dir, "sendmail", "exit 0\n");
    std::string big = "Subject: big\n\n" + std::string(1 << 20, 'x') + "\n";
    auto done = run_sendmail(SendmailCall{{prog}, "", "ps@example.com", big, 10});
    REQUIRE_FALSE(done.ok());
    CHECK(done.error().what().find("before reading all of its input") != std::string::npos);
}

TEST_CASE("sendmail call: one that closes its output and hangs is killed at the deadline")
{
    ignore_sigpipe();
    store_test::TempDir dir;
    // It reads the message, closes everything the worker watches, and stays.
    auto prog = script(dir, "sendmail", "cat > /dev/null\nexec >&- 2>&- <&-\nexec sleep 600\n");
    auto done = run_sendmail(SendmailCall{{prog}, "", "ps@example.com", "Subject: a\n\nb\n", 1});
    REQUIRE_FALSE(done.ok());
    CHECK(done.error().what().find("killed after 1 s") != std::string::npos);
}

TEST_CASE("sendmail call: sendmail does not inherit the worker's log file")
{
    ignore_sigpipe();
    store_test::TempDir dir;
    std::string log_path = dir.file("worker.log");
    smsgate::log::open("test", log_path);
    smsgate::log::info("the log file is open");
    auto fds = descriptors_seen_by_sendmail(dir);
    smsgate::log::open("test", "stderr");
    CHECK(fds.find("/proc/") != std::string::npos); // ls listed its own descriptors
    CHECK(fds.find("worker.log") == std::string::npos);
}

TEST_CASE("sendmail call: no descriptor of the worker reaches sendmail, close-on-exec or not")
{
    ignore_sigpipe();
    store_test::TempDir dir;
    // As a port another thread opened an instant ago, not yet close-on-exec.
    int marker = ::open(dir.file("serial-port-stand-in").c_str(), O_CREAT | O_RDWR, 0600);
    REQUIRE(marker >= 0);
    auto fds = descriptors_seen_by_sendmail(dir);
    ::close(marker);
    CHECK(fds.find("/proc/") != std::string::npos);
    CHECK(fds.find("serial-port-stand-in") == std::string::npos);
}

TEST_CASE("sendmail call: exit 0 counts though a child of its own still holds the output")
{
    ignore_sigpipe();
    store_test::TempDir dir;
    // Like a sendmail that leaves a helper behind: the output never closes
    // before the deadline, but sendmail itself took the mail and exited 0.
    auto prog = script(dir, "sendmail", "cat > /dev/null\nsleep 4 &\nexit 0\n");
    auto done = run_sendmail(SendmailCall{{prog}, "", "ps@example.com", "Subject: a\n\nb\n", 1});
    CHECK_MESSAGE(done.ok(), done.error().what());
}
