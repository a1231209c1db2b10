// server_access.hpp - who may do what on smsgated's socket, decided by the
// peer's credentials (SO_PEERCRED) and never by what the client says about
// itself; and how many connections a peer may hold. The socket's file mode
// is a second wall, not the only one. See smsgated(8), SECURITY.
//
// The decisions (may(), admit()) are pure; reading the credentials and
// turning names into ids are the I/O beside them.
#pragma once

#include "proto/attr.hpp"
#include "util/result.hpp"
#include "config/worker_section.hpp"

#include <set>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace smsgate::worker {

// The peer of a connection, as the kernel saw it at connect(2).
struct Peer {
    pid_t pid = 0;
    uid_t uid = static_cast<uid_t>(-1);
    gid_t gid = static_cast<gid_t>(-1);
    std::vector<gid_t> groups; // supplementary groups (SO_PEERGROUPS)
};

// What a request asks for.
enum class Access {
    submit, // request=deliver and request=submit: a mail from the pipe(8) transport
    send,   // request=send: smsgatectl send, past the senders table
    read,   // request=status and request=history: every SMS sent
    open,   // request=ping and unknown requests: nothing to protect
};

Access access_of(std::string_view request);
std::string_view access_name(Access access);

// The configured users and groups as ids. Root always may.
struct AccessRules {
    std::set<uid_t> submit_users;
    std::set<uid_t> send_users;
    std::set<gid_t> send_groups;
    std::set<uid_t> status_users;
    std::set<gid_t> status_groups;
};

bool may(const AccessRules& rules, const Peer& peer, Access access);

// The reply to a request the peer may not make, and the log line's reason.
proto::Message refusal(Access access);
std::string refusal_reason(Access access);

struct Limits {
    std::size_t max_connections = 512;
    std::size_t per_uid = 16;
    std::size_t reserved = 128;
};

Limits limits_of(const config::WorkerConfig& config);

// Connections held now: all of them, those of peers that are not
// privileged, and those of the peer's uid.
struct Held {
    std::size_t all = 0;
    std::size_t unprivileged = 0;
    std::size_t same_uid = 0;
};

// Whether a new connection may stay; if not, why (for the reply and the
// log). Privileged: its peer may submit (root and the submit users): it
// takes the reserved connections and has no per-uid limit, so that others
// cannot hold the transport off.
std::optional<std::string> over_limit(const Limits& limits, const Held& held, bool privileged);

// The reply to a connection over a limit.
proto::Message too_many(const std::string& why);

// --- I/O

// The users and groups of the configuration as ids; a name that does not
// exist is left out (it grants nothing), with a warning in the log when
// warn is set.
AccessRules resolve_rules(const config::WorkerConfig& config, bool warn);

// The credentials of a connected Unix socket.
Result<Peer> peer_of(int fd);

// "uid=65534 (nobody) pid=4242", for log lines.
std::string describe(const Peer& peer);

} // namespace smsgate::worker
