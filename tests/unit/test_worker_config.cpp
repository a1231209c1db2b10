// smsgated's configuration file and the router's choice of modem.
#include "config/worker_section.hpp"
#include "worker/router.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace smsgate::worker;

namespace {

smsgate::Result<smsgate::config::WorkerConfig> parse(const std::string& text)
{
    std::istringstream in(text);
    return smsgate::config::parse_config<smsgate::config::WorkerConfig>(in, "test.conf");
}

} // namespace

TEST_CASE("worker config: defaults, [worker] keys and two modems")
{
    auto c = parse("[worker]\nsocket = /tmp/x.sock\nvalidity_minutes = 60\nstatus_reports = no\n"
                   "[modem.gsm0]\ndevice = tcp:127.0.0.1:7000\nprefixes = +32, +3247\ninit = AT+CSMP=49,167,0,0\n"
                   "init = AT^CURC=0\n[modem.gsm1]\ndevice = /dev/ttyUSB2\nbaud = 9600\nparity = e\nflow = rtscts\n");
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().what()));
    CHECK(c->socket == "/tmp/x.sock");
    CHECK(c->validity_minutes == 60);
    CHECK_FALSE(c->status_reports);
    CHECK(c->max_attempts == 5);
    REQUIRE(c->modems.size() == 2);
    CHECK(c->modems[0].name == "gsm0");
    CHECK(c->modems[0].prefixes == std::vector<std::string>{"+32", "+3247"});
    CHECK(c->modems[0].init == std::vector<std::string>{"AT+CSMP=49,167,0,0", "AT^CURC=0"});
    CHECK(c->modems[1].link.baud == 9600);
    CHECK(c->modems[1].link.parity == 'e');
    CHECK(c->modems[1].link.flow == "rtscts");
    CHECK(c->modems[1].cnmi == "auto");
}

TEST_CASE("worker config: mistakes are named with the file and the key")
{
    struct Row {
        const char* text;
        const char* says;
    };
    const Row rows[] = {
        {"[worker]\nsokcet = /x\n", "sokcet"},
        {"[modem.a]\nbaud = 9600\n", "no device"},
        {"[modem.a]\ndevice = /dev/x\nprefixes = 32\n", "prefix '32'"},
        {"[modem.a]\ndevice = /dev/x\nparity = x\n", "parity"},
        {"[modem.a]\ndevice = /dev/x\nflow = hw\n", "flow"},
        {"[modem.a]\ndevice = /dev/x\ncolour = red\n", "colour"},
        {"[worker]\nmax_attempts = 0\n", "max_attempts"},
        {"[worker]\nvalidity_minutes = -1\n", "validity_minutes"},
        {"[worker]\npoll_seconds = often\n", "poll_seconds"},
        {"[other]\nx = 1\n", "other.x"},
        {"[worker]\nsmsc = +3247x\n", "smsc"},
        {"[worker]\nsocket_mode = 0x660\n", "socket_mode"},
        {"[modem.a]\ndevice = /dev/x\nsmsc = Acme\n", "smsc"},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.text));
        auto c = parse(row.text);
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().what().find(row.says) != std::string::npos);
        CHECK(c.error().what().find("test.conf") != std::string::npos);
    }
}

TEST_CASE("router: the longest matching prefix among modems that can send, then the least busy")
{
    Router r(std::vector<Router::Modem>{{"be", {"+32"}}, {"be-mobile", {"+3247"}}, {"any", {}}});
    CHECK_FALSE(r.choose("+32477324847"));
    CHECK_FALSE(r.any_can_send());
    auto up = [](ModemStatus& s) {
        s.link = "up";
        s.registered = true;
    };
    r.update("any", up);
    CHECK(r.choose("+32477324847") == "any");
    r.update("be", up);
    CHECK(r.choose("+32477324847") == "be");
    CHECK(r.choose("+31612345678").has_value()); // no prefix matches: any modem that can send
    r.update("be-mobile", up);
    CHECK(r.choose("+32477324847") == "be-mobile");
    CHECK(r.choose("+3221234567") == "be");
    // be-mobile loses its network: its numbers go to the next best
    r.update("be-mobile", [](ModemStatus& s) { s.registered = false; });
    CHECK(r.choose("+32477324847") == "be");
    // between equals, the least busy
    r.update("be", [](ModemStatus& s) { s.busy = 3; });
    Router equal(std::vector<Router::Modem>{{"a", {}}, {"b", {}}});
    equal.update("a", up);
    equal.update("b", up);
    equal.update("a", [](ModemStatus& s) { s.busy = 2; });
    CHECK(equal.choose("+1555") == "b");
}

TEST_CASE("router: a job's retry avoids the modem it failed on while another can send")
{
    Router r(std::vector<Router::Modem>{{"a", {"+3247"}}, {"b", {}}});
    auto up = [](ModemStatus& s) {
        s.link = "up";
        s.registered = true;
    };
    r.update("a", up);
    r.update("b", up);
    CHECK(r.choose("+32477324847", 7) == "a");
    r.failed_on(7, "a");
    CHECK(r.choose("+32477324847", 7) == "b");
    CHECK(r.choose("+32477324847", 8) == "a"); // other jobs keep their choice
    CHECK(r.choose("+32477324847") == "a");
    // the failed modem is still chosen when it is the only one up
    r.update("b", [](ModemStatus& s) { s.registered = false; });
    CHECK(r.choose("+32477324847", 7) == "a");
    r.update("b", up);
    r.done(7);
    CHECK(r.choose("+32477324847", 7) == "a");
}

TEST_CASE("router: new work advances the generation a modem thread compares, and stop ends a pause")
{
    Router r(std::vector<Router::Modem>{{"a", {}}});
    auto seen = r.work_generation();
    r.notify_work();
    CHECK(r.work_generation() != seen);
    auto start = std::chrono::steady_clock::now();
    r.stop();
    CHECK(r.stopping());
    r.pause_until(start + std::chrono::hours(1)); // returns at once: stopped
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::minutes(1));
}

TEST_CASE("router: a modem that comes back wakes the waiting threads")
{
    Router r(std::vector<Router::Modem>{{"a", {}}});
    auto seen = r.work_generation();
    r.update("a", [](ModemStatus& s) {
        s.link = "up";
        s.registered = true;
    });
    CHECK(r.work_generation() != seen);
}
