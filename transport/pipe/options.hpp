// options.hpp - smsgate-transport's command line, as pipe(8) gives it.
#pragma once

#include "config/ini.hpp"
#include "proto/requests.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::transport {

// ${queue_id}, ${sender}, ${recipient}, ${sasl_username}, ${client_address}
using Delivery = proto::Envelope;

struct Options {
    std::string config_path{config::default_path};
    Delivery delivery;
};

// Parses argv. Nothing when the program should stop: after --help or
// --version (status 0, text on out), or after a usage error (the contract's
// output line on out, status 75: a wrong master.cf must not bounce mail).
struct Parsed {
    std::optional<Options> options;
    int status = 0;
};
Parsed parse_options(const std::vector<std::string>& args, std::ostream& out);

} // namespace smsgate::transport
