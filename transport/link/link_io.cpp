// link_io.cpp - waiting with a timeout and errno text for the links.
#include "link_io.hpp"

#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>

namespace smsgate::link {

Result<short> wait_ready(int fd, short events, std::chrono::milliseconds timeout)
{
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::max(timeout, std::chrono::milliseconds::zero());
    for (;;) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now());
        int wait_ms = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, INT_MAX));
        pollfd pfd{fd, events, 0};
        int n = ::poll(&pfd, 1, wait_ms);
        if (n > 0)
            return pfd.revents;
        if (n == 0) {
            if (clock::now() >= deadline)
                return short{0};
            continue; // a wait longer than INT_MAX ms, or woken early
        }
        if (errno != EINTR)
            return make_error("poll", errno_reason(errno));
    }
}

Status wait_writable(int fd, const std::string& device, std::chrono::steady_clock::time_point deadline)
{
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto ready = wait_ready(fd, POLLOUT, left);
    if (!ready)
        return link_error(device, ready.error().what());
    if (*ready == 0)
        return link_error(device, "write timed out after " + std::to_string(write_timeout.count()) +
                                      " ms (flow control holding?)");
    if (*ready & (POLLHUP | POLLERR | POLLNVAL) && !(*ready & POLLOUT))
        return link_error(device, "device hung up (unplugged?)");
    return Done{};
}

std::string errno_reason(int err)
{
    char buffer[256];
    // The GNU strerror_r: returns a pointer that may or may not be buffer.
    std::string text = ::strerror_r(err, buffer, sizeof buffer);
    if (!text.empty() && std::isupper(static_cast<unsigned char>(text[0])) &&
        (text.size() < 2 || !std::isupper(static_cast<unsigned char>(text[1]))))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

} // namespace smsgate::link
