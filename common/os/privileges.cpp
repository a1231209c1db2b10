// privileges.cpp - giving up root for the configured user.
#include "os/privileges.hpp"

#include "util/fd.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace smsgate::os {

namespace {

// The ids left after the change, compared with the user's; and root, which
// must not come back.
Status check_dropped(const std::string& user, uid_t uid, gid_t gid)
{
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0)
        return make_error("user", "cannot read the ids after becoming " + user + ": " + std::strerror(errno));
    if (ruid != uid || euid != uid || suid != uid || rgid != gid || egid != gid || sgid != gid)
        return make_error("user", "became " + user + " only in part: uids " + std::to_string(ruid) + "/" +
                                      std::to_string(euid) + "/" + std::to_string(suid) + ", gids " +
                                      std::to_string(rgid) + "/" + std::to_string(egid) + "/" + std::to_string(sgid));
    if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
        return make_error("user", "became " + user + " but could take root back");
    return Done{};
}

struct Ids {
    uid_t uid;
    gid_t gid;
};

// The user's uid and primary group; the error says whether the user is
// unknown or the lookup failed (an NSS error).
Result<Ids> lookup(const std::string& user)
{
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (int rc = getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found); rc != 0)
        return make_error("user", "cannot look up user " + user + ": " + std::strerror(rc));
    if (!found)
        return make_error("user", "no user " + user);
    return Ids{found->pw_uid, found->pw_gid};
}

} // namespace

Status become_user(const std::string& user)
{
    if (user.empty())
        return Done{};
    auto ids = lookup(user);
    if (!ids)
        return ids.error();
    if (geteuid() == ids->uid)
        return Done{};
    // The groups first: once the uid is not root, they can no longer change.
    if (setgid(ids->gid) != 0 || initgroups(user.c_str(), ids->gid) != 0 || setuid(ids->uid) != 0)
        return make_error("user", "cannot become " + user + ": " + std::strerror(errno));
    return check_dropped(user, ids->uid, ids->gid);
}

Status hand_over(const std::string& path, const std::string& user)
{
    if (user.empty() || user == "root" || geteuid() != 0)
        return Done{};
    auto ids = lookup(user);
    if (!ids)
        return ids.error();
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (!fd)
        return errno == ENOENT ? Status(Done{}) : make_error("user", path + ": " + std::strerror(errno));
    struct stat st;
    if (fstat(fd.get(), &st) != 0)
        return make_error("user", path + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        return make_error("user", path + ": not a regular file");
    if ((st.st_uid != ids->uid || st.st_gid != ids->gid) && fchown(fd.get(), ids->uid, ids->gid) != 0)
        return make_error("user", path + ": chown to " + user + ": " + std::strerror(errno));
    return Done{};
}

} // namespace smsgate::os
