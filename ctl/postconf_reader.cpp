// postconf_reader.cpp - runs postconf and postmap (argv only, no shell)
// and reads their "name = value" lines.
#include "postconf_reader.hpp"

#include "process/process.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace smsgate::ctl {

namespace {

// Seconds postconf or postmap may take: they read a few files.
constexpr int tool_seconds = 30;

// The program in PATH or in /usr/sbin, where Debian keeps Postfix's tools.
std::string find_program(const std::string& name)
{
    const char* env = std::getenv("PATH");
    std::istringstream dirs(std::string(env ? env : "") + ":/usr/sbin:/sbin");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && access((dir + "/" + name).c_str(), X_OK) == 0)
            return dir + "/" + name;
    return "/usr/sbin/" + name;
}

struct Ran {
    int exit_status = -1;
    std::string output; // without the tool's "postconf: warning: ..." lines
    std::string diagnostics;
};

Result<Ran> run_tool(std::vector<std::string> command)
{
    command.front() = find_program(command.front());
    auto child = process::spawn(command);
    if (!child)
        return child.error();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(tool_seconds);
    auto pumped = process::pump(*child, "", deadline);
    auto reaped = process::reap(*child, deadline, pumped.overran);
    if (!reaped)
        return reaped.error();
    Ran ran;
    ran.exit_status = WIFEXITED(reaped->status) ? WEXITSTATUS(reaped->status) : -1;
    std::istringstream lines(pumped.output);
    auto tool = command.front().substr(command.front().rfind('/') + 1) + ": ";
    for (std::string line; std::getline(lines, line);)
        (line.starts_with(tool) ? ran.diagnostics : ran.output) += line + "\n";
    return ran;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

Result<std::string> postconf(const std::string& dir, std::vector<std::string> args)
{
    std::vector<std::string> command{"postconf", "-c", dir};
    command.insert(command.end(), args.begin(), args.end());
    auto ran = run_tool(command);
    if (!ran)
        return ran.error();
    if (ran->exit_status != 0)
        return make_error("postconf", ran->diagnostics.empty() ? "postconf -c " + dir + " failed (its reason is in the mail log)"
                                                         : trimmed(ran->diagnostics));
    return ran->output;
}

// "name = value" lines as a map; "name =" has an empty value.
std::map<std::string, std::string> assignments(const std::string& text)
{
    std::map<std::string, std::string> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        auto eq = line.find(" =");
        if (eq != std::string::npos)
            out[line.substr(0, eq)] = eq + 3 <= line.size() ? line.substr(eq + 3) : "";
    }
    return out;
}

// "name/type/field" as its three parts.
bool split_key(const std::string& key, std::string& name, std::string& type, std::string& field)
{
    auto last = key.rfind('/');
    auto middle = last == std::string::npos || last == 0 ? std::string::npos : key.rfind('/', last - 1);
    if (middle == std::string::npos)
        return false;
    name = key.substr(0, middle);
    type = key.substr(middle + 1, last - middle - 1);
    field = key.substr(last + 1);
    return true;
}

PostfixService& service_of(std::vector<PostfixService>& services, const std::string& name, const std::string& type)
{
    for (auto& s : services)
        if (s.name == name && s.type == type)
            return s;
    services.push_back(PostfixService{name, type, "-", "", {}});
    return services.back();
}

Status read_master(const std::string& dir, PostfixFacts& facts)
{
    auto fields = postconf(dir, {"-F"});
    auto overrides = fields ? postconf(dir, {"-Px"}) : fields;
    if (!overrides)
        return overrides.error();
    std::string name, type, field;
    for (const auto& [key, value] : assignments(*fields))
        if (split_key(key, name, type, field) && (field == "chroot" || field == "command"))
            (field == "chroot" ? service_of(facts.services, name, type).chroot
                               : service_of(facts.services, name, type).command) = value;
    for (const auto& [key, value] : assignments(*overrides))
        if (split_key(key, name, type, field))
            service_of(facts.services, name, type).overrides[field] = value;
    return Done{};
}

const char* const main_parameters[] = {
    "mail_version", "queue_directory", "mydestination", "virtual_alias_domains", "virtual_mailbox_domains",
    "relay_domains", "parent_domain_matches_subdomains", "transport_maps", "local_transport",
    "virtual_transport", "relay_transport", "default_transport", "default_destination_recipient_limit",
    "command_time_limit", "enable_long_queue_ids", "smtpd_milters", "non_smtpd_milters", "mail_owner",
};

} // namespace

Result<PostfixFacts> read_postfix(const std::string& config_dir)
{
    // Postfix's tools say why they fail to syslog only, unless standard
    // error is a terminal: say it here for the usual reason.
    for (const auto* file : {"/main.cf", "/master.cf"})
        if (::access((config_dir + file).c_str(), R_OK) != 0)
            return make_error("postconf", config_dir + file + ": " + std::strerror(errno));
    PostfixFacts facts;
    if (auto master = read_master(config_dir, facts); !master)
        return master.error();
    std::vector<std::string> args{"-x"};
    args.insert(args.end(), std::begin(main_parameters), std::end(main_parameters));
    for (const auto& s : facts.services)
        if (s.command.starts_with("pipe")) {
            args.push_back(s.name + "_destination_recipient_limit");
            args.push_back(s.name + "_time_limit");
        }
    auto values = postconf(config_dir, args);
    if (!values)
        return values.error();
    facts.params = assignments(*values);
    return facts;
}

TableLookup postmap_lookup(const std::string& config_dir, std::vector<std::string>& problems)
{
    return [config_dir, &problems](const std::string& table, const std::string& key) -> std::optional<std::string> {
        auto ran = run_tool({"postmap", "-c", config_dir, "-q", key, table});
        if (!ran)
            problems.push_back(ran.error().message);
        else if (ran->exit_status != 0 && ran->exit_status != 1) // 1: not found
            problems.push_back(table + ": " + trimmed(ran->diagnostics));
        if (!ran || ran->exit_status != 0)
            return std::nullopt;
        return ran->output.substr(0, ran->output.find('\n'));
    };
}

} // namespace smsgate::ctl
