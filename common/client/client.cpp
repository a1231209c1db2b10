// client.cpp - one request to smsgated over its Unix socket.
#include "client/client.hpp"

#include "util/fd.hpp"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <optional>
#include <variant>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

namespace smsgate::client {

using Clock = std::chrono::steady_clock;

namespace {

Reply failed(Failure f, std::string text)
{
    Reply r;
    r.failure = f;
    r.error = std::move(text);
    return r;
}

int ms_left(Clock::time_point deadline)
{
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

// Bounds connect() and send() on the socket: on Linux a Unix-socket connect
// to a listener with a full backlog waits for SO_SNDTIMEO, as does a send
// to a peer that does not read.
void set_send_timeout(int fd, Clock::time_point deadline)
{
    int ms = std::max(ms_left(deadline), 1);
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool timed_out(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINPROGRESS; }

// A connected socket, or the failure to connect.
std::variant<Fd, Reply> connect_to(const std::string& socket_path, Clock::time_point deadline)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socket_path.size() >= sizeof addr.sun_path)
        return failed(Failure::unreachable, socket_path + ": path too long");
    std::strcpy(addr.sun_path, socket_path.c_str());
    Fd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd)
        return failed(Failure::broken, std::string("socket: ") + std::strerror(errno));
    set_send_timeout(fd.get(), deadline);
    while (connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        if (errno == EINTR && ms_left(deadline) > 0)
            continue;
        if (timed_out(errno) || errno == EINTR)
            return failed(Failure::timeout, socket_path + ": smsgated does not accept connections (backlog full)");
        if (errno == EACCES || errno == EPERM)
            return failed(Failure::forbidden, socket_path + ": " + std::strerror(errno));
        return failed(Failure::unreachable, socket_path + ": " + std::strerror(errno));
    }
    return fd;
}

// The whole request written, or the failure.
std::optional<Reply> send_request(int fd, const std::string& socket_path, const std::string& out,
                                  Clock::time_point deadline)
{
    std::size_t sent = 0;
    while (sent < out.size()) {
        set_send_timeout(fd, deadline);
        ssize_t n = send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && timed_out(errno))
            return failed(Failure::timeout, socket_path + ": smsgated does not read the request");
        if (n <= 0)
            return failed(Failure::broken, socket_path + ": send: " + std::strerror(errno));
        sent += static_cast<std::size_t>(n);
    }
    return std::nullopt;
}

// The reply to a request the worker has: a failure now says so.
Reply read_reply(int fd, Clock::time_point deadline, std::chrono::milliseconds timeout)
{
    auto answer_failed = [](Failure f, std::string text) {
        auto r = failed(f, std::move(text));
        r.request_sent = true;
        return r;
    };
    proto::Decoder decoder(proto::max_reply_bytes, proto::max_reply_attributes);
    char buf[8192];
    while (true) {
        pollfd p{fd, POLLIN, 0};
        int rc = poll(&p, 1, ms_left(deadline));
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc == 0)
            return answer_failed(Failure::timeout,
                                 "no answer from smsgated within " + std::to_string(timeout.count() / 1000) + " s");
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return answer_failed(Failure::broken, "smsgated closed the connection");
        decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
        if (auto m = decoder.next()) {
            if (!m->ok())
                return answer_failed(Failure::broken, "malformed reply: " + m->error().what());
            Reply r;
            r.message = std::move(m->value());
            return r;
        }
    }
}

} // namespace

Reply request(const std::string& socket_path, const proto::Message& message, std::chrono::milliseconds timeout)
{
    auto deadline = Clock::now() + timeout;
    auto connected = connect_to(socket_path, deadline);
    if (auto* failure = std::get_if<Reply>(&connected))
        return *failure;
    const auto& fd = std::get<Fd>(connected);
    if (auto failure = send_request(fd.get(), socket_path, proto::encode(message), deadline))
        return *failure;
    return read_reply(fd.get(), deadline, timeout);
}

} // namespace smsgate::client
