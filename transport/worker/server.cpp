// server.cpp - the worker's socket server.
#include "worker/server.hpp"

#include "log/log.hpp"
#include "worker/submission.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace smsgate::worker {

namespace {

constexpr std::size_t max_output_bytes = 1 << 20; // a client that does not read is dropped

std::string errno_text() { return std::strerror(errno); }

bool someone_listens(const sockaddr_un& addr)
{
    Fd probe(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    return probe && connect(probe.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
}

} // namespace

Server::Server(const config::WorkerConfig& config, Router& router, store::Store& store)
    : config_(config), router_(router), store_(store), intake_(config.sms, config.quota_database)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0) {
        wake_read_.reset(p[0]);
        wake_write_.reset(p[1]);
    }
}

Status Server::listen()
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (config_.socket.size() >= sizeof addr.sun_path)
        return make_error("socket", config_.socket + ": path too long");
    std::strcpy(addr.sun_path, config_.socket.c_str());
    struct stat st;
    if (lstat(config_.socket.c_str(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return make_error("socket", config_.socket + ": exists and is not a socket");
        if (someone_listens(addr))
            return make_error("socket", config_.socket + ": another smsgated is running");
        unlink(config_.socket.c_str());
    }
    listener_.reset(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!listener_)
        return make_error("socket", "socket: " + errno_text());
    // The mode is set through the umask at bind time, so that there is no
    // moment at which the socket is open to everyone.
    mode_t mode = static_cast<mode_t>(std::stoul(config_.socket_mode, nullptr, 8)) & 0777;
    mode_t old = umask(static_cast<mode_t>(~mode & 0777));
    int rc = bind(listener_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    umask(old);
    if (rc != 0)
        return make_error("socket", config_.socket + ": bind: " + errno_text());
    if (!config_.socket_group.empty()) {
        struct group* g = getgrnam(config_.socket_group.c_str());
        if (!g)
            return make_error("socket_group", "unknown group " + config_.socket_group);
        if (chown(config_.socket.c_str(), static_cast<uid_t>(-1), g->gr_gid) != 0)
            return make_error("socket_group", config_.socket + ": chown: " + errno_text());
    }
    // Postfix may start a hundred deliveries at once (default_process_limit):
    // the kernel's limit, so that a burst waits for accept() instead of
    // being refused.
    if (::listen(listener_.get(), SOMAXCONN) != 0)
        return make_error("socket", config_.socket + ": listen: " + errno_text());
    rules_ = resolve_rules(config_, true);
    rules_read_ = Clock::now();
    limits_ = limits_of(config_);
    return Done{};
}

void Server::stop()
{
    stopping_ = true;
    char c = 's';
    [[maybe_unused]] auto n = ::write(wake_write_.get(), &c, 1);
}

void Server::job_changed(store::Id job)
{
    {
        std::lock_guard lock(changed_mutex_);
        changed_.push_back(job);
    }
    char c = 'j';
    [[maybe_unused]] auto n = ::write(wake_write_.get(), &c, 1);
}

void Server::run()
{
    while (!stopping_) {
        int timeout = expire_clients();
        drop_finished();
        std::vector<pollfd> fds;
        fds.push_back({wake_read_.get(), POLLIN, 0});
        fds.push_back({listener_.get(), static_cast<short>(accept_paused_ ? 0 : POLLIN), 0});
        for (const auto& c : clients_) {
            // A client that shut down its side is not read again (EOF stays
            // readable); a full close still shows as POLLHUP.
            short events = c->read_closed ? 0 : POLLIN;
            fds.push_back({c->fd.get(), static_cast<short>(events | (c->output.empty() ? 0 : POLLOUT)), 0});
        }
        if (poll(fds.data(), fds.size(), timeout) < 0) {
            if (errno != EINTR)
                log::warning("poll: " + errno_text());
            continue;
        }
        // Clients first: one that gave up waiting and left is seen to have
        // left before the outcome it waited for is handed out.
        for (std::size_t i = 2; i < fds.size(); ++i) {
            auto& c = *clients_[i - 2];
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
                read_client(c, fds[i].revents);
            if (fds[i].revents & POLLOUT) // also while closing: the last reply goes out
                write_client(c);
        }
        if (fds[1].revents & POLLIN)
            accept_client();
        if (fds[0].revents) {
            char buf[256];
            while (::read(wake_read_.get(), buf, sizeof buf) > 0) {
            }
            answer_waiters();
        }
        drop_finished();
    }
    unlink(config_.socket.c_str());
}

void Server::drop_finished()
{
    auto done = [](const auto& c) {
        return c->output.empty() && (c->closing || (c->read_closed && c->waiting_for == 0));
    };
    if (std::erase_if(clients_, done) > 0)
        accept_paused_ = false;
}

void Server::read_client(Client& c, short revents)
{
    char buf[8192];
    ssize_t n = c.read_closed ? 0 : ::read(c.fd.get(), buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n < 0 || (n == 0 && (revents & (POLLHUP | POLLERR)))) {
        // The client went away: nothing can be told. A job it waited for
        // goes on.
        c.output.clear();
        c.closing = true;
        return;
    }
    if (n == 0) {
        // The client shut down its side (shutdown(SHUT_WR)): no more
        // requests, but an answer given or still to come goes out, and
        // then the connection is dropped.
        c.read_closed = true;
        if (c.decoder.pending() && !c.closing) {
            reply(c, proto::error_reply("5.5.2", "malformed request: the connection ends inside a request"));
            c.closing = true;
        }
        return;
    }
    c.decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    while (auto m = c.decoder.next()) {
        if (!m->ok()) {
            log::warning("socket: malformed request from " + describe(c.peer) + ": " + m->error().what());
            reply(c, proto::error_reply("5.5.2", "malformed request: " + m->error().what()));
            c.closing = true;
            return;
        }
        handle(c, **m);
        restart_timer(c);
        if (c.closing)
            return;
    }
}

void Server::write_client(Client& c)
{
    ssize_t n = ::send(c.fd.get(), c.output.data(), c.output.size(), MSG_NOSIGNAL);
    if (n > 0)
        c.output.erase(0, static_cast<std::size_t>(n));
    else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        c.output.clear();
        c.closing = true;
    }
}

void Server::reply(Client& c, const proto::Message& message)
{
    c.output += proto::encode(message);
    if (c.output.size() > max_output_bytes) {
        c.output.clear();
        c.closing = true;
        return;
    }
    write_client(c);
}

void Server::handle(Client& c, const proto::Message& request)
{
    if (!may_handle(c, request))
        return;
    auto what = request.value_or("request", "");
    if (what == "submit" || what == "send")
        handle_submit(c, request);
    else if (what == "deliver")
        handle_deliver(c, request);
    else if (what == "status")
        handle_status(c);
    else if (what == "history")
        handle_history(c, request);
    else if (what == "ping")
        reply(c, proto::Message().set("status", "ok"));
    else
        reply(c, proto::error_reply("5.5.1", "unknown request '" + log::printable(what, 40) + "'"));
}

} // namespace smsgate::worker
