// worker_section.hpp - smsgated's share of smsgate.conf(5): its own
// [worker] section, the [sms] section of the whole gateway, the [mail]
// section of the mails it writes back, and its modems, sections
// [modem.NAME] (modem_section.hpp). smsgatectl reads it too.
#pragma once

#include "config/mail_section.hpp"
#include "config/modem_section.hpp"
#include "config/program_share.hpp"
#include "config/sms_config.hpp"
#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace smsgate::config {

struct WorkerConfig {
    std::string socket = "/run/smsgate/smsgated.sock";
    std::string socket_group;          // group of the socket; empty: the worker's
    std::string socket_mode = "0660";
    std::string user;                  // run as this user once socket, devices and database are open
    std::string pid_file;              // written at start, removed at a clean exit; empty: none
    std::string database = "/var/lib/smsgate/smsgate.db";
    std::string log = "syslog";        // syslog, postfix[:CONFIG_DIR], stderr, or a file
    bool log_text = false;             // log lines show the text of received SMS
    std::string smsc;                  // empty: the SMSC stored in each modem
    long validity_minutes = 1440;      // TP-VP of every SMS-SUBMIT; 0: none
    bool status_reports = true;        // TP-SRR
    int max_attempts = 5;              // temporary failures before a job is deferred to Postfix
    int retry_seconds = 30;            // first retry delay, doubled after each failure
    int poll_seconds = 11;             // AT+CMGL sweep and signal check, as SMS Comfort does
    std::string metrics_file;          // Prometheus text file, rewritten every poll_seconds; empty: none
    int incoming_part_timeout = 3600;  // seconds to wait for the missing parts of a long SMS
    int command_timeout_limit = 3;     // consecutive command timeouts that reset a modem
    int doubt_seconds = 120;           // wait for the status report of a part in doubt before sending it again
    // Who may use the socket, by the peer's credentials (root always may):
    // submit (the pipe(8) user), send (smsgatectl send), status and history.
    std::vector<std::string> submit_users{"smsgate"};
    std::vector<std::string> send_users, send_groups;
    std::vector<std::string> status_users, status_groups;
    // Administrators: admin_users may send and read, admin_group may read.
    std::vector<std::string> admin_users;
    std::string admin_group;
    int client_timeout = 30;           // seconds to send a whole request
    int max_connections = 512;         // connections the worker holds at most
    int max_connections_per_uid = 16;  // of one uid that is neither root nor a submit user
    int reserved_connections = 128;    // of max_connections, only for root and the submit users
    std::string database_mode = "0600";
    // The sender quota book of smsgate-milter ([milter] quota_database):
    // the quota of mail that did not pass the milter is claimed in it when
    // the transport hands a delivery over (request=deliver).
    std::string quota_database = "/var/lib/smsgate/quota.db";
    std::vector<ModemConfig> modems;
    SmsConfig sms;                     // [sms]: the SMS domains and the default region
    MailConfig mail;                   // [mail]: the mails written back
};

// database_mode as a number (checked when the file is read).
unsigned database_mode(const WorkerConfig& config);

// The option table of [worker], for --help and the test that every key is
// documented.
boost::program_options::options_description worker_options(WorkerConfig& config);

// What smsgated reads of the file, as load_config<WorkerConfig>(path)
// (program_share.hpp) reads it.
Share share_of(WorkerConfig& config);

// load_config<WorkerConfig>(path), or the defaults when path is empty. The
// error names the file, the key, and what is wrong with it.
Result<WorkerConfig> load_worker_config(const std::string& path);

} // namespace smsgate::config
