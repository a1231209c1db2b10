// access_probe.cpp - access(2) as another user, in a child that drops to it.
#include "access_probe.hpp"

#include "util/fd.hpp"

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace smsgate::ctl {

namespace {

int mode_of(Access access)
{
    switch (access) {
    case Access::read: return R_OK;
    case Access::read_write: return R_OK | W_OK;
    case Access::write_or_create:
    case Access::connect: return W_OK;
    case Access::create_in: return W_OK | X_OK;
    case Access::search: return X_OK;
    }
    return R_OK;
}

// access(2) for path; when refused, the first directory on the way that
// cannot be searched, if there is one, is where it was refused.
Outcome try_access(const std::string& path, Access access)
{
    if (::access(path.c_str(), mode_of(access)) == 0)
        return {0, path, access};
    int error = errno;
    for (auto slash = path.find('/', 1); error == EACCES && slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
        auto dir = path.substr(0, slash);
        if (::access(dir.c_str(), X_OK) != 0)
            return {errno, dir, Access::search};
    }
    return {error, path, access};
}

Outcome try_need(const Need& need)
{
    if (need.access == Access::write_or_create && ::access(need.path.c_str(), F_OK) != 0 && errno == ENOENT) {
        auto slash = need.path.rfind('/');
        return try_access(slash == 0 ? "/" : need.path.substr(0, slash), Access::create_in);
    }
    return try_access(need.path, need.access);
}

// "error access path" lines, one per need.
std::string encode(const std::vector<Need>& needs)
{
    std::string out;
    for (const auto& need : needs) {
        auto o = try_need(need);
        out += std::to_string(o.error) + " " + std::to_string(static_cast<int>(o.access)) + " " + o.path + "\n";
    }
    return out;
}

std::vector<Outcome> decode(const std::string& text)
{
    std::vector<Outcome> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        Outcome o;
        int access = 0;
        fields >> o.error >> access;
        fields.get();
        std::getline(fields, o.path);
        o.access = static_cast<Access>(access);
        out.push_back(o);
    }
    return out;
}

// Writes all of text to fd, or exits with status 3.
void write_all(int fd, const std::string& text)
{
    for (std::size_t done = 0; done < text.size();) {
        auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno != EINTR)
            _exit(3);
        done += n > 0 ? static_cast<std::size_t>(n) : 0;
    }
}

// The child becomes the user; when it cannot, it writes the failed call and
// its errno as "!CALL: REASON" and exits 2.
[[noreturn]] void child(const passwd& user, const std::vector<Need>& needs, int out, bool primary_group_only)
{
    gid_t primary = user.pw_gid;
    const char* failed = nullptr;
    if (primary_group_only ? setgroups(1, &primary) != 0 : initgroups(user.pw_name, user.pw_gid) != 0)
        failed = primary_group_only ? "setgroups" : "initgroups";
    else if (setgid(user.pw_gid) != 0)
        failed = "setgid";
    else if (setuid(user.pw_uid) != 0)
        failed = "setuid";
    if (failed) {
        write_all(out, std::string("!") + failed + ": " + std::strerror(errno));
        _exit(2);
    }
    write_all(out, encode(needs));
    _exit(0);
}

} // namespace

Result<std::vector<Outcome>> probe(const passwd* user, const std::vector<Need>& needs, bool primary_group_only)
{
    if (!user)
        return decode(encode(needs));
    int ends[2];
    if (pipe(ends) != 0)
        return make_error("probe", std::string("pipe: ") + std::strerror(errno));
    Fd read_end(ends[0]), write_end(ends[1]);
    pid_t pid = fork();
    if (pid < 0)
        return make_error("probe", std::string("fork: ") + std::strerror(errno));
    if (pid == 0)
        child(*user, needs, write_end.get(), primary_group_only);
    write_end.reset();
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(read_end.get(), buffer, sizeof buffer)) != 0;)
        if (n > 0)
            text.append(buffer, static_cast<std::size_t>(n));
        else if (errno != EINTR)
            break;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return make_error("probe", std::string("cannot become user ") + user->pw_name +
                                       (text.rfind('!', 0) == 0 ? " (" + text.substr(1) + ")" : ""));
    return decode(text);
}

} // namespace smsgate::ctl
