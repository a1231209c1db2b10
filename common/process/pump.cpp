// pump.cpp - one poll(2) loop over the child's input and output.
#include "process/process.hpp"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace smsgate::process {

namespace {

constexpr std::size_t output_kept = 65536;

void read_some(Child& child, Pumped& p)
{
    char buf[4096];
    auto got = ::read(child.output.get(), buf, sizeof buf);
    if (got > 0) {
        if (p.output.size() < output_kept)
            p.output.append(buf, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
        child.output.reset();
    }
}

void write_some(Child& child, const std::string& input, Pumped& p)
{
    auto put = ::write(child.input.get(), input.data() + p.written, input.size() - p.written);
    if (put > 0)
        p.written += static_cast<std::size_t>(put);
    else if (put < 0 && errno != EAGAIN && errno != EINTR)
        child.input.reset(); // it stopped reading: its exit status tells why
    if (p.written == input.size())
        child.input.reset();
}

} // namespace

Pumped pump(Child& child, const std::string& input, Deadline deadline)
{
    Pumped p;
    if (input.empty())
        child.input.reset();
    while (child.output.valid() || child.input.valid()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            p.overran = true;
            break;
        }
        // A closed descriptor is -1, which poll(2) skips.
        pollfd fds[2] = {{child.output.get(), POLLIN, 0}, {child.input.get(), POLLOUT, 0}};
        int n = poll(fds, 2, static_cast<int>(left.count()));
        if (n < 0 && errno != EINTR)
            break;
        if (n <= 0)
            continue;
        if (child.output.valid() && fds[0].revents)
            read_some(child, p);
        if (child.input.valid() && fds[1].revents)
            write_some(child, input, p);
    }
    child.input.reset();
    return p;
}

} // namespace smsgate::process
