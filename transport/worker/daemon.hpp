// daemon.hpp - smsgated as a whole: configuration in, threads started,
// signals handled, everything stopped cleanly. main() only parses options.
#pragma once

#include "config/ini.hpp"

#include <string>

namespace smsgate::worker {

struct DaemonOptions {
    std::string config_path{config::default_path};
    std::string log; // overrides the config's log destination
    std::string pid_file; // overrides [worker] pid_file
};

// Runs until SIGTERM or SIGINT. Returns the process exit status.
int run_daemon(const DaemonOptions& options);

} // namespace smsgate::worker
