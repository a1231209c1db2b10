// tcp_link.cpp - a link over TCP: ser2net, modem servers, the simulator.
//
// DESCRIPTION
//     The connection is made without blocking longer than connect_timeout,
//     trying each address the host name resolves to. Nagle's algorithm is
//     off (an AT command is a small write that must go out at once) and TCP
//     keepalive is on, so that a peer that vanished without a FIN (power cut,
//     cable pulled) is noticed even while the driver only reads.
//
//     The socket stays non-blocking; reads and writes wait with poll(2).
//     A read returns what has arrived, 0 when the timeout passed, and an
//     error once the peer has closed the connection or reset it.
//
// DIAGNOSTICS
//     Errors name the device: "tcp:127.0.0.1:7000: connection refused".
//     Name resolution is getaddrinfo(3), which blocks; use addresses (or
//     names in /etc/hosts) where a slow DNS would delay a reopen.
#include "link_io.hpp"
#include "util/fd.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace smsgate::link {

namespace {

// Keepalive: first probe after 30 s of silence, then every 10 s, and the
// connection is declared dead after 3 unanswered probes: a peer that vanished
// is noticed within about a minute, well inside the driver's own
// modem-silence timeouts, while costing nothing on a healthy link (the
// driver polls the modem every few seconds anyway).
constexpr int keepalive_idle_s = 30;
constexpr int keepalive_interval_s = 10;
constexpr int keepalive_probes = 3;

void set_int_option(int fd, int level, int name, int value)
{
    // Failures only cost a tuning, never the link: ignored on purpose.
    (void)::setsockopt(fd, level, name, &value, sizeof value);
}

void tune_socket(int fd)
{
    set_int_option(fd, IPPROTO_TCP, TCP_NODELAY, 1);
    set_int_option(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
    set_int_option(fd, IPPROTO_TCP, TCP_KEEPIDLE, keepalive_idle_s);
    set_int_option(fd, IPPROTO_TCP, TCP_KEEPINTVL, keepalive_interval_s);
    set_int_option(fd, IPPROTO_TCP, TCP_KEEPCNT, keepalive_probes);
}

// Connects to one address before deadline. Returns the socket, or the reason.
Result<Fd> connect_one(const addrinfo& ai, std::chrono::steady_clock::time_point deadline)
{
    Fd fd(::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol));
    if (!fd)
        return make_error("", errno_reason(errno));
    if (::connect(fd.get(), ai.ai_addr, ai.ai_addrlen) == 0)
        return fd;
    // EINTR: the connection goes on in the background, as with EINPROGRESS.
    if (errno != EINPROGRESS && errno != EINTR)
        return make_error("", errno_reason(errno));

    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto ready = wait_ready(fd.get(), POLLOUT, left);
    if (!ready)
        return ready.error();
    if (*ready == 0)
        return make_error("", "connection timed out after " + std::to_string(connect_timeout.count()) + " ms");
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    if (err != 0)
        return make_error("", errno_reason(err));
    return fd;
}

class TcpLink final : public Link {
public:
    TcpLink(std::string device, Fd fd) : device_(std::move(device)), fd_(std::move(fd)) {}

    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override
    {
        if (buffer.empty())
            return std::size_t{0};
        auto ready = wait_ready(fd_.get(), POLLIN, timeout);
        if (!ready)
            return link_error(device_, ready.error().what());
        if (*ready == 0)
            return std::size_t{0};
        for (;;) {
            ssize_t n = ::recv(fd_.get(), buffer.data(), buffer.size(), 0);
            if (n > 0)
                return static_cast<std::size_t>(n);
            if (n == 0)
                return link_error(device_, "connection closed by the peer");
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return std::size_t{0}; // woken without data; the next call waits again
            return link_error(device_, errno_reason(errno));
        }
    }

    Status write(std::span<const std::uint8_t> bytes) override
    {
        const auto deadline = std::chrono::steady_clock::now() + write_timeout;
        while (!bytes.empty()) {
            ssize_t n = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n > 0) {
                bytes = bytes.subspan(static_cast<std::size_t>(n));
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                return link_error(device_, errno_reason(errno));
            auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            auto ready = wait_ready(fd_.get(), POLLOUT, left);
            if (!ready)
                return link_error(device_, ready.error().what());
            if (*ready == 0)
                return link_error(device_, "write timed out after " + std::to_string(write_timeout.count()) +
                                               " ms (the peer takes no data)");
        }
        return Done{};
    }

    void discard_input() override
    {
        std::uint8_t scratch[512];
        for (;;) {
            ssize_t n = ::recv(fd_.get(), scratch, sizeof scratch, MSG_DONTWAIT);
            if (n > 0)
                continue;
            if (n < 0 && errno == EINTR)
                continue;
            return; // drained, closed or failed: the next read() tells
        }
    }

    std::string describe() const override { return device_; }

    int descriptor() const override { return fd_.get(); }

private:
    std::string device_;
    Fd fd_;
};

} // namespace

Result<std::unique_ptr<Link>> open_tcp_link(const LinkConfig& config, const TcpAddress& address)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    int rc = ::getaddrinfo(address.host.c_str(), address.port.c_str(), &hints, &found);
    if (rc != 0) {
        std::string reason = rc == EAI_SYSTEM ? errno_reason(errno) : ::gai_strerror(rc);
        return link_error(config.device, "cannot resolve " + address.host + ": " + reason);
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);

    const auto deadline = std::chrono::steady_clock::now() + connect_timeout;
    std::string reason = "no address to connect to";
    for (const addrinfo* ai = list.get(); ai; ai = ai->ai_next) {
        auto fd = connect_one(*ai, deadline);
        if (fd) {
            tune_socket(fd->get());
            return std::unique_ptr<Link>(std::make_unique<TcpLink>(config.device, std::move(fd).value()));
        }
        reason = fd.error().message;
        if (std::chrono::steady_clock::now() >= deadline)
            break;
    }
    return link_error(config.device, reason);
}

} // namespace smsgate::link
