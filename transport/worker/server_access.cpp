// server_access.cpp - the decisions of the socket's access rules and
// connection limits: pure, over the peer's ids and the counts held.
#include "worker/server_access.hpp"

#include "proto/requests.hpp"

#include <algorithm>

namespace smsgate::worker {

Access access_of(std::string_view request)
{
    // deliver: a mail from the pipe(8) transport, checked by the worker.
    if (request == "submit" || request == "deliver")
        return Access::submit;
    if (request == "send")
        return Access::send;
    if (request == "status" || request == "history")
        return Access::read;
    return Access::open;
}

std::string_view access_name(Access access)
{
    switch (access) {
    case Access::submit: return "submit";
    case Access::send: return "send";
    case Access::read: return "status and history";
    case Access::open: break;
    }
    return "ping";
}

namespace {

bool in_groups(const std::set<gid_t>& allowed, const Peer& peer)
{
    if (allowed.count(peer.gid))
        return true;
    return std::any_of(peer.groups.begin(), peer.groups.end(), [&](gid_t g) { return allowed.count(g) > 0; });
}

} // namespace

bool may(const AccessRules& rules, const Peer& peer, Access access)
{
    if (peer.uid == 0)
        return true;
    switch (access) {
    case Access::submit: return rules.submit_users.count(peer.uid) > 0;
    case Access::send: return rules.send_users.count(peer.uid) > 0 || in_groups(rules.send_groups, peer);
    case Access::read: return rules.status_users.count(peer.uid) > 0 || in_groups(rules.status_groups, peer);
    case Access::open: return true;
    }
    return false;
}

std::string refusal_reason(Access access)
{
    switch (access) {
    case Access::submit: return "not root and not in [worker] submit_users";
    case Access::send: return "not root and not in [worker] send_users, send_groups or admin_users";
    case Access::read: return "not root and not in [worker] status_users, status_groups, admin_users or admin_group";
    case Access::open: break;
    }
    return "";
}

proto::Message refusal(Access access)
{
    // A transport that runs as a user the worker does not know is a
    // configuration error of the gateway: the mail waits in Postfix's queue
    // (4.3.5) until it is mended, instead of bouncing. Everything else is
    // asked by a person, who is told no.
    auto text = "permission denied: " + std::string(access_name(access)) + " needs root or a user or group the "
                "worker allows (" + refusal_reason(access) + ")";
    return proto::error_reply(access == Access::submit ? StatusCode("4.3.5") : StatusCode("5.7.1"), text);
}

Limits limits_of(const config::WorkerConfig& config)
{
    return {static_cast<std::size_t>(config.max_connections), static_cast<std::size_t>(config.max_connections_per_uid),
            static_cast<std::size_t>(config.reserved_connections)};
}

std::optional<std::string> over_limit(const Limits& limits, const Held& held, bool privileged)
{
    if (held.all >= limits.max_connections)
        return "the worker holds max_connections = " + std::to_string(limits.max_connections) + " connections";
    if (privileged)
        return std::nullopt;
    if (held.same_uid >= limits.per_uid)
        return "this uid holds max_connections_per_uid = " + std::to_string(limits.per_uid) + " connections";
    if (held.unprivileged + limits.reserved >= limits.max_connections)
        return "the connections not reserved for the transport (max_connections - reserved_connections = " +
               std::to_string(limits.max_connections - limits.reserved) + ") are taken";
    return std::nullopt;
}

proto::Message too_many(const std::string& why) { return proto::error_reply("4.3.2", "too many connections: " + why); }

} // namespace smsgate::worker
