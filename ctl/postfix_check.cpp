// postfix_check.cpp - the Postfix configuration as the gateway needs it.
#include "postfix_check.hpp"

#include "access_report.hpp"
#include "postconf_reader.hpp"
#include "postfix_findings.hpp"

#include <set>

namespace smsgate::ctl {

namespace {

// smtpd and cleanup connect to the milter's socket as mail_owner.
void report_socket_access(const PostfixFacts& facts, const GatewayFacts& gateway, Report& report)
{
    auto colon = gateway.milter_socket.find(':');
    auto scheme = gateway.milter_socket.substr(0, colon);
    auto owner = facts.param("mail_owner");
    if ((scheme != "unix" && scheme != "local") || owner.empty())
        return;
    Need need{gateway.milter_socket.substr(colon + 1), Access::connect, "[milter] socket", true};
    report_access({Reader{"smtpd", owner, "mail_owner of Postfix", {need}, true}}, report, false);
}

} // namespace

void report_postfix(const std::string& config_dir, const GatewayFacts& gateway, Report& report)
{
    auto facts = read_postfix(config_dir);
    if (!facts) {
        report.error("postfix: cannot read the configuration in " + config_dir + ": " + facts.error().message);
        return;
    }
    auto before = report.errors;
    std::vector<std::string> problems;
    for (const auto& finding : postfix_findings(*facts, gateway, postmap_lookup(config_dir, problems)))
        report.error("postfix: " + finding);
    std::set<std::string> seen;
    for (const auto& problem : problems)
        if (seen.insert(problem).second)
            report.error("postfix: cannot look up a table: " + problem);
    report_socket_access(*facts, gateway, report);
    if (report.errors == before)
        report.ok(config_dir + ": postfix");
}

} // namespace smsgate::ctl
