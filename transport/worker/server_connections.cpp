// server_connections.cpp - the connections of the worker's socket: who
// connected (SO_PEERCRED), whether they may stay (the limits of
// server_access.hpp), how long a client may take to send its request, and
// whether its request is one its peer may make.
#include "log/log.hpp"
#include "proto/requests.hpp"
#include "worker/server.hpp"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace smsgate::worker {

namespace {

// Between two log lines of one kind of refusal.
constexpr auto log_interval = std::chrono::seconds(10);

} // namespace

bool Server::LogThrottle::due()
{
    if (last != Clock::time_point{} && Clock::now() - last < log_interval) {
        ++left_out;
        return false;
    }
    return true;
}

void Server::LogThrottle::log(const std::string& line)
{
    log::warning(line + (left_out > 0 ? " (and " + std::to_string(left_out) + " more like it not logged)" : ""));
    last = Clock::now();
    left_out = 0;
}

void Server::accept_client()
{
    while (true) {
        int fd = accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // The connection stays in the backlog until a client leaves.
                if (refused_log_.due())
                    refused_log_.log(std::string("socket: accept: ") + std::strerror(errno));
                accept_paused_ = true;
            }
            return;
        }
        auto c = std::make_unique<Client>();
        c->fd.reset(fd);
        auto peer = peer_of(fd);
        if (!peer) {
            log::warning("socket: " + peer.error().what() + "; connection closed");
            continue;
        }
        c->peer = *peer;
        // Those who may submit (root and the submit users) take the
        // reserved connections and have no per-uid limit.
        c->privileged = peer_may(c->peer, Access::submit);
        // They alone may hand over a whole mail (request=deliver).
        if (c->privileged)
            c->decoder.allow_larger(proto::deliver_head(), proto::max_deliver_bytes(config_.sms.max_message_size));
        admit(std::move(c));
    }
}

void Server::admit(std::unique_ptr<Client> c)
{
    restart_timer(*c);
    if (auto why = over_limit(limits_, held_by(c->peer.uid), c->privileged)) {
        if (refused_log_.due())
            refused_log_.log("socket: refused a connection from " + describe(c->peer) + ": " + *why);
        c->admitted = false;
        reply(*c, too_many(*why));
        c->closing = true;
    }
    clients_.push_back(std::move(c));
}

Held Server::held_by(uid_t uid) const
{
    Held held;
    for (const auto& c : clients_) {
        if (!c->admitted)
            continue;
        ++held.all;
        held.unprivileged += c->privileged ? 0 : 1;
        held.same_uid += c->peer.uid == uid ? 1 : 0;
    }
    return held;
}

void Server::restart_timer(Client& c)
{
    c.deadline = Clock::now() + std::chrono::seconds(config_.client_timeout);
}

int Server::expire_clients()
{
    auto now = Clock::now();
    std::optional<Clock::time_point> next;
    for (auto& c : clients_) {
        // A submit waits for its outcome as long as the SMS takes: not timed.
        if (c->waiting_for != 0)
            continue;
        if (c->deadline > now) {
            next = next ? std::min(*next, c->deadline) : c->deadline;
            continue;
        }
        if (c->closing || !c->output.empty()) {
            // It does not read what it was told.
            c->output.clear();
            c->closing = true;
            continue;
        }
        auto what = std::string(c->decoder.pending() ? "no complete request" : "no request") + " within " +
                    std::to_string(config_.client_timeout) + " s";
        if (timeout_log_.due())
            timeout_log_.log("socket: closed the connection of " + describe(c->peer) + ": " + what);
        if (c->decoder.pending())
            reply(*c, proto::error_reply("4.4.2", what));
        c->closing = true;
    }
    if (!next)
        return -1;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*next - now).count() + 1;
    return static_cast<int>(std::min<long long>(ms, 1 << 30));
}

bool Server::peer_may(const Peer& peer, Access access)
{
    if (may(rules_, peer, access))
        return true;
    auto now = Clock::now();
    if (now - rules_read_ < std::chrono::seconds(1))
        return false;
    rules_ = resolve_rules(config_, false);
    rules_read_ = now;
    return may(rules_, peer, access);
}

bool Server::may_handle(Client& c, const proto::Message& request)
{
    auto access = access_of(request.value_or("request", ""));
    if (peer_may(c.peer, access))
        return true;
    auto queue_id = log::printable(request.value_or("queue_id", ""), 40);
    if (access_log_.due())
        access_log_.log((access == Access::submit && !queue_id.empty() ? queue_id + ": " : std::string()) +
                        "socket: refused " + std::string(access_name(access)) + " from " + describe(c.peer) + ": " +
                        refusal_reason(access));
    reply(c, refusal(access));
    c.closing = true;
    return false;
}

} // namespace smsgate::worker
