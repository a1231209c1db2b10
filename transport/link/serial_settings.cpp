// serial_settings.cpp - what the libserialport and the termios links share:
// the check of the line settings, their description, the device lock.
#include "link_io.hpp"

#include <sys/file.h>

#include <cerrno>

namespace smsgate::link {

std::string check_serial_settings(const LinkConfig& config)
{
    if (config.baud <= 0)
        return "baud rate must be positive, not " + std::to_string(config.baud);
    if (config.data_bits < 5 || config.data_bits > 8)
        return "data bits must be 5 to 8, not " + std::to_string(config.data_bits);
    if (config.parity != 'n' && config.parity != 'e' && config.parity != 'o')
        return std::string("parity must be n, e or o, not '") + config.parity + "'";
    if (config.stop_bits != 1 && config.stop_bits != 2)
        return "stop bits must be 1 or 2, not " + std::to_string(config.stop_bits);
    if (config.flow != "none" && config.flow != "rtscts" && config.flow != "xonxoff")
        return "flow control must be none, rtscts or xonxoff, not \"" + config.flow + "\"";
    return {};
}

std::string describe_serial(const LinkConfig& config)
{
    std::string text = config.device + " " + std::to_string(config.baud) + " " +
                       std::to_string(config.data_bits) + config.parity + std::to_string(config.stop_bits);
    if (config.flow != "none")
        text += " " + config.flow;
    return text;
}

Status lock_device(int fd)
{
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        return Done{};
    if (errno == EWOULDBLOCK)
        return make_error("", "in use by another process (flock)");
    return make_error("", "flock: " + errno_reason(errno));
}

} // namespace smsgate::link
