// postfix_findings.cpp - the SMS domains' address class and route, the
// pipe(8) service and its limits, long queue ids.
#include "postfix_findings.hpp"

#include "postfix_list.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace smsgate::ctl {

namespace {

// The address classes of ADDRESS_CLASS_README, in the order Postfix tries
// them, with the parameter that names each one's default transport.
struct AddressClass {
    std::string list;
    std::string transport; // empty: mail is rewritten, never delivered by class
};

const AddressClass classes[] = {
    {"mydestination", "local_transport"},
    {"virtual_alias_domains", ""},
    {"virtual_mailbox_domains", "virtual_transport"},
    {"relay_domains", "relay_transport"},
};

bool has_item(const std::string& list, const std::string& item)
{
    auto items = postfix_list(list);
    return std::find(items.begin(), items.end(), item) != items.end();
}

const AddressClass* address_class(const PostfixFacts& facts, const std::string& domain, const TableLookup& lookup)
{
    auto parents = facts.param("parent_domain_matches_subdomains");
    for (const auto& c : classes)
        if (domain_in_list(facts.param(c.list), domain, has_item(parents, c.list), lookup))
            return &c;
    return nullptr;
}

// The transport of "service:nexthop".
std::string service_of(const std::string& transport) { return transport.substr(0, transport.find(':')); }

// The master.cf service that delivers mail for domain.
std::string route(const PostfixFacts& facts, const std::string& domain, const AddressClass* cls,
                  const TableLookup& lookup)
{
    for (const auto& item : postfix_list(facts.param("transport_maps"))) {
        auto found = is_table(item) ? lookup(item, domain) : std::nullopt;
        if (found && !service_of(*found).empty())
            return service_of(*found);
        if (found)
            break; // ":nexthop": the class's transport
    }
    return service_of(facts.param(cls && !cls->transport.empty() ? cls->transport : "default_transport"));
}

std::string class_finding(const PostfixFacts& facts, const std::string& domain, const AddressClass* cls)
{
    if (cls && cls->transport.empty())
        return "SMS domain " + domain + " is in virtual_alias_domains: its addresses are rewritten, never "
               "delivered by the SMS transport; move it to relay_domains";
    auto relay = facts.param("relay_domains");
    return "SMS domain " + domain + " is not in relay_domains (nor mydestination or virtual_mailbox_domains): "
           "Postfix refuses mail for it; postconf -e 'relay_domains = " +
           (relay.empty() ? domain : relay + ", " + domain) + "'";
}

std::vector<std::string> words_of(const std::string& command)
{
    std::istringstream in(command);
    std::vector<std::string> words;
    for (std::string w; in >> w;)
        words.push_back(w);
    return words;
}

// The value of "name=value" among the words of a pipe(8) command.
std::optional<std::string> attribute(const std::vector<std::string>& words, const std::string& name)
{
    for (const auto& w : words)
        if (w.starts_with(name + "="))
            return w.substr(name.size() + 1);
    return std::nullopt;
}

bool runs_transport(const std::vector<std::string>& words)
{
    auto argv = attribute(words, "argv");
    if (words.empty() || words.front() != "pipe" || !argv)
        return false;
    auto slash = argv->rfind('/');
    return argv->substr(slash == std::string::npos ? 0 : slash + 1) == "smsgate-transport";
}

std::string suggested_user(const GatewayFacts& gateway)
{
    return gateway.submit_users.empty() ? "smsgate" : gateway.submit_users.front();
}

void user_findings(const std::vector<std::string>& words, const std::string& name, const GatewayFacts& gateway,
                   std::vector<std::string>& out)
{
    auto user = attribute(words, "user").value_or("");
    user = user.substr(0, user.find(':'));
    auto fix = "set user=" + suggested_user(gateway) + " on master.cf service " + name;
    if (user.empty())
        out.push_back("pipe(8) service " + name + " has no user=: pipe(8) will not run it; " + fix);
    else if (user == "root")
        out.push_back("pipe(8) service " + name + " runs smsgate-transport as root, which it refuses; " + fix);
    else if (!gateway.submit_users.empty() && std::find(gateway.submit_users.begin(), gateway.submit_users.end(), user) == gateway.submit_users.end())
        out.push_back("pipe(8) service " + name + " runs as " + user + ", who is not in [worker] submit_users: " +
                      "the worker refuses its deliveries; add " + user + " to submit_users, or " + fix);
}

void limit_findings(const PostfixFacts& facts, const PostfixService& service, const GatewayFacts& gateway,
                    std::vector<std::string>& out)
{
    auto limit_name = service.name + "_destination_recipient_limit";
    auto limit = facts.param(limit_name);
    if (limit.empty())
        limit = facts.param("default_destination_recipient_limit");
    if (limit != "1")
        out.push_back(limit_name + " is " + (limit.empty() ? "unset" : limit) +
                      ", not 1: one delivery would carry several numbers with one outcome; postconf -e " +
                      limit_name + "=1");
    // pipe(8) reads it: its -o in master.cf first.
    auto time_name = service.name + "_time_limit";
    auto override = service.overrides.find(time_name);
    bool overridden = override != service.overrides.end();
    auto time = overridden ? override->second : facts.param(time_name);
    if (time.empty())
        time = facts.param("command_time_limit");
    auto seconds = postfix_seconds(time);
    auto wanted = time_name + "=" + std::to_string(2 * gateway.time_budget) + "s";
    auto key = service.name + "/" + service.type + "/";
    if (!seconds || *seconds <= gateway.time_budget)
        out.push_back((overridden ? "the -o " + time_name + " of " + service.name + "/" + service.type : time_name) + " is " +
                      (time.empty() ? "unset" : time) + ", not longer than [transport] time_budget (" +
                      std::to_string(gateway.time_budget) +
                      " s): pipe(8) kills the transport before it defers, and the mail bounces; " +
                      (overridden ? "postconf -P -e " + key + wanted : "postconf -e " + wanted));
}

void service_findings(const PostfixFacts& facts, const GatewayFacts& gateway, const std::string& domain,
                      const std::string& name, std::vector<std::string>& out)
{
    const auto* service = facts.service(name, "unix");
    auto words = service ? words_of(service->command) : std::vector<std::string>{};
    if (!service || !runs_transport(words)) {
        out.push_back("SMS domain " + domain + " goes to transport " + (name.empty() ? "(none)" : name) +
                      (service ? ", which is not pipe(8) with argv=.../smsgate-transport" : ", which master.cf lacks") +
                      "; add the smsgate service of the example master.cf and map " + domain +
                      " to smsgate: in transport_maps");
        return;
    }
    user_findings(words, name, gateway, out);
    limit_findings(facts, *service, gateway, out);
}

} // namespace

std::vector<std::string> postfix_findings(const PostfixFacts& facts, const GatewayFacts& gateway,
                                          const TableLookup& lookup)
{
    std::vector<std::string> out;
    std::set<std::string> services_seen;
    for (const auto& domain : gateway.domains) {
        const auto* cls = address_class(facts, domain, lookup);
        if (!cls || cls->transport.empty())
            out.push_back(class_finding(facts, domain, cls));
        auto service = route(facts, domain, cls, lookup);
        if (services_seen.insert(service).second)
            service_findings(facts, gateway, domain, service, out);
    }
    if (facts.param("enable_long_queue_ids") != "yes")
        out.push_back("enable_long_queue_ids is " + facts.param("enable_long_queue_ids") +
                      ": short queue ids are reused, and a new mail could be taken for a delivery already made; "
                      "postconf -e enable_long_queue_ids=yes");
    auto milter = milter_findings(facts, gateway);
    out.insert(out.end(), milter.begin(), milter.end());
    return out;
}

} // namespace smsgate::ctl
