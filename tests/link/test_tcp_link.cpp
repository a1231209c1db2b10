// test_tcp_link.cpp - the tcp:HOST:PORT link against local sockets, and the
// device syntax.
#include "link/link.hpp"
#include "link_checks.hpp"
#include "util/fd.hpp"

#include <doctest/doctest.h>

#include <iostream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

using namespace smsgate;
using namespace std::chrono_literals;

namespace {

// A listening socket on the loopback, port chosen by the kernel.
class Listener {
public:
    explicit Listener(int family = AF_INET)
    {
        fd_.reset(::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
        REQUIRE(fd_.valid());
        sockaddr_storage address{};
        socklen_t length;
        if (family == AF_INET) {
            auto* in = reinterpret_cast<sockaddr_in*>(&address);
            in->sin_family = AF_INET;
            in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            length = sizeof *in;
        } else {
            auto* in6 = reinterpret_cast<sockaddr_in6*>(&address);
            in6->sin6_family = AF_INET6;
            in6->sin6_addr = in6addr_loopback;
            length = sizeof *in6;
        }
        bound_ = ::bind(fd_.get(), reinterpret_cast<sockaddr*>(&address), length) == 0 &&
                 ::listen(fd_.get(), 4) == 0;
        if (!bound_)
            return;
        REQUIRE(::getsockname(fd_.get(), reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in*>(&address)->sin_port
                                        : reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
    }

    bool bound() const { return bound_; }
    int port() const { return port_; }
    void close() { fd_.reset(); }

    Fd accept()
    {
        pollfd pfd{fd_.get(), POLLIN, 0};
        REQUIRE(::poll(&pfd, 1, 2000) == 1);
        Fd peer(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
        REQUIRE(peer.valid());
        return peer;
    }

private:
    Fd fd_;
    bool bound_ = false;
    int port_ = 0;
};

std::unique_ptr<link::Link> open_tcp(const std::string& device)
{
    link::LinkConfig config;
    config.device = device;
    auto opened = link::open_link(config);
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().what()));
    return std::move(opened).value();
}

void send_text(const Fd& peer, const std::string& text)
{
    REQUIRE(::send(peer.get(), text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
}

std::string receive_text(const Fd& peer, std::size_t want)
{
    std::string got;
    while (got.size() < want) {
        pollfd pfd{peer.get(), POLLIN, 0};
        REQUIRE(::poll(&pfd, 1, 2000) == 1);
        char buffer[256];
        ssize_t n = ::recv(peer.get(), buffer, sizeof buffer, 0);
        REQUIRE(n > 0);
        got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
}

std::string read_text(link::Link& link, std::size_t want)
{
    std::string got;
    for (int tries = 0; got.size() < want && tries < 20; ++tries) {
        std::uint8_t buffer[64];
        auto n = link.read(buffer, 100ms);
        REQUIRE_MESSAGE(n.ok(), (n.ok() ? "" : n.error().what()));
        got.append(reinterpret_cast<const char*>(buffer), *n);
    }
    return got;
}

Status write_text(link::Link& link, const std::string& text)
{
    return link.write({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

void exchange(link::Link& link, const Fd& peer)
{
    REQUIRE(write_text(link, "AT+CSQ\r").ok());
    CHECK(receive_text(peer, 7) == "AT+CSQ\r");
    send_text(peer, "\r\n+CSQ: 17,99\r\n\r\nOK\r\n");
    CHECK(read_text(link, 21) == "\r\n+CSQ: 17,99\r\n\r\nOK\r\n");
}

} // namespace

TEST_CASE("tcp link: bytes both ways to 127.0.0.1")
{
    Listener listener;
    REQUIRE(listener.bound());
    std::string device = "tcp:127.0.0.1:" + std::to_string(listener.port());
    auto link = open_tcp(device);
    Fd peer = listener.accept();
    CHECK(link->describe() == device);
    exchange(*link, peer);
}

TEST_CASE("tcp link: bytes both ways to [::1]")
{
    Listener listener(AF_INET6);
    if (!listener.bound()) {
        // CTest reports the test as skipped on this line, not as passed.
        std::cout << "SKIPPED: no IPv6 loopback here" << std::endl;
        return;
    }
    auto link = open_tcp("tcp:[::1]:" + std::to_string(listener.port()));
    Fd peer = listener.accept();
    exchange(*link, peer);
}

TEST_CASE("tcp link: a read with nothing to read returns 0 after its timeout")
{
    Listener listener;
    REQUIRE(listener.bound());
    auto link = open_tcp("tcp:127.0.0.1:" + std::to_string(listener.port()));
    Fd peer = listener.accept();
    link_test::check_read_times_out(*link);
}

TEST_CASE("tcp link: the peer closing is an error, after the bytes it sent")
{
    Listener listener;
    REQUIRE(listener.bound());
    std::string device = "tcp:127.0.0.1:" + std::to_string(listener.port());
    auto link = open_tcp(device);
    {
        Fd peer = listener.accept();
        send_text(peer, "\r\nOK\r\n");
    } // closed
    CHECK(read_text(*link, 6) == "\r\nOK\r\n");

    std::uint8_t buffer[16];
    auto start = std::chrono::steady_clock::now();
    auto n = link->read(buffer, 5s);
    REQUIRE_FALSE(n.ok());
    CHECK(n.error().what() == device + ": connection closed by the peer");
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    CHECK_FALSE(link->read(buffer, 5s).ok()); // and stays an error
}

TEST_CASE("tcp link: discard_input drops what was received")
{
    Listener listener;
    REQUIRE(listener.bound());
    auto link = open_tcp("tcp:127.0.0.1:" + std::to_string(listener.port()));
    Fd peer = listener.accept();
    send_text(peer, "RING\r\n");
    ::usleep(100'000);
    link->discard_input();
    std::uint8_t buffer[16];
    auto n = link->read(buffer, 100ms);
    REQUIRE(n.ok());
    CHECK(*n == 0);
}

TEST_CASE("tcp link: connection refused is an error with the reason")
{
    Listener listener;
    REQUIRE(listener.bound());
    std::string device = "tcp:127.0.0.1:" + std::to_string(listener.port());
    listener.close(); // nobody listens there now
    link::LinkConfig config;
    config.device = device;
    auto opened = link::open_link(config);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().what() == device + ": connection refused");
}

TEST_CASE("tcp link: a device that is no tcp:HOST:PORT is refused by open_link")
{
    link::LinkConfig config;
    config.device = "tcp:127.0.0.1";
    auto opened = link::open_link(config);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().what().starts_with("tcp:127.0.0.1: not a valid address"));

    config.device = "";
    CHECK_FALSE(link::open_link(config).ok());
}

TEST_CASE("tcp link: parse_tcp_device")
{
    struct Case {
        const char* device;
        const char* host; // nullptr: refused
        const char* port;
    };
    const Case cases[] = {
        {"tcp:127.0.0.1:7000", "127.0.0.1", "7000"},
        {"tcp:modem-server.example.com:2001", "modem-server.example.com", "2001"},
        {"tcp:localhost:1", "localhost", "1"},
        {"tcp:[::1]:7000", "::1", "7000"},
        {"tcp:[fe80::1%eth0]:65535", "fe80::1%eth0", "65535"},
        // near misses
        {"tcp:::1:7000", nullptr, nullptr},          // IPv6 without brackets
        {"tcp:[::1]7000", nullptr, nullptr},         // no colon after ]
        {"tcp:[::1]:", nullptr, nullptr},            // no port
        {"tcp:[::1", nullptr, nullptr},              // no ]
        {"tcp:[]:7000", nullptr, nullptr},           // empty host
        {"tcp:[127.0.0.1]:7000", nullptr, nullptr},  // brackets around IPv4
        {"tcp::7000", nullptr, nullptr},             // empty host
        {"tcp:host", nullptr, nullptr},              // no port
        {"tcp:host:", nullptr, nullptr},             // empty port
        {"tcp:host:0", nullptr, nullptr},            // port 0
        {"tcp:host:65536", nullptr, nullptr},        // port too large
        {"tcp:host:123456", nullptr, nullptr},       // port too long
        {"tcp:host:70a", nullptr, nullptr},          // port not a number
        {"tcp:host:-1", nullptr, nullptr},           // negative
        {"tcp:host:telnet", nullptr, nullptr},       // service names are not taken
        {"tcp:ho st:7000", nullptr, nullptr},        // space in host
        {"tcp:", nullptr, nullptr},
        {"TCP:host:7000", nullptr, nullptr},         // the prefix is lower case
        {"/dev/ttyUSB2", nullptr, nullptr},          // a serial device
        {"", nullptr, nullptr},
    };
    for (const Case& c : cases) {
        CAPTURE(c.device);
        auto parsed = link::parse_tcp_device(c.device);
        if (!c.host) {
            CHECK_FALSE(parsed.has_value());
            continue;
        }
        REQUIRE(parsed.has_value());
        CHECK(parsed->host == c.host);
        CHECK(parsed->port == c.port);
    }
}
