// options.hpp - smsgate-transport's command line, as pipe(8) gives it.
#pragma once

#include "config/ini.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::transport {

struct Delivery {
    std::string queue_id;       // ${queue_id}
    std::string sender;         // ${sender}: envelope sender, empty for a bounce
    std::string recipient;      // ${recipient}: "+32477324847@sms.example.com"
    std::string sasl_username;  // ${sasl_username}: the SMTP AUTH login, if any
    std::string client_address; // ${client_address}: the SMTP client, if any
};

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
