// worker_section.cpp - the [worker] option table, its checks, and
// smsgated's share of the file.
#include "config/worker_section.hpp"

#include "config/ini.hpp"
#include "config/program_share.hpp"
#include "phone/number.hpp"
#include "sms/submit.hpp"

#include <sstream>

namespace po = boost::program_options;

namespace smsgate::config {

namespace {

// The keys of the socket's access rules and limits, and the database's mode.
void add_access_options(po::options_description& d, WorkerConfig& c)
{
    auto list = [](std::vector<std::string>* to, const std::vector<std::string>& fallback) {
        std::string shown;
        for (const auto& s : fallback)
            shown += (shown.empty() ? "" : ",") + s;
        return po::value<std::string>()->default_value(shown)->notifier(
            [to](const std::string& v) { *to = split_list(v); });
    };
    // clang-format off
    d.add_options()
        ("worker.submit_users", list(&c.submit_users, c.submit_users),
         "users that may submit mail (the pipe(8) user); root always may")
        ("worker.send_users", list(&c.send_users, c.send_users), "users that may use smsgatectl send")
        ("worker.send_groups", list(&c.send_groups, c.send_groups), "groups that may use smsgatectl send")
        ("worker.status_users", list(&c.status_users, c.status_users), "users that may ask status and history")
        ("worker.status_groups", list(&c.status_groups, c.status_groups), "groups that may ask status and history")
        ("worker.admin_users", list(&c.admin_users, c.admin_users),
         "administrators: may use smsgatectl send, status and history")
        ("worker.admin_group", po::value(&c.admin_group), "group whose members may ask status and history")
        ("worker.client_timeout", defaulted(c.client_timeout), "seconds a client has to send a whole request")
        ("worker.max_connections", defaulted(c.max_connections), "connections the worker holds at most")
        ("worker.max_connections_per_uid",
         defaulted(c.max_connections_per_uid),
         "connections of one uid that is neither root nor a submit user")
        ("worker.reserved_connections", defaulted(c.reserved_connections),
         "connections only root and the submit users may take")
        ("worker.database_mode", defaulted(c.database_mode), "mode of the database and its WAL files")
        ("milter.quota_database", defaulted(c.quota_database),
         "the sender quota book, shared with smsgate-milter, for deliveries from the transport");
    // clang-format on
}

} // namespace

po::options_description worker_options(WorkerConfig& c)
{
    po::options_description d("[worker]");
    // clang-format off
    d.add_options()
        ("worker.socket", defaulted(c.socket), "Unix socket of the worker")
        ("worker.socket_group", po::value(&c.socket_group), "group that may use the socket")
        ("worker.socket_mode", defaulted(c.socket_mode), "mode of the socket")
        ("worker.user", po::value(&c.user),
         "user to run as once the socket, the modems and the database are open")
        ("worker.pid_file", po::value(&c.pid_file), "file that holds the process id while smsgated runs")
        ("worker.database", defaulted(c.database), "SQLite database")
        ("worker.log", defaulted(c.log), "syslog, postfix[:CONFIG_DIR], stderr, or a file")
        ("worker.log_text", defaulted(c.log_text), "log the text of received SMS")
        ("worker.smsc", po::value(&c.smsc), "SMSC number; empty: the one stored in each modem")
        ("worker.validity_minutes", defaulted(c.validity_minutes), "validity period of each SMS; 0: none")
        ("worker.status_reports", defaulted(c.status_reports), "request status reports")
        ("worker.max_attempts", defaulted(c.max_attempts),
         "temporary failures before the delivery is deferred to Postfix")
        ("worker.retry_seconds", defaulted(c.retry_seconds),
         "first retry delay after a temporary failure, doubled each time")
        ("worker.poll_seconds", defaulted(c.poll_seconds), "interval of the storage sweep and signal check")
        ("worker.metrics_file", po::value(&c.metrics_file),
         "Prometheus text file of the worker's metrics, rewritten every poll_seconds; empty: none")
        ("worker.incoming_part_timeout", defaulted(c.incoming_part_timeout),
         "seconds to wait for missing parts of a long incoming SMS")
        ("worker.command_timeout_limit", defaulted(c.command_timeout_limit),
         "consecutive AT command timeouts that reset a modem")
        ("worker.doubt_seconds", defaulted(c.doubt_seconds),
         "seconds a part in doubt waits for its status report before it is sent again");
    add_access_options(d, c);
    // clang-format on
    return d;
}

namespace {

Status check_access(const WorkerConfig& c, const std::string& file)
{
    if (c.client_timeout < 1 || c.max_connections < 1 || c.max_connections_per_uid < 1)
        return make_error("config", file + ": client_timeout, max_connections and max_connections_per_uid must be "
                                           "at least 1");
    if (c.reserved_connections < 0 || c.reserved_connections >= c.max_connections)
        return make_error("reserved_connections", file + ": reserved_connections must be at least 0 and less than "
                                                         "max_connections");
    if (!is_octal_mode(c.database_mode))
        return make_error("database_mode", file + ": database_mode '" + c.database_mode + "' is not an octal mode");
    if ((database_mode(c) & 0007) != 0 || (database_mode(c) & 0600) != 0600)
        return make_error("database_mode", file + ": database_mode " + c.database_mode +
                                               " must let the owner read and write and give others nothing");
    return Done{};
}

// Everything but [sms] and [mail], once they are finished.
Status check_worker(const WorkerConfig& c, const std::string& name)
{
    if (c.max_attempts < 1 || c.retry_seconds < 1 || c.poll_seconds < 1 || c.command_timeout_limit < 1)
        return make_error("config", name + ": max_attempts, retry_seconds, poll_seconds and "
                                           "command_timeout_limit must be at least 1");
    if (auto smsc = sms::parse_smsc_number(c.smsc); !smsc)
        return make_error("smsc", name + ": smsc '" + c.smsc + "' is not a phone number");
    if (!is_octal_mode(c.socket_mode))
        return make_error("socket_mode", name + ": socket_mode '" + c.socket_mode + "' is not an octal mode");
    if (auto ok = check_access(c, name); !ok)
        return ok.error();
    if (c.validity_minutes < 0)
        return make_error("validity_minutes", name + ": validity_minutes must not be negative");
    if (c.doubt_seconds < 0)
        return make_error("doubt_seconds", name + ": doubt_seconds must not be negative");
    return Done{};
}

} // namespace

// [worker] and [mail] beside [sms]; the [modem.NAME] sections are read
// from the keys handed back.
Share share_of(WorkerConfig& c)
{
    po::options_description table;
    table.add(worker_options(c)).add(mail_options(c.mail));
    auto finish = [&c](const std::string& name, const std::vector<po::option>& handled) -> Status {
        if (auto ok = finish_mail_config(c.mail, c.sms.domains, name); !ok)
            return ok.error();
        auto modems = read_modems(handled, name);
        if (!modems)
            return modems.error();
        c.modems = std::move(modems).value();
        return check_worker(c, name);
    };
    return {table, {{"worker.", "sms.", "mail."}, {"modem."}}, finish, phone::is_region_code};
}

unsigned database_mode(const WorkerConfig& config)
{
    return static_cast<unsigned>(std::stoul(config.database_mode, nullptr, 8));
}

Result<WorkerConfig> load_worker_config(const std::string& path)
{
    if (!path.empty())
        return load_config<WorkerConfig>(path);
    std::istringstream empty;
    return parse_config<WorkerConfig>(empty, "(defaults)");
}

} // namespace smsgate::config
