// smsgated's configuration file.
#include "config/worker_section.hpp"

#include <doctest/doctest.h>

#include <sstream>

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
    CHECK_FALSE(c->modems[1].limits.any()); // no limits unless set
}

TEST_CASE("worker config: a modem's send limits and quiet hours")
{
    auto c = parse("[modem.gsm0]\ndevice = tcp:127.0.0.1:7000\nmax_per_hour = 30\nmax_per_day = 200\n"
                   "quiet_hours = 22:00-07:00\n");
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().what()));
    const auto& l = c->modems[0].limits;
    CHECK(l.max_per_hour == 30);
    CHECK(l.max_per_day == 200);
    REQUIRE(l.quiet);
    CHECK(l.quiet->str() == "22:00-07:00");
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
        {"[modem.a]\ndevice = /dev/x\nmax_per_hour = -1\n", "max_per_hour"},
        {"[modem.a]\ndevice = /dev/x\nmax_per_day = lots\n", "max_per_day"},
        {"[modem.a]\ndevice = /dev/x\nquiet_hours = 22h-7h\n", "quiet_hours '22h-7h' is not HH:MM-HH:MM"},
        {"[modem.a]\ndevice = /dev/x\nquiet_hours = 22:00-22:00\n", "is empty"},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.text));
        auto c = parse(row.text);
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().what().find(row.says) != std::string::npos);
        CHECK(c.error().what().find("test.conf") != std::string::npos);
    }
}
