// test_serial_link.cpp - a serial device link, on a pty standing in for a
// modem. libserialport 0.1.1 refuses ptys, so these run the termios
// fallback the worker takes for them, as shipped: nothing is preloaded.
#include "link/link.hpp"
#include "link_checks.hpp"
#include "util/fd.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>

using namespace smsgate;
using namespace std::chrono_literals;

namespace {

// A pty pair: the test holds the master (the modem's side); the link opens
// the slave through a symlink, as socat or the simulator make one.
class PtyModem {
public:
    PtyModem()
    {
        master_.reset(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
        REQUIRE(master_.valid());
        REQUIRE(::grantpt(master_.get()) == 0);
        REQUIRE(::unlockpt(master_.get()) == 0);
        char slave[128];
        REQUIRE(::ptsname_r(master_.get(), slave, sizeof slave) == 0);
        slave_ = slave;

        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp == '/' ? tmp : "/tmp") + "/smsgate-pty-XXXXXX";
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        dir_ = pattern;
        link_ = dir_ + "/modem";
        REQUIRE(::symlink(slave_.c_str(), link_.c_str()) == 0);
    }
    ~PtyModem()
    {
        ::unlink(link_.c_str());
        ::rmdir(dir_.c_str());
    }
    PtyModem(const PtyModem&) = delete;
    PtyModem& operator=(const PtyModem&) = delete;

    std::string device() const { return link_; }
    const std::string& slave() const { return slave_; }

