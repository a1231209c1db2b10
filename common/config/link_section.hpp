// link_section.hpp - the keys of a [modem.NAME] section that say how to
// reach the modem: a serial device and its line settings, or "tcp:HOST:PORT"
// for ser2net and modem servers. The link (transport/link) opens what this
// names; the worker's configuration (config/modem_section.hpp) reads it.
#pragma once

#include <string>

namespace smsgate::config {

struct LinkConfig {
    // "/dev/ttyUSB2", "/dev/serial/by-id/usb-...", or "tcp:127.0.0.1:7000".
    std::string device;
    int baud = 115200;
    int data_bits = 8;
    char parity = 'n';        // n, e, o
    int stop_bits = 1;
    std::string flow = "none"; // none, rtscts, xonxoff
};

} // namespace smsgate::config
