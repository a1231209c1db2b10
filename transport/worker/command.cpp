// command.cpp - fork and execve, a pipe each way, poll until the program exits
// or the deadline passes.
#include "worker/command.hpp"

#include "util/fd.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace smsgate::worker {

namespace {

// The last line of what the program said, for the log.
std::string last_words(const std::string& output)
{
    auto end = output.find_last_not_of("\r\n");
    if (end == std::string::npos)
        return {};
    auto begin = output.rfind('\n', end);
    auto line = output.substr(begin == std::string::npos ? 0 : begin + 1, end + 1 - (begin == std::string::npos ? 0 : begin + 1));
    return line.size() > 300 ? line.substr(0, 300) : line;
}

Status spawn_error(const char* what, const std::string& doing, int code)
{
    return make_error(what, doing + ": " + std::strerror(code));
}

} // namespace

Status run_command(const char* what, const std::vector<std::string>& command, const std::string& input,
                   int timeout_seconds)
{
    if (command.empty())
        return make_error(what, "no command");
    std::vector<std::string> args = command;
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return spawn_error(what, "pipe", errno);
    Fd in_read(in[0]), in_write(in[1]);
    if (pipe2(out, O_CLOEXEC) != 0)
        return spawn_error(what, "pipe", errno);
    Fd out_read(out[0]), out_write(out[1]);

    // The worker blocks SIGTERM and friends for its signal thread, and
    // ignores SIGPIPE; the program gets the defaults back. What it has open
    // is closed above 2 (a serial port and its lock, a database, a socket),
    // even what another thread opened an instant ago, before it could be
    // marked close-on-exec. And the program dies with the worker: a sendmail
    // that went on after the worker was killed would hand over a mail the
    // restarted worker cannot know was taken, and it would hand it over again.
    // Killed halfway, sendmail (postdrop) leaves nothing in the queue.
    int failed[2];
    if (pipe2(failed, O_CLOEXEC) != 0)
        return spawn_error(what, "pipe", errno);
    Fd failed_read(failed[0]), failed_write(failed[1]);
    sigset_t none;
    sigemptyset(&none);
    const pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        return spawn_error(what, "cannot run " + args.front(), errno);
    if (pid == 0) {
        // Only async-signal-safe calls from here: the worker has threads.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        int code = 0;
        if (getppid() != parent)
            _exit(127);
        if (dup2(in_read.get(), 0) < 0 || dup2(out_write.get(), 1) < 0 || dup2(out_write.get(), 2) < 0)
            code = errno;
        if (code == 0) {
            // The error pipe is close-on-exec: it stays open until execve.
            const unsigned keep = static_cast<unsigned>(failed_write.get());
            if (keep > 3)
                close_range(3, keep - 1, 0);
            close_range(keep + 1, ~0U, 0);
            signal(SIGPIPE, SIG_DFL);
            sigprocmask(SIG_SETMASK, &none, nullptr);
            execve(argv[0], argv.data(), environ);
            code = errno;
        }
        auto ignored = ::write(failed_write.get(), &code, sizeof code);
        (void)ignored;
        _exit(127);
    }
    failed_write.reset();
    int exec_errno = 0;
    ssize_t got_errno;
    do
        got_errno = ::read(failed_read.get(), &exec_errno, sizeof exec_errno);
    while (got_errno < 0 && errno == EINTR);
    if (got_errno == sizeof exec_errno) {
        waitpid(pid, nullptr, 0);
        return spawn_error(what, "cannot run " + args.front(), exec_errno);
    }
    in_read.reset();
    out_write.reset();
    fcntl(in_write.get(), F_SETFL, O_NONBLOCK);

    std::size_t written = 0;
    std::string output;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    bool timed_out = false;
    bool reaped = false;
    int status = 0;
    while (out_read.valid() || in_write.valid()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            // It may have exited, its output still held open by a child of
            // its own: then its exit status counts, not the deadline.
            if (waitpid(pid, &status, WNOHANG) == pid) {
                reaped = true;
                break;
            }
            timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        // A closed descriptor is -1, which poll(2) skips.
        pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {in_write.get(), POLLOUT, 0}};
        int n = poll(fds, 2, static_cast<int>(left.count()));
        if (n < 0 && errno != EINTR)
            break;
        if (n <= 0)
            continue;
        if (out_read.valid() && fds[0].revents) {
            char buf[4096];
            auto got = ::read(out_read.get(), buf, sizeof buf);
            if (got > 0) {
                if (output.size() < 65536)
                    output.append(buf, static_cast<std::size_t>(got));
            } else if (got == 0 || errno != EINTR) {
                out_read.reset();
            }
        }
        if (in_write.valid() && fds[1].revents) {
            auto put = ::write(in_write.get(), input.data() + written, input.size() - written);
            if (put > 0)
                written += static_cast<std::size_t>(put);
            else if (put < 0 && errno != EAGAIN && errno != EINTR)
                in_write.reset(); // it stopped reading: its exit status tells why
            if (written == input.size())
                in_write.reset();
        }
    }
    in_write.reset();
    // A program may close its output and still not exit: the deadline
    // holds for the wait too.
    while (!timed_out && !reaped) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR)
            return spawn_error(what, "waitpid", errno);
        if (std::chrono::steady_clock::now() >= deadline) {
            timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (timed_out) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return make_error(what, "killed after " + std::to_string(timeout_seconds) + " s");
    }
    if (WIFSIGNALED(status))
        return make_error(what, "killed by signal " + std::to_string(WTERMSIG(status)));
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code != 0)
        return make_error(what, "exit status " + std::to_string(code) +
                                          (output.empty() ? "" : ": " + last_words(output)));
    if (written != input.size())
        return make_error(what, "exited 0 before reading all of its input");
    return Done{};
}

} // namespace smsgate::worker
