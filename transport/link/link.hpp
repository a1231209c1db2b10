// link.hpp - the byte channel to one modem: a serial device through
// libserialport, or "tcp:HOST:PORT" for ser2net and modem servers. A link
// that fails reports an error; the modem driver closes it and opens a new one
// with backoff.
#pragma once

#include "config/link_section.hpp"
#include "util/result.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace smsgate::link {

// What to open: declared with the configuration that names it.
using LinkConfig = config::LinkConfig;

class Link {
public:
    virtual ~Link() = default;
    // Waits up to timeout for bytes and reads what is there (at most
    // buffer.size()). 0 bytes: the timeout passed. An error: the link is gone
    // (device unplugged, connection closed); the caller reopens.
    virtual Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) = 0;
    // Writes all bytes (or fails).
    virtual Status write(std::span<const std::uint8_t> bytes) = 0;
    // Drops bytes received but not read (before a reset).
    virtual void discard_input() = 0;
    // "tcp:127.0.0.1:7000", "/dev/ttyUSB2 115200 8n1 rtscts": for log lines.
    virtual std::string describe() const = 0;
    // The descriptor read() waits on, for a caller that waits on it together
    // with others (poll(2) only: reading stays read()'s). -1: none, the
    // caller waits in read().
    virtual int descriptor() const { return -1; }
};

// Opens the link a LinkConfig names. The error says why ("/dev/ttyUSB2: no
// such device", "tcp:127.0.0.1:7000: connection refused").
Result<std::unique_ptr<Link>> open_link(const LinkConfig& config);

// Parses "tcp:HOST:PORT" (HOST may be a name, an IPv4 address or [IPv6]).
struct TcpAddress {
    std::string host;
    std::string port;
};
std::optional<TcpAddress> parse_tcp_device(const std::string& device);

} // namespace smsgate::link
