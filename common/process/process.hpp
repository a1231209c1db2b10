// process.hpp - runs a program the gateway needs (sendmail, postqueue): argv
// only, no shell, its input on a pipe, its output kept for the log, killed
// when it overruns its time, and killed with the process that started it.
// Three steps, each on its own: spawn (fork and execve), pump (feed the
// input, collect the output, until both pipes close or the deadline), reap
// (wait for the exit status within the same deadline); run_command does the
// three and says what came of it.
#pragma once

#include "util/fd.hpp"
#include "util/result.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>
#include <sys/types.h>

namespace smsgate::process {

using Deadline = std::chrono::steady_clock::time_point;

struct Child {
    pid_t pid = -1;
    Fd input;  // its standard input, non-blocking
    Fd output; // its standard output and error
};

// Forks and executes command (an absolute path and its arguments). The
// child gets the default signal dispositions and an empty signal mask, no
// descriptor above 2, and SIGKILL when its parent dies. An error when the
// program cannot be executed (errno in the text).
Result<Child> spawn(const std::vector<std::string>& command);

struct Pumped {
    std::size_t written = 0; // bytes of the input the program read
    std::string output;      // the first 64 KiB of what it wrote
    bool overran = false;    // the deadline passed with a pipe still open
};

// Writes input to the child and reads its output until both are done (the
// program closed its output and read all of its input, or stopped reading)
// or the deadline passes. Closes the child's input.
Pumped pump(Child& child, const std::string& input, Deadline deadline);

struct Reaped {
    int status = 0;        // as waitpid(2) gives it
    bool timed_out = false; // killed at the deadline
};

// Waits for the child to exit until the deadline, then kills it (SIGKILL)
// and waits for that. kill_now: the pump overran; kill unless it exited.
Result<Reaped> reap(Child& child, Deadline deadline, bool kill_now);

// The three steps. Only exit status 0 after reading all of the input is
// success. The error, in field what, says what went wrong: "exit status 75:
// <its last line of output>", "killed by signal 9", "killed after 120 s",
// "cannot run /usr/sbin/sendmail: No such file or directory". The caller
// ignores SIGPIPE (smsgated does): a program that exits before reading all
// of its input makes the write fail, not the process die.
Status run_command(const char* what, const std::vector<std::string>& command, const std::string& input,
                   int timeout_seconds);

} // namespace smsgate::process
