// privileges.cpp - giving up root for the configured user.
#include "os/privileges.hpp"

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

} // namespace

Status become_user(const std::string& user)
{
    if (user.empty())
        return Done{};
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (int rc = getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found); rc != 0)
        return make_error("user", "cannot look up user " + user + ": " + std::strerror(rc));
    if (!found)
        return make_error("user", "no user " + user);
    if (geteuid() == found->pw_uid)
        return Done{};
    // The groups first: once the uid is not root, they can no longer change.
    if (setgid(found->pw_gid) != 0 || initgroups(found->pw_name, found->pw_gid) != 0 || setuid(found->pw_uid) != 0)
        return make_error("user", "cannot become " + user + ": " + std::strerror(errno));
    return check_dropped(user, found->pw_uid, found->pw_gid);
}

Status hand_over(const std::string& path, const std::string& user)
{
    if (user.empty() || user == "root" || geteuid() != 0)
        return Done{};
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (int rc = getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found); rc != 0 || !found)
        return make_error("user", rc ? "cannot look up user " + user + ": " + std::strerror(rc) : "no user " + user);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return errno == ENOENT ? Status(Done{}) : make_error("user", path + ": " + std::strerror(errno));
    struct stat st;
    Status done = Done{};
    if (fstat(fd, &st) != 0)
        done = make_error("user", path + ": " + std::strerror(errno));
    else if (!S_ISREG(st.st_mode))
        done = make_error("user", path + ": not a regular file");
    else if ((st.st_uid != found->pw_uid || st.st_gid != found->pw_gid) && fchown(fd, found->pw_uid, found->pw_gid) != 0)
        done = make_error("user", path + ": chown to " + user + ": " + std::strerror(errno));
    ::close(fd);
    return done;
}

} // namespace smsgate::os
