// termios_link.cpp - a link to a character device libserialport refuses: a
// pty (the simulator's, or one socat makes), or any device with no
// /sys/class/tty entry.
//
// DESCRIPTION
//     The device is opened read-write, non-blocking, without becoming the
//     controlling terminal, and locked with flock(2) as a serial port is. The
//     line is put in raw mode (no echo, no line editing, no CR/LF
//     translation) with the configured baud rate, data bits, parity, stop
//     bits and flow control. DTR is raised, and RTS unless it does flow
//     control; a pty has no modem-control lines and refuses that (ENOTTY,
//     EINVAL), which is no error.
//
//     Reads and writes behave as the libserialport link's: poll(2) with a
//     timeout, a hangup (POLLHUP, EIO, a readable descriptor with no bytes)
//     is an error, a write that the device does not take within
//     write_timeout fails, and discard_input() drops what was received with
//     tcflush(3).
//
// DIAGNOSTICS
//     "/dev/pts/3: not a serial device (inappropriate ioctl for device)" for
//     a character device that is no terminal (/dev/null); "DEVICE: baud rate
//     N is not one termios knows" for a rate with no Bnnn constant.
#include "link_io.hpp"
#include "util/fd.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <utility>

namespace smsgate::link {

namespace {

struct Speed {
    int baud;
    speed_t constant;
};

constexpr Speed speeds[] = {
    {50, B50},         {75, B75},         {110, B110},       {134, B134},       {150, B150},
    {200, B200},       {300, B300},       {600, B600},       {1200, B1200},     {1800, B1800},
    {2400, B2400},     {4800, B4800},     {9600, B9600},     {19200, B19200},   {38400, B38400},
    {57600, B57600},   {115200, B115200}, {230400, B230400}, {460800, B460800}, {500000, B500000},
    {576000, B576000}, {921600, B921600}, {1000000, B1000000}, {1152000, B1152000}, {1500000, B1500000},
    {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000}, {3500000, B3500000}, {4000000, B4000000},
};

// The termios settings for config, on top of what the device had.
Status apply_settings(termios& t, const LinkConfig& config)
{
    const Speed* speed = nullptr;
    for (const Speed& s : speeds)
        if (s.baud == config.baud)
            speed = &s;
    if (!speed)
        return make_error("", "baud rate " + std::to_string(config.baud) + " is not one termios knows");
    ::cfmakeraw(&t);
    ::cfsetispeed(&t, speed->constant);
    ::cfsetospeed(&t, speed->constant);
    const tcflag_t sizes[] = {CS5, CS6, CS7, CS8};
    t.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
    t.c_cflag |= CREAD | CLOCAL | sizes[config.data_bits - 5];
    if (config.parity != 'n')
        t.c_cflag |= PARENB | (config.parity == 'o' ? PARODD : 0);
    if (config.stop_bits == 2)
        t.c_cflag |= CSTOPB;
    if (config.flow == "rtscts")
        t.c_cflag |= CRTSCTS;
    t.c_iflag &= ~(IXON | IXOFF | IXANY);
    if (config.flow == "xonxoff")
        t.c_iflag |= IXON | IXOFF;
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    return Done{};
}

Status configure(int fd, const LinkConfig& config)
{
    termios t{};
    if (::tcgetattr(fd, &t) != 0)
        return make_error("", "not a serial device (" + errno_reason(errno) + ")");
    if (Status done = apply_settings(t, config); !done)
        return done;
    if (::tcsetattr(fd, TCSANOW, &t) != 0)
        return make_error("", "cannot apply the settings: " + errno_reason(errno));
    // Most modems ignore commands while DTR is low; a pty has no such lines.
    int lines = TIOCM_DTR | (config.flow == "rtscts" ? 0 : TIOCM_RTS);
    if (::ioctl(fd, TIOCMBIS, &lines) != 0 && errno != ENOTTY && errno != EINVAL)
        return make_error("", "cannot raise DTR: " + errno_reason(errno));
    return Done{};
}

class TermiosLink final : public Link {
public:
    TermiosLink(const LinkConfig& config, Fd fd)
        : device_(config.device), description_(describe_serial(config)), fd_(std::move(fd))
    {
    }

    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override
    {
        if (buffer.empty())
            return std::size_t{0};
        auto ready = wait_ready(fd_.get(), POLLIN, timeout);
        if (!ready)
            return link_error(device_, ready.error().what());
        if (*ready == 0)
            return std::size_t{0};
        if (*ready & POLLNVAL)
            return link_error(device_, "descriptor no longer valid");
        // Bytes that arrived before a hangup are still delivered; the hangup
        // is reported by the next read.
        ssize_t n;
        do
            n = ::read(fd_.get(), buffer.data(), std::min<std::size_t>(buffer.size(), INT_MAX));
        while (n < 0 && errno == EINTR);
        if (n > 0)
            return static_cast<std::size_t>(n);
        if (n < 0 && errno == EAGAIN)
            return std::size_t{0};
        if (n < 0)
            return link_error(device_, errno_reason(errno) + " (device gone?)");
        if (*ready & (POLLHUP | POLLERR))
            return link_error(device_, "device hung up (unplugged?)");
        return link_error(device_, "end of file (device gone?)");
    }

    Status write(std::span<const std::uint8_t> bytes) override
    {
        const auto deadline = std::chrono::steady_clock::now() + write_timeout;
        while (!bytes.empty()) {
            if (Status writable = wait_writable(fd_.get(), device_, deadline); !writable)
                return writable;
            ssize_t n = ::write(fd_.get(), bytes.data(), std::min<std::size_t>(bytes.size(), INT_MAX));
            if (n < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (n < 0)
                return link_error(device_, errno_reason(errno));
            bytes = bytes.subspan(static_cast<std::size_t>(n));
        }
        return Done{};
    }

    void discard_input() override { (void)::tcflush(fd_.get(), TCIFLUSH); }

    std::string describe() const override { return description_; }

    int descriptor() const override { return fd_.get(); }

private:
    std::string device_;
    std::string description_;
    Fd fd_;
};

} // namespace

Result<std::unique_ptr<Link>> open_termios_link(const LinkConfig& config, const std::string& path)
{
    Fd fd(::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd)
        return link_error(config.device, errno_reason(errno));
    if (Status locked = lock_device(fd.get()); !locked)
        return link_error(config.device, locked.error().message);
    if (Status done = configure(fd.get(), config); !done)
        return link_error(config.device, done.error().message);
    return std::unique_ptr<Link>(std::make_unique<TermiosLink>(config, std::move(fd)));
}

} // namespace smsgate::link
