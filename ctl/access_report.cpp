// access_report.cpp - one line per file and user: ok, or what is wrong and
// the fix.
#include "access_report.hpp"

#include "access_probe.hpp"

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace smsgate::ctl {

namespace {

std::string user_name(uid_t uid)
{
    const passwd* pw = getpwuid(uid);
    return pw ? pw->pw_name : std::to_string(uid);
}

std::string group_name(gid_t gid)
{
    const group* gr = getgrgid(gid);
    return gr ? gr->gr_name : std::to_string(gid);
}

FileFacts facts_of(const std::string& path)
{
    struct stat st{};
    if (stat(path.c_str(), &st) != 0)
        return {};
    return FileFacts{st.st_mode & 07777, user_name(st.st_uid), group_name(st.st_gid)};
}

std::string mode_text(const FileFacts& f)
{
    return "mode " + octal_mode(f.mode) + " " + f.owner + ":" + f.group;
}

struct Who {
    std::string name;  // user name
    std::string group; // its primary group
    std::string program;
};

std::string refusal(const Need& need, const Outcome& o, const Who& who)
{
    auto user = "user " + who.name + " (" + who.program + ")";
    if (o.error == ENOENT && o.access == Access::create_in)
        return o.path + " (" + need.why + "): no such directory yet; install -d -o " + who.name + " -g " +
               who.group + " -m 0750 " + o.path;
    if (o.error != EACCES)
        return need.path + " (" + need.why + "): " + user + " cannot " + access_words(o.access) + " " + o.path +
               ": " + std::strerror(o.error);
    auto file = facts_of(o.path);
    auto fix = access_fix(o.access, file, who.name, who.group);
    if (o.path != need.path)
        return need.path + " (" + need.why + "): " + user + " cannot reach it: no search permission on " + o.path +
               " (" + mode_text(file) + "); " + fix;
    return need.path + " (" + need.why + "): " + user + " cannot " + access_words(o.access) + " it (" +
           mode_text(file) + "); " + fix;
}

void report_outcomes(const Reader& reader, const std::vector<Outcome>& outcomes, const Who& who, Report& report)
{
    for (std::size_t i = 0; i < outcomes.size() && i < reader.needs.size(); ++i) {
        const auto& need = reader.needs[i];
        const auto& o = outcomes[i];
        if (o.error == 0)
            report.ok(need.path + ": " + access_words(need.access) + " as " + who.name + " (" + reader.program + ")");
        else if (o.error == ENOENT && o.path == need.path && (need.may_be_missing || need.access == Access::read))
            continue; // not there yet, or a file its loader already reported missing
        else if (o.error == ENOENT && o.access == Access::create_in)
            report.warning(refusal(need, o, who)); // a unit's StateDirectory= may make it at start
        else
            report.error(refusal(need, o, who));
    }
}

} // namespace

void report_access(const std::vector<Reader>& readers, Report& report, bool say_who)
{
    bool root = geteuid() == 0;
    if (!root && say_who)
        report.io.out << "checking files as user " << user_name(geteuid())
                      << ", not as the programs' users: run as root for that\n";
    for (const auto& reader : readers) {
        const passwd* pw = reader.user.empty() ? nullptr : getpwnam(reader.user.c_str());
        if (!reader.user.empty() && !pw) {
            report.error(reader.user_key + ": no user '" + reader.user + "' (" + reader.program + ")");
            continue;
        }
        if (!root)
            pw = nullptr;
        Who who{pw ? pw->pw_name : user_name(geteuid()), group_name(pw ? pw->pw_gid : getegid()), reader.program};
        auto outcomes = probe(pw, reader.needs, reader.primary_group_only);
        if (!outcomes)
            report.error(outcomes.error().message);
        else
            report_outcomes(reader, *outcomes, who, report);
    }
}

} // namespace smsgate::ctl
