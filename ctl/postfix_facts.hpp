// postfix_facts.hpp - what smsgatectl check --postfix reads of a Postfix
// configuration (with postconf, postconf_reader.hpp) and what it expects of
// it (from smsgate.conf), as plain data: the checks over them
// (postfix_findings.hpp) are pure.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::ctl {

// One service of master.cf, as postconf -F and -P show it.
struct PostfixService {
    std::string name;    // "smsgate", "smtp"
    std::string type;    // "unix", "inet"
    std::string chroot;  // "y", "n" or "-" (the default of this Postfix)
    std::string command; // the command and its arguments: "pipe flags=R user=smsgate argv=..."
    std::map<std::string, std::string> overrides; // its -o name=value
};

struct PostfixFacts {
    std::map<std::string, std::string> params; // of main.cf, with $name expanded (postconf -x)
    std::vector<PostfixService> services;

    // The value of a parameter; empty when it has none.
    std::string param(const std::string& name) const;
    // A service of master.cf, or nullptr.
    const PostfixService* service(const std::string& name, const std::string& type) const;
    // Whether the service runs chrooted in queue_directory: "y", or "-"
    // before Postfix 3.0 (the default of the column is "n" since).
    bool chrooted(const PostfixService& service) const;
};

// What the gateway's configuration expects of Postfix.
struct GatewayFacts {
    std::vector<std::string> domains;       // [sms] domains
    int time_budget = 0;                    // [transport] time_budget, seconds
    std::string milter_socket;              // [milter] socket, libmilter's notation
    std::vector<std::string> submit_users;  // [worker] submit_users: who may submit
};

// A lookup in a Postfix table ("hash:/etc/postfix/transport",
// "inline:{...}"): the value for the key, or nothing.
using TableLookup = std::function<std::optional<std::string>(const std::string& table, const std::string& key)>;

} // namespace smsgate::ctl
