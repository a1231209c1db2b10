// options.hpp - one way for every smsgatectl command to parse its options:
// --help prints the table, a bad option names itself and exits with usage.
#pragma once

#include "commands.hpp"

#include <boost/program_options.hpp>

#include <optional>
#include <string_view>

namespace smsgate::ctl {

// Parses args into vm. Returns an exit code when the command should stop
// (after --help, or a usage error already reported), else nothing.
std::optional<int> parse_options(const Args& args, std::string_view synopsis,
                                 const boost::program_options::options_description& options,
                                 const boost::program_options::positional_options_description& positional,
                                 boost::program_options::variables_map& vm, Streams io);

} // namespace smsgate::ctl
