// open_link.cpp - which kind of link a device names, and the "tcp:HOST:PORT"
// syntax.
//
// DESCRIPTION
//     A device that begins with "tcp:" is a TCP link (ser2net, a modem
//     server, the simulator); anything else is a serial device opened through
//     libserialport. HOST is a name, an IPv4 address or an IPv6 address in
//     brackets ("tcp:[::1]:7000"); PORT is a number from 1 to 65535.
#include "link_io.hpp"

#include <string_view>

namespace smsgate::link {

namespace {

constexpr std::string_view tcp_prefix = "tcp:";

bool is_port_number(std::string_view text)
{
    if (text.empty() || text.size() > 5)
        return false;
    long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return value >= 1 && value <= 65535;
}

} // namespace

std::optional<TcpAddress> parse_tcp_device(const std::string& device)
{
    std::string_view rest = device;
    if (!rest.starts_with(tcp_prefix))
        return std::nullopt;
    rest.remove_prefix(tcp_prefix.size());

    std::string_view host;
    std::string_view port;
    if (rest.starts_with('[')) {
        // [IPv6]:PORT
        auto close = rest.find(']');
        if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
            return std::nullopt;
        host = rest.substr(1, close - 1);
        port = rest.substr(close + 2);
        if (host.find(':') == std::string_view::npos)
            return std::nullopt; // brackets are for IPv6 addresses only
    } else {
        // NAME:PORT or IPv4:PORT; an IPv6 address without brackets is
        // ambiguous ("::1:7000") and refused.
        auto colon = rest.find(':');
        if (colon == std::string_view::npos || rest.find(':', colon + 1) != std::string_view::npos)
            return std::nullopt;
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    if (host.empty() || host.find_first_of(" \t[]/") != std::string_view::npos || !is_port_number(port))
        return std::nullopt;
    return TcpAddress{std::string(host), std::string(port)};
}

Result<std::unique_ptr<Link>> open_link(const LinkConfig& config)
{
    if (config.device.empty())
        return make_error("link", "no device configured");
    if (config.device.starts_with(tcp_prefix)) {
        auto address = parse_tcp_device(config.device);
        if (!address)
            return link_error(config.device, "not a valid address, expected tcp:HOST:PORT "
                                             "(an IPv6 HOST in brackets, PORT from 1 to 65535)");
        return open_tcp_link(config, *address);
    }
    return open_serial_link(config);
}

} // namespace smsgate::link
