// server_peer.cpp - the peer's credentials from the kernel, and the user
// and group names of the configuration as ids.
#include "worker/server_access.hpp"

#include "log/log.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace smsgate::worker {

namespace {

// A name, or a number as it is ("65534").
std::optional<unsigned long> numeric(const std::string& name)
{
    unsigned long n = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
    if (ec != std::errc() || end != name.data() + name.size())
        return std::nullopt;
    return n;
}

std::optional<uid_t> user_id(const std::string& name)
{
    if (auto n = numeric(name))
        return static_cast<uid_t>(*n);
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found)
        return std::nullopt;
    return found->pw_uid;
}

std::optional<gid_t> group_id(const std::string& name)
{
    if (auto n = numeric(name))
        return static_cast<gid_t>(*n);
    std::vector<char> buf(65536);
    group gr{};
    group* found = nullptr;
    if (getgrnam_r(name.c_str(), &gr, buf.data(), buf.size(), &found) != 0 || !found)
        return std::nullopt;
    return found->gr_gid;
}

template <typename Id, typename Lookup>
std::set<Id> resolve(const std::vector<std::string>& names, const char* key, const char* what, Lookup lookup,
                     bool warn)
{
    std::set<Id> ids;
    for (const auto& name : names) {
        if (auto id = lookup(name))
            ids.insert(*id);
        else if (warn)
            log::warning(std::string("[worker] ") + key + ": no " + what + " '" + name + "'; left out");
    }
    return ids;
}

std::string user_name(uid_t uid)
{
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) != 0 || !found)
        return "";
    return found->pw_name;
}

} // namespace

AccessRules resolve_rules(const config::WorkerConfig& c, bool warn)
{
    AccessRules r;
    r.submit_users = resolve<uid_t>(c.submit_users, "submit_users", "user", user_id, warn);
    r.send_users = resolve<uid_t>(c.send_users, "send_users", "user", user_id, warn);
    r.send_groups = resolve<gid_t>(c.send_groups, "send_groups", "group", group_id, warn);
    r.status_users = resolve<uid_t>(c.status_users, "status_users", "user", user_id, warn);
    r.status_groups = resolve<gid_t>(c.status_groups, "status_groups", "group", group_id, warn);
    // The administrators are more of the same rules: admin_users may send
    // and read, the members of admin_group may read.
    auto admins = resolve<uid_t>(c.admin_users, "admin_users", "user", user_id, warn);
    r.send_users.insert(admins.begin(), admins.end());
    r.status_users.insert(admins.begin(), admins.end());
    if (!c.admin_group.empty())
        r.status_groups.merge(resolve<gid_t>({c.admin_group}, "admin_group", "group", group_id, warn));
    return r;
}

Result<Peer> peer_of(int fd)
{
    ucred cred{};
    socklen_t length = sizeof cred;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0)
        return make_error("SO_PEERCRED", std::strerror(errno));
    Peer p{cred.pid, cred.uid, cred.gid, {}};
    // The supplementary groups (Linux 4.13): the buffer grows to what the
    // kernel says it needs.
    std::vector<gid_t> groups(64);
    for (int tries = 0; tries < 4; ++tries) {
        socklen_t size = static_cast<socklen_t>(groups.size() * sizeof(gid_t));
        if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups.data(), &size) == 0) {
            groups.resize(size / sizeof(gid_t));
            p.groups = std::move(groups);
            break;
        }
        if (errno != ERANGE)
            break; // an older kernel: the primary group only
        groups.resize(size / sizeof(gid_t) + 1);
    }
    return p;
}

std::string describe(const Peer& peer)
{
    auto name = user_name(peer.uid);
    return "uid=" + std::to_string(peer.uid) + (name.empty() ? "" : " (" + name + ")") +
           " pid=" + std::to_string(peer.pid);
}

} // namespace smsgate::worker
