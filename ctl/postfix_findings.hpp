// postfix_findings.hpp - what smsgatectl check --postfix finds wrong in a
// Postfix configuration for the gateway: each finding is one line that
// says what is wrong and how to mend it. Pure: the facts in, the lines out.
#pragma once

#include "postfix_facts.hpp"

#include <string>
#include <vector>

namespace smsgate::ctl {

// Every SMS domain: in an address class Postfix accepts mail for (not
// virtual_alias_domains); routed (transport_maps, else the class's
// transport) to a pipe(8) service of master.cf that runs
// smsgate-transport as a user other than root who may submit to the
// worker, with <service>_destination_recipient_limit = 1 and a
// <service>_time_limit longer than the transport's time budget. Then
// enable_long_queue_ids = yes, and the milter (milter_findings).
std::vector<std::string> postfix_findings(const PostfixFacts& facts, const GatewayFacts& gateway,
                                          const TableLookup& lookup);

// The milter's socket is reached by every smtpd of master.cf through its
// smtpd_milters (and by cleanup through non_smtpd_milters, when that is
// set), from inside queue_directory when the service runs chrooted.
std::vector<std::string> milter_findings(const PostfixFacts& facts, const GatewayFacts& gateway);

} // namespace smsgate::ctl
