// link_io.hpp - what the TCP, serial and termios links share: waiting for a
// descriptor with a timeout, the serial line settings, and errors that name
// the device and the reason.
// Internal to transport/link.
#pragma once

#include "link.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace smsgate::link {

// How long write() waits for the device or the peer to take the bytes. An AT
// command or a PDU is a few hundred bytes, which a modem takes in well under
// a second even at 9600 baud; ten seconds means the other side is stuck
// (hardware flow control holding, a ser2net whose modem is gone), and the
// driver should reopen.
inline constexpr std::chrono::milliseconds write_timeout{10'000};

// How long open_link() waits for a TCP connection. A ser2net on the local
// network answers in milliseconds; a host that is down makes connect(2) wait
// for minutes, which would stall the driver's reopen backoff.
inline constexpr std::chrono::milliseconds connect_timeout{10'000};

// Waits until fd is ready for events (POLLIN, POLLOUT) or timeout passes.
// Returns poll(2)'s revents, 0 when the timeout passed. A signal does not cut
// the wait short: the remaining time is waited again.
Result<short> wait_ready(int fd, short events, std::chrono::milliseconds timeout);

// Waits until the device behind fd takes bytes, up to the deadline. An
// error names the device: the time passed (flow control holding), or it hung
// up. For the serial links; TCP says it its own way.
Status wait_writable(int fd, const std::string& device, std::chrono::steady_clock::time_point deadline);

// strerror(3) text for err, starting with a small letter so that it reads as
// the end of a sentence: "connection refused".
std::string errno_reason(int err);

// "DEVICE: REASON".
inline Error link_error(const std::string& device, std::string reason)
{
    return make_error(device, std::move(reason));
}

// What the serial and the termios links share (serial_settings.cpp): the
// check of the line settings before the device is touched (the reason, or
// ""), the text describe() gives ("/dev/ttyUSB2 115200 8n1 rtscts"), and the
// flock(2) that keeps a second smsgated off the same modem.
std::string check_serial_settings(const LinkConfig& config);
std::string describe_serial(const LinkConfig& config);
Status lock_device(int fd);

Result<std::unique_ptr<Link>> open_tcp_link(const LinkConfig& config, const TcpAddress& address);
Result<std::unique_ptr<Link>> open_serial_link(const LinkConfig& config);
// A character device libserialport does not know (a pty, a device with no
// /sys/class/tty entry), opened at path with plain termios.
Result<std::unique_ptr<Link>> open_termios_link(const LinkConfig& config, const std::string& path);

} // namespace smsgate::link
