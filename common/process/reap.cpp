// reap.cpp - the exit status within the deadline, and run_command, which
// says what came of the three steps.
#include "process/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>
#include <sys/wait.h>

namespace smsgate::process {

namespace {

// The last line of what the program said, for the log.
std::string last_words(const std::string& output)
{
    auto end = output.find_last_not_of("\r\n");
    if (end == std::string::npos)
        return {};
    auto begin = output.rfind('\n', end);
    auto from = begin == std::string::npos ? 0 : begin + 1;
    auto line = output.substr(from, end + 1 - from);
    return line.size() > 300 ? line.substr(0, 300) : line;
}

Reaped kill_and_wait(pid_t pid)
{
    Reaped r;
    r.timed_out = true;
    kill(pid, SIGKILL);
    while (waitpid(pid, &r.status, 0) < 0 && errno == EINTR) {
    }
    return r;
}

} // namespace

Result<Reaped> reap(Child& child, Deadline deadline, bool kill_now)
{
    // It may have exited, its output still held open by a child of its
    // own: then its exit status counts, not the deadline. A program may
    // also close its output and still not exit: the deadline holds for the
    // wait too.
    Reaped r;
    while (true) {
        pid_t done = waitpid(child.pid, &r.status, WNOHANG);
        if (done == child.pid)
            return r;
        if (done < 0 && errno != EINTR)
            return make_error("reap", std::string("waitpid: ") + std::strerror(errno));
        if (kill_now || std::chrono::steady_clock::now() >= deadline)
            return kill_and_wait(child.pid);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

Status run_command(const char* what, const std::vector<std::string>& command, const std::string& input,
                   int timeout_seconds)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    auto child = spawn(command);
    if (!child)
        return make_error(what, child.error().message);
    auto pumped = pump(*child, input, deadline);
    auto reaped = reap(*child, deadline, pumped.overran);
    if (!reaped)
        return make_error(what, reaped.error().message);
    if (reaped->timed_out)
        return make_error(what, "killed after " + std::to_string(timeout_seconds) + " s");
    int status = reaped->status;
    if (WIFSIGNALED(status))
        return make_error(what, "killed by signal " + std::to_string(WTERMSIG(status)));
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code != 0)
        return make_error(what, "exit status " + std::to_string(code) +
                                    (pumped.output.empty() ? "" : ": " + last_words(pumped.output)));
    if (pumped.written != input.size())
        return make_error(what, "exited 0 before reading all of its input");
    return Done{};
}

} // namespace smsgate::process
