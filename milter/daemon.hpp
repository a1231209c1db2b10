// daemon.hpp - smsgate-milter as a process: configuration, the socket,
// privileges, the background, the signals (SIGHUP reloads the policy,
// SIGTERM stops), and libmilter's loop in a thread of its own.
#pragma once

#include "config/ini.hpp"

#include <string>

namespace smsgate::milter {

struct DaemonOptions {
    std::string config_path{config::default_path};
    std::string socket;  // overrides [milter] socket
    std::string user;    // overrides [milter] user
    std::string log;     // overrides [milter] log
    std::string pid_file; // overrides [milter] pid_file
    bool foreground = false;
};

// Runs until SIGTERM or SIGINT; the exit status (sysexits.h: 78 for a bad
// configuration, 71 when the socket cannot be opened).
int run_daemon(const DaemonOptions& options);

} // namespace smsgate::milter
