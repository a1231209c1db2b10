// run.cpp - setting up and tearing down: signals through a self-pipe into
// the event loop, the links, the modem, the control socket.
#include "run.hpp"

#include "control.hpp"
#include "modem.hpp"
#include "transport.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace smsgate::sim {

namespace {

constexpr int exit_failure = 71; // EX_OSERR: a link or socket could not be made

// The write end of the self-pipe: the one thing a signal handler may touch.
int signal_pipe = -1;

extern "C" void on_signal(int)
{
    int saved = errno;
    char byte = 0;
    [[maybe_unused]] auto n = ::write(signal_pipe, &byte, 1);
    errno = saved;
}

// SIGTERM and SIGINT end the loop; the destructors then remove the symlink
// and the socket. SIGPIPE is ignored: a client that went away is seen as
// an error of write(2).
Fd catch_signals(EventLoop& loop)
{
    int fds[2];
    if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    Fd read_end(fds[0]);
    signal_pipe = fds[1];
    struct sigaction action{};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
    loop.watch(read_end.get(), POLLIN, [&loop](short) { loop.stop(); });
    return read_end;
}

int run_loop(const SimOptions& options)
{
    EventLoop loop;
    Fd signals = catch_signals(loop);
    // Links first: the modem's ports refer to them, so they must outlive it.
    std::vector<std::unique_ptr<Link>> links;
    for (const auto& address : options.tcp)
        links.push_back(std::make_unique<TcpLink>(loop, address));
    if (options.pty)
        links.push_back(std::make_unique<PtyLink>(loop, *options.pty));
    Modem modem(loop, options);
    for (auto& link : links)
        modem.attach(*link);
    std::optional<ControlServer> control;
    if (options.control)
        control.emplace(loop, *options.control,
                        [&modem](const std::string& line) { return control_request(modem, line); });

    for (const auto& link : links)
        std::cout << link->kind() << "=" << link->address() << "\n";
    if (options.control)
        std::cout << "control=" << *options.control << "\n";
    std::cout << "ready" << std::endl;

    loop.run();
    modem.log("event=exit");
    return 0;
}

} // namespace

int run(const SimOptions& options)
{
    try {
        int status = run_loop(options);
        if (signal_pipe >= 0)
            ::close(signal_pipe);
        return status;
    } catch (const std::exception& e) {
        std::cerr << "smsgate-modem-sim: fatal: " << e.what() << "\n";
        return exit_failure;
    }
}

} // namespace smsgate::sim
