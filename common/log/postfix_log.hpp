// postfix_log.hpp - where Postfix itself logs, as postconf(1) says: the
// maillog_file (empty: syslog), the endpoint of its postlog service
// ($queue_directory/public/$postlog_service_name) and the host name its
// lines carry (the first label of $myhostname). postlog(1) writes there
// the same way: one datagram a line, in the format of the maillog file.
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>

namespace smsgate::log {

struct PostfixLog {
    std::string maillog_file;   // empty: Postfix logs to syslog
    std::string postlog_socket; // $queue_directory/public/$postlog_service_name
    std::string hostname;       // first label of $myhostname
};

// Asks /usr/sbin/postconf, with -c config_dir when one is given. An error
// when postconf cannot be run or says nothing usable.
Result<PostfixLog> ask_postfix(std::string_view config_dir);

// "postfix" or "postfix:CONFIG_DIR": the Postfix configuration directory a
// log destination names (empty: Postfix's default); nullopt-like false
// when destination is not a Postfix one.
bool is_postfix_destination(std::string_view destination, std::string& config_dir);

} // namespace smsgate::log
