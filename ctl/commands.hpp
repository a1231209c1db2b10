// commands.hpp - smsgatectl's subcommands. Each takes its own arguments and
// streams, so that tests run them in-process; exit codes are listed in
// smsgatectl(8).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace smsgate::ctl {

// Exit codes of smsgatectl.
inline constexpr int exit_ok = 0;
inline constexpr int exit_bad_input = 1; // some input could not be decoded or encoded
inline constexpr int exit_usage = 2;
// smsgatectl send, as the pipe(8) transport: sysexits.h EX_UNAVAILABLE, EX_TEMPFAIL.
inline constexpr int exit_permanent = 69;
inline constexpr int exit_temporary = 75;

struct Streams {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

using Args = std::vector<std::string>;

int run(const Args& args, Streams io);
int run_pdu_decode(const Args& args, Streams io);
int run_pdu_encode(const Args& args, Streams io);
int run_status(const Args& args, Streams io);
int run_send(const Args& args, Streams io);
int run_history(const Args& args, Streams io);
int run_text(const Args& args, Streams io);
int run_check(const Args& args, Streams io);

} // namespace smsgate::ctl
