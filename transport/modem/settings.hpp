// settings.hpp - what the modem driver needs to know of its modem: how to
// reach it, how to set it up, and when to give up on an answer. The worker
// fills it from its [modem.NAME] section.
#pragma once

#include "link/link.hpp"

#include <string>
#include <vector>

namespace smsgate::modem {

struct Settings {
    std::string name;                  // "gsm0": in every log line
    link::LinkConfig link;
    std::string pin;                   // SIM PIN, sent when the modem asks for it
    std::vector<std::string> init;     // extra AT commands after the standard initialisation
    std::string storage;               // preferred message storage ("SM", "ME", "MT"); empty: the modem's
    std::string report_storage;        // status-report storage ("SR"); empty: the same as storage
    std::string cnmi = "auto";         // "auto", "off" (poll only), or explicit "2,1,0,2,0"
    int poll_seconds = 11;             // between storage sweeps and network checks
    int command_timeout_limit = 3;     // consecutive command timeouts that reset the modem
};

} // namespace smsgate::modem
