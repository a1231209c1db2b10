// command.hpp - runs a program the worker needs (sendmail, postqueue):
// argv only, no shell, its input on a pipe, its output kept for the log,
// killed when it overruns its time.
#pragma once

#include "util/result.hpp"

#include <string>
#include <vector>

namespace smsgate::worker {

// Runs command (an absolute path and its arguments) with input on its
// standard input. Only exit status 0 after reading all of the input is
// success. The error, in field what, says what went wrong: "exit status 75:
// <its last line of output>", "killed by signal 9", "killed after 120 s",
// "cannot run /usr/sbin/sendmail: No such file or directory". The process
// ignores SIGPIPE (smsgated does): a program that exits before reading all
// of its input makes the write fail, not the process die.
Status run_command(const char* what, const std::vector<std::string>& command, const std::string& input,
                   int timeout_seconds);

} // namespace smsgate::worker
