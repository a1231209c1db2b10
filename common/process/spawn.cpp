// spawn.cpp - fork and execve, with an error pipe that tells the parent
// whether execve failed.
#include "process/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace smsgate::process {

namespace {

Error spawn_error(const std::string& doing, int code)
{
    return make_error("spawn", doing + ": " + std::strerror(code));
}

// In the child, between fork and execve: only async-signal-safe calls (the
// parent has threads). Returns the errno of what failed.
[[noreturn]] void become(char* const argv[], int in, int out, int failed, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int code = 0;
    if (getppid() != parent)
        _exit(127);
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
        code = errno;
    if (code == 0) {
        // The error pipe is close-on-exec: it stays open until execve.
        const unsigned keep = static_cast<unsigned>(failed);
        if (keep > 3)
            close_range(3, keep - 1, 0);
        close_range(keep + 1, ~0U, 0);
        sigset_t none;
        sigemptyset(&none);
        signal(SIGPIPE, SIG_DFL);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        execve(argv[0], argv, environ);
        code = errno;
    }
    auto ignored = ::write(failed, &code, sizeof code);
    (void)ignored;
    _exit(127);
}

} // namespace

Result<Child> spawn(const std::vector<std::string>& command)
{
    if (command.empty())
        return make_error("spawn", "no command");
    std::vector<std::string> args = command;
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    // The worker blocks SIGTERM and friends for its signal thread, and
    // ignores SIGPIPE; the program gets the defaults back. What it has open
    // is closed above 2 (a serial port and its lock, a database, a socket),
    // even what another thread opened an instant ago, before it could be
    // marked close-on-exec. And the program dies with the worker: a sendmail
    // that went on after the worker was killed would hand over a mail the
    // restarted worker cannot know was taken, and it would hand it over
    // again. Killed halfway, sendmail (postdrop) leaves nothing in the queue.
    int in[2], out[2], failed[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return spawn_error("pipe", errno);
    Fd in_read(in[0]), in_write(in[1]);
    if (pipe2(out, O_CLOEXEC) != 0)
        return spawn_error("pipe", errno);
    Fd out_read(out[0]), out_write(out[1]);
    if (pipe2(failed, O_CLOEXEC) != 0)
        return spawn_error("pipe", errno);
    Fd failed_read(failed[0]), failed_write(failed[1]);

    const pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        return spawn_error("cannot run " + args.front(), errno);
    if (pid == 0)
        become(argv.data(), in_read.get(), out_write.get(), failed_write.get(), parent);

    failed_write.reset();
    int exec_errno = 0;
    ssize_t got;
    do
        got = ::read(failed_read.get(), &exec_errno, sizeof exec_errno);
    while (got < 0 && errno == EINTR);
    if (got == sizeof exec_errno) {
        while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        return spawn_error("cannot run " + args.front(), exec_errno);
    }
    fcntl(in_write.get(), F_SETFL, O_NONBLOCK);
    return Child{pid, std::move(in_write), std::move(out_read)};
}

} // namespace smsgate::process
