// test_outbox.cpp - smsgated's outbox thread with a real SQLite file and a
// small sh(1) program configured as its sendmail command, which writes
// down every call: the order in which mails are handed over, and that a
// mail sendmail took is never handed over again while its "sent" mark
// cannot be written (the database's file system full), the mark written
// once there is room again.
#include "log/log.hpp"
#include "store_fixture.hpp"
#include "worker/outbox.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <csignal>
#include <functional>
#include <sstream>
#include <thread>

using namespace store_test;
using smsgate::config::MailConfig;
using smsgate::worker::Outbox;

namespace {

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& path)
{
    std::istringstream in(slurp(path));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::size_t count_of(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// A sendmail that takes every mail and writes its recipient, one line per
// call, to `calls`.
std::string counting_sendmail(const TempDir& dir, const std::string& calls)
{
    std::string path = dir.file("sendmail");
    std::ofstream(path) << "#!/bin/sh\ncat > /dev/null\nfor a; do last=$a; done\necho \"$last\" >> '" << calls
                        << "'\n";
    REQUIRE(chmod(path.c_str(), 0755) == 0);
    return path;
}

// Waits until the condition holds; a generous limit only keeps a broken
// build from hanging (nothing here asserts how long it took).
void wait_for(const std::function<bool()>& done, const char* what)
{
    auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!done()) {
        if (std::chrono::steady_clock::now() > limit)
            FAIL("gave up waiting for " << what);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

OutMail mail_to(const std::string& key, const std::string& recipient, std::optional<Id> job, Seconds created)
{
    OutMail m;
    m.key = key;
    m.job = job;
    m.recipient = recipient;
    m.message = "From: SMS gateway <sms@example.com>\r\nSubject: " + key + "\r\n\r\nbody\r\n";
    m.created = created;
    return m;
}

MailConfig outbox_config(const std::string& sendmail)
{
    MailConfig config;
    config.sendmail_argv = {sendmail};
    return config;
}

// An outbox on its own connection to the database, and its thread once
// started, stopped and joined when it goes.
class RunningOutbox {
public:
    RunningOutbox(const MailConfig& config, const std::string& db) : outbox_(config, open_store(db), nullptr) {}
    ~RunningOutbox()
    {
        outbox_.stop();
        if (thread_.joinable())
            thread_.join();
    }
    void start() { thread_ = std::thread([this] { outbox_.run(); }); }
    void wake() { outbox_.wake(); } // as the sink does when it queued a mail

private:
    Outbox outbox_;
    std::thread thread_;
};

bool nothing_queued(Store& store)
{
    auto due = store.due_mails(clock_now() + 365 * 24 * 3600, 10);
    if (!due.ok())
        FAIL(due.error().what());
    return due->empty();
}

// A tmpfs of its own (root only), unmounted when it goes.
class SmallFileSystem {
public:
    explicit SmallFileSystem(const std::string& path) : path_(path)
    {
        ::mkdir(path.c_str(), 0700);
        mounted_ = ::mount("tmpfs", path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=2m,mode=0700") == 0;
        if (!mounted_)
            why_ = std::strerror(errno);
    }
    ~SmallFileSystem()
    {
        if (mounted_)
            ::umount2(path_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    const std::string& why_not() const { return why_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

    // Writes a file until the file system has no block left.
    void fill()
    {
        int fd = ::open(file("filler").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        REQUIRE(fd >= 0);
        std::vector<char> block(4096, 'x');
        while (::write(fd, block.data(), block.size()) > 0) {
        }
        while (::write(fd, block.data(), 1) > 0) {
        }
        ::close(fd);
    }
    void make_room() { REQUIRE(::unlink(file("filler").c_str()) == 0); }

private:
    std::string path_;
    bool mounted_ = false;
    std::string why_;
};

} // namespace

TEST_CASE("outbox: an incoming SMS goes to sendmail before the reports queued ahead of it")
{
    std::signal(SIGPIPE, SIG_IGN);
    TempDir dir;
    std::string db = dir.file("state.db");
    std::string calls = dir.file("calls");
    auto store = open_store(db);
    auto now = clock_now();
    for (int i = 1; i <= 40; ++i)
        REQUIRE(*store->queue_mail(mail_to("job:" + std::to_string(i) + ":network",
                                           "report" + std::to_string(i) + "@example.com", i, now - 100 + i)));
    REQUIRE(*store->queue_mail(mail_to("incoming:1", "answer@example.com", std::nullopt, now)));

    auto config = outbox_config(counting_sendmail(dir, calls));
    {
        RunningOutbox outbox(config, db);
        outbox.start();
        wait_for([&] { return lines_of(calls).size() >= 41; }, "41 sendmail calls");
    }
    auto order = lines_of(calls);
    REQUIRE(order.size() == 41);
    CHECK(order.front() == "answer@example.com");
    CHECK(order[1] == "report1@example.com");
    CHECK(order.back() == "report40@example.com");
    CHECK(nothing_queued(*store));
}

TEST_CASE("outbox: an incoming SMS queued while reports are handed over goes next")
{
    std::signal(SIGPIPE, SIG_IGN);
    TempDir dir;
    std::string db = dir.file("state.db");
    std::string calls = dir.file("calls");
    // The first call waits, so that the SMS comes while the reports are
    // being handed over; the order of the calls is what is checked.
    std::string sendmail = dir.file("sendmail");
    std::ofstream(sendmail) << "#!/bin/sh\ncat > /dev/null\nfor a; do last=$a; done\n"
                            << "if [ ! -e '" << dir.file("started") << "' ]; then\n"
                            << "  : > '" << dir.file("started") << "'\n"
                            << "  while [ ! -e '" << dir.file("go") << "' ]; do sleep 0.05; done\n"
                            << "fi\necho \"$last\" >> '" << calls << "'\n";
    REQUIRE(chmod(sendmail.c_str(), 0755) == 0);
    auto store = open_store(db);
    auto now = clock_now();
    for (int i = 1; i <= 10; ++i)
        REQUIRE(*store->queue_mail(mail_to("job:" + std::to_string(i) + ":network",
                                           "report" + std::to_string(i) + "@example.com", i, now - 100 + i)));
    auto config = outbox_config(sendmail);
    {
        RunningOutbox outbox(config, db);
        outbox.start();
        wait_for([&] { return std::filesystem::exists(dir.file("started")); }, "the first sendmail call");
        REQUIRE(*store->queue_mail(mail_to("incoming:1", "answer@example.com", std::nullopt, now)));
        outbox.wake();
        std::ofstream(dir.file("go")) << "";
        wait_for([&] { return lines_of(calls).size() >= 11; }, "11 sendmail calls");
    }
    auto order = lines_of(calls);
    REQUIRE(order.size() == 11);
    CHECK(order[0] == "report1@example.com");
    CHECK(order[1] == "answer@example.com");
    CHECK(order[2] == "report2@example.com");
}

TEST_CASE("outbox: while a taken mail's mark fails for a full disk, neither it nor any other mail is handed over")
{
    std::signal(SIGPIPE, SIG_IGN);
    TempDir dir;
    if (geteuid() != 0) {
        MESSAGE("skipped: mounting a small tmpfs for the database needs root");
        return;
    }
    SmallFileSystem fs(dir.file("fs"));
    if (!fs.mounted()) {
        MESSAGE("skipped: cannot mount a tmpfs here: " << fs.why_not());
        return;
    }
    std::string db = fs.file("state.db");
    std::string calls = dir.file("calls");
    std::string log_path = dir.file("worker.log");
    auto store = open_store(db);
    auto now = clock_now();
    REQUIRE(*store->queue_mail(mail_to("job:1:network", "ps@example.com", 1, now - 3)));
    REQUIRE(*store->queue_mail(mail_to("job:2:network", "second@example.com", 2, now - 2)));
    REQUIRE(*store->queue_mail(mail_to("job:3:network", "third@example.com", 3, now - 1)));
    smsgate::log::open("test", log_path);
    auto config = outbox_config(counting_sendmail(dir, calls));
    {
        // Both connections are open before the disk is full.
        RunningOutbox outbox(config, db);
        fs.fill();
        outbox.start();
        // The mark fails three times: at once, and twice again later.
        wait_for([&] { return count_of(slurp(log_path), "job:1:network: mark still not written") >= 2; },
                 "three failed marks");
        CHECK(count_of(slurp(log_path), "job:1:network went to sendmail but is not marked sent") == 1);
        // Only the first went: each further one would be in doubt too.
        CHECK(lines_of(calls) == std::vector<std::string>{"ps@example.com"});
        CHECK(count_of(slurp(log_path), "no further mail is handed over") == 1);
        CHECK_FALSE(nothing_queued(*store)); // the store still says queued

        fs.make_room();
        wait_for([&] { return nothing_queued(*store); }, "the mark");
    }
    smsgate::log::open("test", "stderr");
    CHECK(lines_of(calls) ==
          std::vector<std::string>{"ps@example.com", "second@example.com", "third@example.com"});
    CHECK(count_of(slurp(log_path), "handing mails over") == 1);
    CHECK(count_of(slurp(log_path), "job:1:network: marked sent after") == 1);
}
