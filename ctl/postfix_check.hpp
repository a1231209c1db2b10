// postfix_check.hpp - smsgatectl check --postfix: reads a Postfix
// configuration (postconf_reader.hpp) and reports what postfix_findings
// finds, one error line each; and whether Postfix's mail_owner may
// connect to the milter's socket, when it is there.
#pragma once

#include "check_report.hpp"
#include "postfix_facts.hpp"

#include <string>

namespace smsgate::ctl {

void report_postfix(const std::string& config_dir, const GatewayFacts& gateway, Report& report);

} // namespace smsgate::ctl
