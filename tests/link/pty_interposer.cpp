// pty_interposer.cpp - TEST ONLY: lets libserialport 0.1.1 open a pty slave.
//
// SYNOPSIS
//     LD_PRELOAD=libsmsgate_pty_interposer.so link_tests
//
// DESCRIPTION
//     libserialport stands between smsgated and a real modem; the tests put a
//     pty where the modem would be. Two things in libserialport 0.1.1 refuse
//     a pty (upstream declined pty support):
//
//     1. sp_get_port_by_name() requires the name to begin with "/dev/" and
//        readlink("/sys/class/tty/" + NAME_AFTER_DEV) to succeed. The pty
//        slave /dev/pts/N has no /sys/class/tty/pts/N. No interposing is
//        needed for this: the test makes a symlink DIR/modem -> /dev/pts/N in
//        a private temporary directory and names the device
//        "/dev/../../../DIR/modem". ".." at the root stays at the root, so
//        that name resolves to DIR/modem both as written (the open(2) in
//        sp_open) and under "/sys/class/tty/" (three levels deep, the
//        readlink in sp_get_port_by_name, which then finds the symlink).
//        Nothing is created in /dev or /sys.
//
//     2. sp_open() reads the modem-control lines with ioctl(TIOCMGET) and
//        sets DTR/RTS with TIOCMBIS/TIOCMBIC; a pty has no such lines and
//        answers ENOTTY. This library, preloaded, interposes ioctl(2): for
//        a descriptor that is a pty slave (a character device with a major
//        number of 136 to 143, UNIX98_PTY_SLAVE_MAJOR and its successors),
//        those four requests succeed against a simulated set of lines:
//        DTR and RTS as last set, and CTS, DSR and DCD always asserted, as a
//        powered modem would show them. Every other request, and every
//        request on any other descriptor, goes to the real ioctl
//        (dlsym(RTLD_NEXT)) untouched.
//
//     The simulated lines are one set for the process, not one per
//     descriptor: enough for tests that open one pty at a time, and nothing
//     reads them back but libserialport itself.
//
// SECURITY
//     Built as a MODULE library without an install() rule: it never ships,
//     and nothing but the test's LD_PRELOAD loads it.
#include <dlfcn.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>

namespace {

using IoctlFunction = int (*)(int, unsigned long, ...);

IoctlFunction real_ioctl()
{
    static const IoctlFunction next = reinterpret_cast<IoctlFunction>(::dlsym(RTLD_NEXT, "ioctl"));
    return next;
}

bool is_pty_slave(int fd)
{
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISCHR(st.st_mode))
        return false;
    unsigned int dev_major = major(st.st_rdev);
    return dev_major >= 136 && dev_major <= 143;
}

bool is_modem_line_request(unsigned long request)
{
    return request == TIOCMGET || request == TIOCMBIS || request == TIOCMBIC || request == TIOCMSET;
}

// The lines the program drives (DTR, RTS), as it last set them.
std::atomic<int> output_lines{TIOCM_DTR | TIOCM_RTS};
constexpr int output_mask = TIOCM_DTR | TIOCM_RTS;
// The lines a powered, ready modem drives.
constexpr int input_lines = TIOCM_CTS | TIOCM_DSR | TIOCM_CD;

int fake_modem_lines(unsigned long request, int* lines)
{
    if (!lines) {
        errno = EFAULT;
        return -1;
    }
    switch (request) {
    case TIOCMGET:
        *lines = output_lines.load() | input_lines;
        break;
    case TIOCMBIS:
        output_lines.fetch_or(*lines & output_mask);
        break;
    case TIOCMBIC:
        output_lines.fetch_and(~(*lines & output_mask));
        break;
    case TIOCMSET:
        output_lines.store(*lines & output_mask);
        break;
    }
    return 0;
}

} // namespace

// Lets a test see that it runs with the interposer preloaded:
// dlsym(RTLD_DEFAULT, "smsgate_pty_interposer_version").
extern "C" int smsgate_pty_interposer_version()
{
    return 1;
}

extern "C" int ioctl(int fd, unsigned long request, ...) noexcept
{
    // Every ioctl takes at most one argument, an int or a pointer, passed in
    // the same register; glibc's own ioctl reads it as a pointer too.
    va_list args;
    va_start(args, request);
    void* arg = va_arg(args, void*);
    va_end(args);

    if (is_modem_line_request(request) && is_pty_slave(fd))
        return fake_modem_lines(request, static_cast<int*>(arg));

    IoctlFunction next = real_ioctl();
    if (!next) {
        errno = ENOSYS;
        return -1;
    }
    return next(fd, request, arg);
}
