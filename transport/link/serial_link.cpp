// serial_link.cpp - a link to a serial device through libserialport.
//
// DESCRIPTION
//     The device is opened read-write and configured from the LinkConfig:
//     baud rate, data bits, parity, stop bits and flow control (none,
//     rtscts, xonxoff). DTR is raised (most modems ignore commands while DTR
//     is low), and so is RTS unless it does flow control. An flock(2) on the
//     device keeps a second smsgated off the same modem.
//
//     libserialport 0.1.1 finds a device through /sys/class/tty/NAME, which
//     exists for "/dev/ttyUSB2" but not for "/dev/serial/by-id/usb-...": a
//     name libserialport does not know is resolved with realpath(3) and
//     tried again, on every open, so that a by-id name follows the modem to
//     its new ttyUSB number after a replug. A character device it still
//     does not know (a pty, or a symlink to one as socat makes) is opened
//     with plain termios instead (termios_link.cpp); anything else (a
//     regular file, a directory) is refused. RTS/CTS flow control is set in
//     the termios c_cflag by this file: libserialport 0.1.1 puts CRTSCTS in
//     c_iflag, where the kernel never looks.
//
//     Reads wait with poll(2) on the port's descriptor and take what has
//     arrived with sp_nonblocking_read(): 0 bytes means the timeout passed.
//     A device that vanished (USB unplug, the far side of a pty closed)
//     shows as POLLHUP/POLLERR, as EIO or ENODEV from read(2), or as a
//     readable descriptor that yields no bytes; each is an error, so the
//     driver reopens instead of spinning on a dead descriptor.
//
// DIAGNOSTICS
//     Errors name the device and the reason: "/dev/ttyUSB2: no such file or
//     directory", "/dev/ttyS0: data bits must be 5 to 8, not 9".
#include "link_io.hpp"

#include <fcntl.h>
#include <libserialport.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace smsgate::link {

namespace {

// The reason for a failed libserialport call. Must be called right after
// the failure: SP_ERR_FAIL keeps its errno only until the next system call.
std::string sp_reason(sp_return rc)
{
    switch (rc) {
    case SP_ERR_FAIL:
        return errno_reason(sp_last_error_code());
    case SP_ERR_ARG:
        return "invalid argument";
    case SP_ERR_MEM:
        return "out of memory";
    case SP_ERR_SUPP:
        return "not supported by the device or its driver";
    case SP_OK:
        break;
    }
    return "unknown libserialport error " + std::to_string(static_cast<int>(rc));
}

struct PortCloser {
    void operator()(sp_port* port) const
    {
        ::sp_close(port);
        ::sp_free_port(port);
    }
};
using OpenPort = std::unique_ptr<sp_port, PortCloser>;
using PortName = std::unique_ptr<sp_port, decltype(&::sp_free_port)>;
using PortConfig = std::unique_ptr<sp_port_config, decltype(&::sp_free_config)>;

// libserialport's port structure for the device; an empty one for a
// character device libserialport does not know (a pty, a device with no
// /sys/class/tty entry), which the termios link opens at *target; or the
// reason the device is no serial device at all.
Result<PortName> find_port(const std::string& device, std::string* target)
{
    sp_port* port = nullptr;
    if (::sp_get_port_by_name(device.c_str(), &port) == SP_OK)
        return PortName(port, &::sp_free_port);

    char* resolved = ::realpath(device.c_str(), nullptr);
    if (!resolved)
        return make_error("", errno_reason(errno));
    *target = resolved;
    std::free(resolved);
    if (*target != device && ::sp_get_port_by_name(target->c_str(), &port) == SP_OK)
        return PortName(port, &::sp_free_port);
    struct stat status {};
    if (::stat(target->c_str(), &status) != 0)
        return make_error("", errno_reason(errno));
    if (S_ISCHR(status.st_mode))
        return PortName(nullptr, &::sp_free_port);
    const char* kind = S_ISREG(status.st_mode) ? "a regular file" : S_ISDIR(status.st_mode) ? "a directory" : "no character device";
    return make_error("", "not a serial device (" + *target + " is " + kind + ")");
}

Status configure(sp_port* port, const LinkConfig& config)
{
    sp_port_config* raw = nullptr;
    if (sp_return rc = ::sp_new_config(&raw); rc != SP_OK)
        return make_error("", sp_reason(rc));
    PortConfig settings(raw, &::sp_free_config);

    sp_parity parity = config.parity == 'e'   ? SP_PARITY_EVEN
                       : config.parity == 'o' ? SP_PARITY_ODD
                                              : SP_PARITY_NONE;
    sp_flowcontrol flow = config.flow == "rtscts"    ? SP_FLOWCONTROL_RTSCTS
                          : config.flow == "xonxoff" ? SP_FLOWCONTROL_XONXOFF
                                                     : SP_FLOWCONTROL_NONE;
    // Output lines on first; sp_set_config_flowcontrol() then hands RTS to
    // the flow control when it is rtscts.
    const sp_return steps[] = {
        ::sp_set_config_baudrate(settings.get(), config.baud),
        ::sp_set_config_bits(settings.get(), config.data_bits),
        ::sp_set_config_parity(settings.get(), parity),
        ::sp_set_config_stopbits(settings.get(), config.stop_bits),
        ::sp_set_config_dtr(settings.get(), SP_DTR_ON),
        ::sp_set_config_rts(settings.get(), SP_RTS_ON),
        ::sp_set_config_flowcontrol(settings.get(), flow),
    };
    for (sp_return rc : steps)
        if (rc != SP_OK)
            return make_error("", sp_reason(rc));
    if (sp_return rc = ::sp_set_config(port, settings.get()); rc != SP_OK)
        return make_error("", "cannot apply the settings: " + sp_reason(rc));
    return Done{};
}

// libserialport 0.1.1 keeps CRTSCTS in c_iflag instead of c_cflag, so on
// Linux its RTS/CTS setting never reaches the driver. Set the flag where the
// kernel reads it.
Status set_hardware_flow(int fd, bool on)
{
    termios settings{};
    if (::tcgetattr(fd, &settings) != 0)
        return make_error("", "tcgetattr: " + errno_reason(errno));
    if (on)
        settings.c_cflag |= CRTSCTS;
    else
        settings.c_cflag &= ~CRTSCTS;
    if (::tcsetattr(fd, TCSANOW, &settings) != 0)
        return make_error("", "cannot set RTS/CTS flow control: " + errno_reason(errno));
    return Done{};
}

class SerialLink final : public Link {
public:
    SerialLink(const LinkConfig& config, OpenPort port, int fd)
        : device_(config.device), description_(describe_serial(config)), port_(std::move(port)), fd_(fd)
    {
    }

    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override
    {
        if (buffer.empty())
            return std::size_t{0};
        auto ready = wait_ready(fd_, POLLIN, timeout);
        if (!ready)
            return link_error(device_, ready.error().what());
        if (*ready == 0)
            return std::size_t{0};
        if (*ready & POLLNVAL)
            return link_error(device_, "descriptor no longer valid");

        // Bytes that arrived before a hangup are still delivered; the hangup
        // is reported by the next read.
        const std::size_t count = std::min<std::size_t>(buffer.size(), INT_MAX);
        sp_return rc;
        do
            rc = ::sp_nonblocking_read(port_.get(), buffer.data(), count);
        while (rc == SP_ERR_FAIL && sp_last_error_code() == EINTR);
        if (rc < 0)
            return link_error(device_, sp_reason(rc) + " (device gone?)");
        if (rc > 0)
            return static_cast<std::size_t>(rc);
        // Readable yet nothing to read: in raw mode a tty says this only when
        // it has been hung up.
        if (*ready & (POLLHUP | POLLERR))
            return link_error(device_, "device hung up (unplugged?)");
        return link_error(device_, "end of file (device gone?)");
    }

