// Giving up root (common/os/privileges.hpp): in a child process, since the
// change cannot be undone.
#include "os/privileges.hpp"

#include <doctest/doctest.h>

#include <grp.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using smsgate::os::become_user;

namespace {

// Runs body in a child; its exit status (0: every check held).
int in_child(int (*body)())
{
    pid_t child = fork();
    if (child == 0)
        _exit(body());
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

int become_nobody()
{
    const passwd* pw = getpwnam("nobody");
    if (!pw)
        return 10;
    uid_t uid = pw->pw_uid;
    gid_t gid = pw->pw_gid;
    if (!become_user("nobody").ok())
        return 11;
    uid_t r = 0, e = 0, s = 0;
    gid_t rg = 0, eg = 0, sg = 0;
    getresuid(&r, &e, &s);
    getresgid(&rg, &eg, &sg);
    if (r != uid || e != uid || s != uid || rg != gid || eg != gid || sg != gid)
        return 12;
    // Root's supplementary groups are gone: only the user's own are left.
    std::vector<gid_t> groups(256);
    int n = getgroups(static_cast<int>(groups.size()), groups.data());
    for (int i = 0; i < n; ++i)
        if (groups[i] == 0)
            return 13;
    if (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0)
        return 14;
    // Becoming the user one already is changes nothing.
    if (!become_user("nobody").ok())
        return 15;
    return 0;
}

} // namespace

TEST_CASE("privileges: root becomes the user, every id, and cannot come back")
{
    if (geteuid() != 0) {
        MESSAGE("not root: the change of user is not tried");
        return;
    }
    CHECK(in_child(become_nobody) == 0);
}

TEST_CASE("privileges: no user, an unknown user")
{
    CHECK(become_user("").ok());
    auto unknown = become_user("no-such-user-of-smsgate");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message == "no user no-such-user-of-smsgate");
}
