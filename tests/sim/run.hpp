// run.hpp - the simulator's life: links, control socket, event loop,
// until SIGTERM, SIGINT or the control request "quit".
#pragma once

#include "options.hpp"

namespace smsgate::sim {

// Prints what it listens on to standard output, one key=value a line
// ("tcp=127.0.0.1:40123", "pty=/tmp/modem", "control=/tmp/ctl"), then
// "ready". Gives the exit status.
int run(const SimOptions& options);

} // namespace smsgate::sim