    Status write(std::span<const std::uint8_t> bytes) override
    {
        const auto deadline = std::chrono::steady_clock::now() + write_timeout;
        while (!bytes.empty()) {
            if (Status writable = wait_writable(fd_, device_, deadline); !writable)
                return writable;
            const std::size_t count = std::min<std::size_t>(bytes.size(), INT_MAX);
            sp_return rc = ::sp_nonblocking_write(port_.get(), bytes.data(), count);
            if (rc == SP_ERR_FAIL && sp_last_error_code() == EINTR)
                continue;
            if (rc < 0)
                return link_error(device_, sp_reason(rc));
            bytes = bytes.subspan(static_cast<std::size_t>(rc));
        }
        return Done{};
    }

    void discard_input() override { (void)::sp_flush(port_.get(), SP_BUF_INPUT); }

    std::string describe() const override { return description_; }

    int descriptor() const override { return fd_; }

private:
    std::string device_;
    std::string description_;
    OpenPort port_;
    int fd_; // owned by port_
};

} // namespace

Result<std::unique_ptr<Link>> open_serial_link(const LinkConfig& config)
{
    if (std::string reason = check_serial_settings(config); !reason.empty())
        return link_error(config.device, reason);

    std::string target;
    auto name = find_port(config.device, &target);
    if (!name)
        return link_error(config.device, name.error().message);
    if (!*name)
        return open_termios_link(config, target);
    if (sp_return rc = ::sp_open(name->get(), SP_MODE_READ_WRITE); rc != SP_OK)
        return link_error(config.device, sp_reason(rc));
    OpenPort port(name->release());

    int fd = -1;
    if (sp_return rc = ::sp_get_port_handle(port.get(), &fd); rc != SP_OK || fd < 0)
        return link_error(config.device, "no descriptor for the open port");
    // Programs the worker runs (sendmail) must not inherit the port, nor
    // its lock.
    if (int flags = ::fcntl(fd, F_GETFD); flags < 0 || ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC) != 0)
        return link_error(config.device, "fcntl: " + errno_reason(errno));
    if (Status locked = lock_device(fd); !locked)
        return link_error(config.device, locked.error().message);
    if (Status done = configure(port.get(), config); !done)
        return link_error(config.device, done.error().message);
    if (Status done = set_hardware_flow(fd, config.flow == "rtscts"); !done)
        return link_error(config.device, done.error().message);
    return std::unique_ptr<Link>(std::make_unique<SerialLink>(config, std::move(port), fd));
}

} // namespace smsgate::link
