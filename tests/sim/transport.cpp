// transport.cpp - buffered non-blocking I/O on a link's descriptor, and the
// TCP link (one client at a time; a new client replaces the old one, as a
// modem server does when a worker reconnects).
#include "transport.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace smsgate::sim {

namespace {

// Output a client does not read is kept up to this much, then dropped: a
// modem's UART does not buffer without end either.
constexpr std::size_t max_pending_output = 1 << 20;
constexpr std::size_t read_chunk = 4096;

[[noreturn]] void fail(const std::string& what)
{
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

} // namespace

void Stream::attach(int fd)
{
    detach();
    fd_ = fd;
    loop_.watch(fd_, POLLIN, [this](short revents) { handle(revents); });
}

void Stream::detach()
{
    if (fd_ >= 0)
        loop_.unwatch(fd_);
    fd_ = -1;
    out_.clear();
}

void Stream::send(std::string_view bytes)
{
    if (fd_ < 0)
        return; // nobody listens: lost, as on a serial line
    if (out_.size() + bytes.size() > max_pending_output)
        return;
    out_.append(bytes);
    flush();
}

void Stream::flush()
{
    while (fd_ >= 0 && !out_.empty()) {
        ssize_t n = ::write(fd_, out_.data(), out_.size());
        if (n > 0) {
            out_.erase(0, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            hang_up();
            return;
        }
    }
    if (fd_ >= 0)
        loop_.set_events(fd_, out_.empty() ? POLLIN : POLLIN | POLLOUT);
}

void Stream::handle(short revents)
{
    if (revents & POLLOUT)
        flush();
    if (fd_ >= 0 && (revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[read_chunk];
        ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n > 0) {
            if (on_data)
                on_data(std::string_view(buf, static_cast<std::size_t>(n)));
        } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            hang_up(); // EOF, or EIO on a pty master whose slave was closed
        }
    }
}

void Stream::hang_up()
{
    detach();
    if (on_hangup)
        on_hangup();
}

TcpLink::TcpLink(EventLoop& loop, const std::string& host_port) : loop_(loop), stream_(loop)
{
    auto colon = host_port.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error("--tcp wants HOST:PORT, not '" + host_port + "'");
    std::string host = host_port.substr(0, colon);
    std::string port = host_port.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found); rc != 0)
        throw std::runtime_error("--tcp " + host_port + ": " + ::gai_strerror(rc));
    listener_.reset(::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    int on = 1;
    bool ok = listener_ && ::setsockopt(listener_.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0 &&
              ::bind(listener_.get(), found->ai_addr, found->ai_addrlen) == 0 && ::listen(listener_.get(), 4) == 0;
    ::freeaddrinfo(found);
    if (!ok)
        fail("--tcp " + host_port);

    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    char numeric_host[NI_MAXHOST];
    char numeric_port[NI_MAXSERV];
    if (::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&bound), &length) != 0 ||
        ::getnameinfo(reinterpret_cast<sockaddr*>(&bound), length, numeric_host, sizeof numeric_host,
                      numeric_port, sizeof numeric_port, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        fail("--tcp " + host_port);
    address_ = std::string(numeric_host) + ":" + numeric_port;
    if (bound.ss_family == AF_INET6)
        address_ = "[" + std::string(numeric_host) + "]:" + numeric_port;

    stream_.on_data = [this](std::string_view bytes) {
        if (on_data)
            on_data(bytes);
    };
    stream_.on_hangup = [this] { client_.reset(); };
    loop_.watch(listener_.get(), POLLIN, [this](short) { accept_client(); });
}

void TcpLink::accept_client()
{
    Fd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd)
        return; // the client went away before we took it, or EMFILE: try at the next one
    int on = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    stream_.detach();
    client_ = std::move(fd);
    ++connection_;
    stream_.attach(client_.get());
}

void TcpLink::drop(Millis)
{
    stream_.detach();
    client_.reset();
    ++connection_;
}

} // namespace smsgate::sim
