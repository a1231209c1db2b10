// run.hpp - one delivery by smsgate-transport, from argv and the mail on
// standard input to the contract's output line and exit status.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace smsgate::transport {

// in: the mail; out: the one line pipe(8) logs and puts in bounces.
int run(const std::vector<std::string>& args, int mail_fd, std::ostream& out);

} // namespace smsgate::transport