    void send(const std::string& text)
    {
        REQUIRE(::write(master_.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }

    // What the link wrote, up to size bytes or until 2 s pass.
    std::string receive(std::size_t size)
    {
        std::string got;
        auto deadline = std::chrono::steady_clock::now() + 2s;
        while (got.size() < size && std::chrono::steady_clock::now() < deadline) {
            pollfd pfd{master_.get(), POLLIN, 0};
            if (::poll(&pfd, 1, 100) <= 0)
                continue;
            char buffer[256];
            ssize_t n = ::read(master_.get(), buffer, std::min(sizeof buffer, size - got.size()));
            if (n <= 0)
                break;
            got.append(buffer, static_cast<std::size_t>(n));
        }
        return got;
    }

    void hang_up() { master_.reset(); }

private:
    Fd master_;
    std::string slave_;
    std::string dir_;
    std::string link_;
};

std::unique_ptr<link::Link> open_modem(const PtyModem& modem, link::LinkConfig config = {})
{
    config.device = modem.device();
    auto opened = link::open_link(config);
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().what()));
    return std::move(opened).value();
}

// Reads through the link until want bytes came or 2 s passed.
std::string read_text(link::Link& link, std::size_t want)
{
    std::string got;
    auto deadline = std::chrono::steady_clock::now() + 2s;
    while (got.size() < want && std::chrono::steady_clock::now() < deadline) {
        std::uint8_t buffer[64];
        auto n = link.read(buffer, 200ms);
        REQUIRE_MESSAGE(n.ok(), (n.ok() ? "" : n.error().what()));
        got.append(reinterpret_cast<const char*>(buffer), *n);
    }
    return got;
}

Status write_text(link::Link& link, const std::string& text)
{
    return link.write({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

// The line settings the link left on the tty, seen through a second
// descriptor on the slave (settings belong to the tty, not the descriptor).
termios settings_of(const PtyModem& modem)
{
    Fd slave(::open(modem.slave().c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
    REQUIRE(slave.valid());
    termios t{};
    REQUIRE(::tcgetattr(slave.get(), &t) == 0);
    return t;
}

} // namespace

TEST_CASE("serial link: AT out, final result in, over a pty at 115200 8n1")
{
    PtyModem modem;
    auto link = open_modem(modem);
    CHECK(link->describe() == modem.device() + " 115200 8n1");

    REQUIRE(write_text(*link, "AT\r").ok());
    CHECK(modem.receive(3) == "AT\r"); // raw output: no CR/LF translation

    modem.send("\r\nOK\r\n");
    CHECK(read_text(*link, 6) == "\r\nOK\r\n"); // raw input: no echo, CR kept

    termios t = settings_of(modem);
    CHECK(::cfgetospeed(&t) == B115200);
    CHECK((t.c_cflag & CSIZE) == CS8);
    CHECK((t.c_cflag & (PARENB | CSTOPB | CRTSCTS)) == 0);
    CHECK((t.c_lflag & (ICANON | ECHO)) == 0);
    CHECK((t.c_iflag & (IXON | IXOFF)) == 0);
}

// A pty keeps the speed, stop bits and flow control it is given, but its
// driver forces CS8 and no parity (pty_set_termios in the kernel): data bits
// and parity cannot be checked here.
TEST_CASE("serial link: 9600 7e2 with rtscts, and 8o1 with xonxoff")
{
    PtyModem modem;
    {
        link::LinkConfig config;
        config.baud = 9600;
        config.data_bits = 7;
        config.parity = 'e';
        config.stop_bits = 2;
        config.flow = "rtscts";
        auto link = open_modem(modem, config);
        CHECK(link->describe() == modem.device() + " 9600 7e2 rtscts");
        termios t = settings_of(modem);
        CHECK(::cfgetospeed(&t) == B9600);
        CHECK((t.c_cflag & (CSTOPB | CRTSCTS)) == (CSTOPB | CRTSCTS));
        CHECK((t.c_iflag & (IXON | IXOFF)) == 0);
    }
    {
        link::LinkConfig config;
        config.parity = 'o';
        config.flow = "xonxoff";
        auto link = open_modem(modem, config);
        CHECK(link->describe() == modem.device() + " 115200 8o1 xonxoff");
        termios t = settings_of(modem);
        CHECK((t.c_cflag & (CSTOPB | CRTSCTS)) == 0);
        CHECK((t.c_iflag & (IXON | IXOFF)) == (IXON | IXOFF));
    }
}

TEST_CASE("serial link: a read with nothing to read returns 0 after its timeout")
{
    PtyModem modem;
    auto link = open_modem(modem);
    link_test::check_read_times_out(*link);
}

TEST_CASE("serial link: discard_input drops what was received")
{
    PtyModem modem;
    auto link = open_modem(modem);
    modem.send("+CMTI: \"SM\",3\r\n");
    ::usleep(100'000); // let the line discipline take it
    link->discard_input();
    std::uint8_t buffer[32];
    auto n = link->read(buffer, 100ms);
    REQUIRE(n.ok());
    CHECK(*n == 0);
}

TEST_CASE("serial link: a vanished device makes read fail at once, again and again")
{
    PtyModem modem;
    auto link = open_modem(modem);
    modem.send("OK\r\n");
    modem.hang_up(); // the pty's far side is gone, as a modem on a pulled USB cable

    // Bytes that arrived before the hangup may still come; then the error.
    std::uint8_t buffer[64];
    auto start = std::chrono::steady_clock::now();
    Result<std::size_t> n = std::size_t{0};
    for (int i = 0; i < 3 && n.ok(); ++i)
        n = link->read(buffer, 5s);
    REQUIRE_FALSE(n.ok());
    CHECK(std::chrono::steady_clock::now() - start < 1s); // did not wait for the timeout
    CHECK(n.error().what().find(modem.device()) == 0);

    start = std::chrono::steady_clock::now();
    auto again = link->read(buffer, 5s);
    CHECK_FALSE(again.ok());
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    CHECK_FALSE(write_text(*link, "AT\r").ok());
}

TEST_CASE("serial link: errors name the device and the reason")
{
    link::LinkConfig config;
    config.device = "/dev/smsgate-no-such-tty";
    auto missing = link::open_link(config);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().what() == "/dev/smsgate-no-such-tty: no such file or directory");

    config.device = "/dev/null"; // exists, but is no tty
    auto not_tty = link::open_link(config);
    REQUIRE_FALSE(not_tty.ok());
    CHECK(not_tty.error().what().starts_with("/dev/null: not a serial device"));

    struct Case {
        const char* what;
        link::LinkConfig config;
        const char* error;
    };
    const Case cases[] = {
        {"data bits", {"/dev/ttyS0", 115200, 9, 'n', 1, "none"}, "/dev/ttyS0: data bits must be 5 to 8, not 9"},
        {"parity", {"/dev/ttyS0", 115200, 8, 'x', 1, "none"}, "/dev/ttyS0: parity must be n, e or o, not 'x'"},
        {"stop bits", {"/dev/ttyS0", 115200, 8, 'n', 3, "none"}, "/dev/ttyS0: stop bits must be 1 or 2, not 3"},
        {"baud", {"/dev/ttyS0", 0, 8, 'n', 1, "none"}, "/dev/ttyS0: baud rate must be positive, not 0"},
        {"flow", {"/dev/ttyS0", 115200, 8, 'n', 1, "dtrdsr"},
         "/dev/ttyS0: flow control must be none, rtscts or xonxoff, not \"dtrdsr\""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        auto opened = link::open_link(c.config);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().what() == c.error);
    }
}

TEST_CASE("serial link: a name outside /dev/ (as /dev/serial/by-id/...) is resolved to its device")
{
    // libserialport only knows /dev/NAME with a /sys/class/tty/NAME. A
    // symlink to /dev/ptmx (which has one) stands in for a by-id link: it is
    // found, and sp_open then fails on the pty master's missing modem lines.
    // Not "not a serial device".
    char dir[] = "/tmp/smsgate-byid-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    std::string name = std::string(dir) + "/usb-Modem_0001-if02";
    REQUIRE(::symlink("/dev/ptmx", name.c_str()) == 0);
    link::LinkConfig config;
    config.device = name;
    auto opened = link::open_link(config);
    ::unlink(name.c_str());
    ::rmdir(dir);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().what() == name + ": inappropriate ioctl for device");
}

TEST_CASE("serial link: a second open of the same device is refused while the first holds it")
{
    PtyModem modem;
    auto first = open_modem(modem);
    link::LinkConfig config;
    config.device = modem.device();
    auto second = link::open_link(config);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().what() == modem.device() + ": in use by another process (flock)");
}

TEST_CASE("serial link: a pty slave named as it is (/dev/pts/N) opens without any preload")
{
    PtyModem modem;
    link::LinkConfig config;
    config.device = modem.slave();
    auto opened = link::open_link(config);
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().what()));
    auto link = std::move(opened).value();
    CHECK(link->describe() == modem.slave() + " 115200 8n1");
    REQUIRE(write_text(*link, "AT+CMMS=1\r").ok());
    CHECK(modem.receive(10) == "AT+CMMS=1\r");
    modem.send("\r\nOK\r\n");
    CHECK(read_text(*link, 6) == "\r\nOK\r\n");
}

TEST_CASE("serial link: a regular file or a directory is refused, saying what it is")
{
    char dir[] = "/tmp/smsgate-notty-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    std::string file = std::string(dir) + "/modem";
    Fd made(::open(file.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
    REQUIRE(made.valid());
    link::LinkConfig config;
    config.device = file;
    auto regular = link::open_link(config);
    config.device = dir;
    auto directory = link::open_link(config);
    ::unlink(file.c_str());
    ::rmdir(dir);
    REQUIRE_FALSE(regular.ok());
    CHECK(regular.error().what() == file + ": not a serial device (" + file + " is a regular file)");
    REQUIRE_FALSE(directory.ok());
    CHECK(directory.error().what() == std::string(dir) + ": not a serial device (" + dir + " is a directory)");
}
