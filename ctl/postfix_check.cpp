// postfix_check.cpp - the Postfix configuration as the gateway needs it.
#include "postfix_check.hpp"

#include "postconf_reader.hpp"
#include "postfix_findings.hpp"

#include <set>

namespace smsgate::ctl {

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
    if (report.errors == before)
        report.ok(config_dir + ": postfix");
}

} // namespace smsgate::ctl
