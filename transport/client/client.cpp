// client.cpp - one request to smsgated over its Unix socket.
#include "client/client.hpp"

#include "util/fd.hpp"

#include <cerrno>
#include <algorithm>
#include <cstring>
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

} // namespace

Reply request(const std::string& socket_path, const proto::Message& message, std::chrono::milliseconds timeout)
{
    auto deadline = Clock::now() + timeout;
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

    std::string out = proto::encode(message);
    std::size_t sent = 0;
    while (sent < out.size()) {
        set_send_timeout(fd.get(), deadline);
        ssize_t n = send(fd.get(), out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && timed_out(errno))
            return failed(Failure::timeout, socket_path + ": smsgated does not read the request");
        if (n <= 0)
            return failed(Failure::broken, socket_path + ": send: " + std::strerror(errno));
        sent += static_cast<std::size_t>(n);
    }

    proto::Decoder decoder;
    char buf[8192];
    auto answer_failed = [](Failure f, std::string text) {
        auto r = failed(f, std::move(text));
        r.request_sent = true;
        return r;
    };
    while (true) {
        pollfd p{fd.get(), POLLIN, 0};
        int rc = poll(&p, 1, ms_left(deadline));
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc == 0)
            return answer_failed(Failure::timeout,
                                 "no answer from smsgated within " + std::to_string(timeout.count() / 1000) + " s");
        ssize_t n = read(fd.get(), buf, sizeof buf);
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

} // namespace smsgate::client
