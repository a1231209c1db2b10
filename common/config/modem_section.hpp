// modem_section.hpp - the [modem.NAME] sections of smsgate.conf(5): one
// modem of smsgated each, its keys checked against their own table.
#pragma once

#include "config/link_section.hpp"
#include "config/send_limits.hpp"
#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace smsgate::config {

struct ModemConfig {
    std::string name;
    LinkConfig link;
    std::string pin;                   // SIM PIN, sent when the modem asks for it
    std::vector<std::string> prefixes; // destinations this modem prefers ("+32", "+3247")
    std::vector<std::string> init;     // extra AT commands after the standard initialisation
    std::string storage;               // preferred message storage ("SM", "ME", "MT"); empty: the modem's
    std::string report_storage;        // status-report storage ("SR"); empty: the same as storage
    std::string cnmi = "auto";         // "auto", "off" (poll only), or explicit "2,1,0,2,0"
    std::string smsc;                  // SMSC for this modem's PDUs; empty: the worker's
    SendLimits limits;                 // how much its SIM may send, and when not
};

// The option table of one section, for --help and the test that every key
// is documented.
boost::program_options::options_description modem_options(ModemConfig& modem);

// The modems of the file's "modem.NAME.key" keys (as parse_ini hands them
// back), each checked; the error names the file, the section and the key.
Result<std::vector<ModemConfig>> read_modems(const std::vector<boost::program_options::option>& keys,
                                             const std::string& file);

} // namespace smsgate::config
