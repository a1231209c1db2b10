// postfix_milter.cpp - whether smtpd (smtpd_milters) and cleanup
// (non_smtpd_milters) reach the milter's socket, from inside
// queue_directory when master.cf runs them chrooted: a chrooted process
// looks for unix:/run/x.sock as QUEUE_DIRECTORY/run/x.sock, and every
// Postfix daemon resolves a relative path from queue_directory.
#include "postfix_findings.hpp"

#include "postfix_list.hpp"

#include <sstream>

namespace smsgate::ctl {

namespace {

struct Endpoint {
    bool local = true;  // a unix-domain socket at path; else TCP at port
    std::string path;
    std::string host;
    std::string port;
};

// The milter's own notation (libmilter): unix:/path, local:/path,
// inet:PORT@HOST, inet6:PORT@HOST.
std::optional<Endpoint> milter_endpoint(const std::string& socket)
{
    for (std::string scheme : {"unix:", "local:"})
        if (socket.starts_with(scheme))
            return Endpoint{true, socket.substr(scheme.size()), "", ""};
    for (std::string scheme : {"inet:", "inet6:"})
        if (socket.starts_with(scheme)) {
            auto rest = socket.substr(scheme.size());
            auto at = rest.find('@');
            return Endpoint{false, "", at == std::string::npos ? "localhost" : rest.substr(at + 1), rest.substr(0, at)};
        }
    return std::nullopt;
}

// Postfix's notation: unix:path, inet:host:port, or either as the first
// item of "{ ..., name=value }".
std::optional<Endpoint> postfix_endpoint(std::string item)
{
    if (item.size() > 1 && item.front() == '{' && item.back() == '}') {
        auto inner = postfix_list(item.substr(1, item.size() - 2));
        if (inner.empty())
            return std::nullopt;
        item = inner.front();
    }
    if (item.starts_with("unix:"))
        return Endpoint{true, item.substr(5), "", ""};
    auto colon = item.rfind(':');
    if (item.starts_with("inet:") && colon > 4)
        return Endpoint{false, "", item.substr(5, colon - 5), item.substr(colon + 1)};
    return std::nullopt;
}

// A path with its "//" and "/./" folded and no trailing "/".
std::string normal(const std::string& path)
{
    std::string out;
    std::istringstream in(path);
    for (std::string part; std::getline(in, part, '/');)
        if (!part.empty() && part != ".")
            out += "/" + part;
    return path.starts_with("/") ? out : out.substr(out.empty() ? 0 : 1);
}

// Where a Postfix daemon looks for the socket at path.
std::string seen_as(const std::string& path, bool chrooted, const std::string& queue_directory)
{
    if (chrooted || !path.starts_with("/"))
        return normal(queue_directory + "/" + path);
    return normal(path);
}

bool reaches(const Endpoint& ours, const std::string& list, bool chrooted, const std::string& queue_directory)
{
    for (const auto& item : postfix_list(list)) {
        auto theirs = postfix_endpoint(item);
        if (!theirs || theirs->local != ours.local)
            continue;
        if (ours.local ? seen_as(theirs->path, chrooted, queue_directory) == normal(ours.path)
                       : theirs->port == ours.port)
            return true;
    }
    return false;
}

// How to mend it: name the socket in the list as the daemon sees it, or
// move the socket into the chroot first.
std::string fix(const Endpoint& ours, const std::string& list_name, bool chrooted, const std::string& queue_directory)
{
    if (!ours.local)
        return "put inet:" + ours.host + ":" + ours.port + " in " + list_name;
    auto inside = normal(queue_directory) + "/";
    auto path = normal(ours.path);
    if (path.starts_with(inside))
        return "put unix:" + path.substr(inside.size()) + " in " + list_name;
    if (chrooted)
        return "set [milter] socket = unix:" + inside + "smsgate/milter.sock and " + list_name +
               " = unix:smsgate/milter.sock";
    return "put unix:" + path + " in " + list_name;
}

struct Reader {
    std::string command;   // the daemon that asks the milter
    std::string list_name; // the parameter that names the milters
    bool optional;         // an empty list is a choice, not a mistake
};

std::string finding(const PostfixFacts& facts, const PostfixService& service, const Reader& reader,
                    const Endpoint& ours, const std::string& list, const std::string& socket)
{
    bool chrooted = facts.chrooted(service);
    auto queue_directory = facts.param("queue_directory");
    bool overridden = service.overrides.count(reader.list_name) > 0;
    auto list_name = overridden ? "the -o " + reader.list_name + " of " + service.name + "/" + service.type
                                : reader.list_name;
    auto text = reader.command + " (master.cf " + service.name + "/" + service.type +
                (chrooted ? ", chrooted in " + queue_directory : "") + ") does not reach the milter's socket " +
                socket + " through " + list_name + " = " + (list.empty() ? "(empty)" : list);
    for (const auto& item : postfix_list(list))
        if (auto theirs = postfix_endpoint(item); theirs && theirs->local && chrooted)
            text += " (" + item + " is " + seen_as(theirs->path, true, queue_directory) + " in the chroot)";
    return text + "; " + fix(ours, list_name, chrooted, queue_directory);
}

} // namespace

std::vector<std::string> milter_findings(const PostfixFacts& facts, const GatewayFacts& gateway)
{
    static const Reader readers[] = {{"smtpd", "smtpd_milters", false}, {"cleanup", "non_smtpd_milters", true}};
    std::vector<std::string> out;
    auto ours = milter_endpoint(gateway.milter_socket);
    if (!ours)
        return out;
    for (const auto& reader : readers)
        for (const auto& service : facts.services) {
            std::istringstream command(service.command);
            std::string program;
            command >> program;
            if (program != reader.command)
                continue;
            auto o = service.overrides.find(reader.list_name);
            auto list = o != service.overrides.end() ? o->second : facts.param(reader.list_name);
            if (reader.optional && list.empty())
                continue;
            if (!reaches(*ours, list, facts.chrooted(service), facts.param("queue_directory")))
                out.push_back(finding(facts, service, reader, *ours, list, gateway.milter_socket));
        }
    return out;
}

} // namespace smsgate::ctl
