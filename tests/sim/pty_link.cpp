// pty_link.cpp - the pseudo-terminal link. The slave is set to raw mode
// once, when it is made; a client that opens it finds it so. Whether a
// client has the slave open is seen on the master: POLLHUP while nobody
// does. That condition does not clear by itself in poll(2), so while there
// is no client the master is looked at on a timer instead of being polled.
#include "transport.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>

namespace smsgate::sim {

namespace {

// How soon a client that opened the slave is noticed: well under the time
// any driver waits for its first answer.
constexpr Millis client_check_interval{20};

[[noreturn]] void fail(const std::string& what)
{
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

// The symlink is replaced atomically: a client never finds it missing
// while a new pty takes the place of the old one.
void point_symlink(const std::string& path, const std::string& target)
{
    std::string temporary = path + ".new" + std::to_string(::getpid());
    ::unlink(temporary.c_str());
    if (::symlink(target.c_str(), temporary.c_str()) != 0)
        fail("symlink " + temporary);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(temporary.c_str());
        errno = saved;
        fail("rename " + temporary + " to " + path);
    }
}

} // namespace

PtyLink::PtyLink(EventLoop& loop, std::string symlink_path)
    : loop_(loop), path_(std::move(symlink_path)), stream_(loop)
{
    stream_.on_data = [this](std::string_view bytes) {
        if (on_data)
            on_data(bytes);
    };
    stream_.on_hangup = [this] { check_timer_ = loop_.after(client_check_interval, [this] { check_client(); }); };
    open_pty();
}

PtyLink::~PtyLink() { close_pty(); }

void PtyLink::open_pty()
{
    reopen_timer_ = 0;
    Fd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!master || ::grantpt(master.get()) != 0 || ::unlockpt(master.get()) != 0)
        fail("posix_openpt");
    char name[128];
    if (::ptsname_r(master.get(), name, sizeof name) != 0)
        fail("ptsname");
    {
        Fd slave(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
        termios t{};
        if (!slave || ::tcgetattr(slave.get(), &t) != 0)
            fail(std::string("open ") + name);
        ::cfmakeraw(&t);
        ::cfsetispeed(&t, B115200);
        ::cfsetospeed(&t, B115200);
        if (::tcsetattr(slave.get(), TCSANOW, &t) != 0)
            fail(std::string("tcsetattr ") + name);
    }
    if (::fcntl(master.get(), F_SETFL, ::fcntl(master.get(), F_GETFL) | O_NONBLOCK) != 0)
        fail("fcntl");
    point_symlink(path_, name);
    slave_ = name;
    master_ = std::move(master);
    ++connection_;
    check_client();
}

void PtyLink::check_client()
{
    check_timer_ = 0;
    if (!master_)
        return;
    pollfd p{master_.get(), POLLIN, 0};
    if (::poll(&p, 1, 0) >= 0 && !(p.revents & POLLHUP)) {
        stream_.attach(master_.get());
        return;
    }
    check_timer_ = loop_.after(client_check_interval, [this] { check_client(); });
}

void PtyLink::close_pty()
{
    loop_.cancel(check_timer_);
    loop_.cancel(reopen_timer_);
    check_timer_ = reopen_timer_ = 0;
    stream_.detach();
    if (master_) {
        char target[256];
        ssize_t n = ::readlink(path_.c_str(), target, sizeof target - 1);
        if (n > 0 && std::string(target, static_cast<std::size_t>(n)) == slave_)
            ::unlink(path_.c_str()); // only our own link, not one a later instance made
    }
    master_.reset();
}

void PtyLink::drop(Millis reopen_delay)
{
    close_pty();
    ++connection_;
    reopen(reopen_delay);
}

// A pty that cannot be made now (out of ptys, the symlink's directory gone)
// is tried again: the simulator outlives what a real device would not.
void PtyLink::reopen(Millis delay)
{
    reopen_timer_ = loop_.after(delay, [this, delay] {
        try {
            open_pty();
        } catch (const std::exception& e) {
            std::cerr << "smsgate-modem-sim: warning: " << e.what() << "; trying again\n";
            reopen(delay);
        }
    });
}

} // namespace smsgate::sim
