// check_command.cpp - smsgatectl check: read smsgate.conf and the senders
// table as every program of the gateway reads them, try each file with the
// rights of the user that will open it, and with --postfix read Postfix's
// configuration too; say what is wrong, as "postfix check" does, before a
// restart, a reload or the first mail finds out.
#include "access_report.hpp"
#include "check_report.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "postfix_check.hpp"

#include "config/ini.hpp"
#include "config/number_map.hpp"
#include "config/senders_file.hpp"
#include "config/milter_section.hpp"
#include "config/transport_section.hpp"
#include "config/worker_section.hpp"

#include <grp.h>
#include <ostream>

namespace po = boost::program_options;

namespace smsgate::ctl {

namespace {

struct Loaded {
    Result<config::WorkerConfig> worker;
    Result<config::TransportConfig> transport;
    Result<config::MilterConfig> milter;
};

void check_worker(const std::string& path, const config::WorkerConfig& worker, Report& report)
{
    if (worker.modems.empty())
        report.warning(path + ": no [modem.NAME] section: nothing can be sent");
    if (!worker.socket_group.empty() && !getgrnam(worker.socket_group.c_str()))
        report.error(path + ": [worker] socket_group: no group '" + worker.socket_group + "'");
    auto map = config::load_number_map(worker.mail.number_map, worker.sms.default_region);
    if (!map)
        report.error(map.error().message);
}

void check_senders(const std::string& path, const config::SmsConfig& sms, Report& report)
{
    if (sms.senders.empty())
        report.warning(path + ": [sms] senders is empty: everyone may send SMS with the default limits");
    auto table = config::load_senders(sms.senders);
    if (!table)
        report.error(table.error().message);
    else if (!sms.senders.empty() && (*table)->size() == 0)
        report.warning(sms.senders + ": no entries: no one may send SMS");
}

// What Postfix must agree with, from whichever parts could be read.
GatewayFacts gateway_facts(const Loaded& loaded)
{
    GatewayFacts g;
    if (loaded.transport) {
        g.domains = loaded.transport->sms.domains;
        g.time_budget = loaded.transport->time_budget;
    }
    if (loaded.milter)
        g.milter_socket = loaded.milter->socket;
    if (loaded.worker)
        g.submit_users = loaded.worker->submit_users;
    return g;
}

void check_config(const std::string& path, const Loaded& loaded, Report& report)
{
    for (const Error* e : {loaded.worker ? nullptr : &loaded.worker.error(),
                           loaded.transport ? nullptr : &loaded.transport.error(),
                           loaded.milter ? nullptr : &loaded.milter.error()})
        if (e)
            report.error(e->message);
    if (loaded.worker)
        check_worker(path, *loaded.worker, report);
    // [sms] as whichever of the two readers of it got through the file.
    if (loaded.transport || loaded.milter)
        check_senders(path, loaded.transport ? loaded.transport->sms : loaded.milter->sms, report);
    report_access(access_plan(path, loaded.worker ? &*loaded.worker : nullptr,
                              loaded.milter ? &*loaded.milter : nullptr,
                              loaded.transport ? &*loaded.transport : nullptr),
                  report);
}

} // namespace

int run_check(const Args& args, Streams io)
{
    constexpr std::string_view synopsis = "smsgatectl check [-c CONFIG] [--postfix [CONFIG_DIR]]";
    po::options_description options("options");
    std::string path{config::default_path};
    std::string postfix_dir = "/etc/postfix";
    options.add_options()("config,c", po::value(&path)->default_value(path), "smsgate.conf(5) to check")(
        "postfix", "also check Postfix's configuration (postconf) in CONFIG_DIR, default /etc/postfix")(
        "postfix-dir", po::value(&postfix_dir), "CONFIG_DIR of --postfix");
    po::positional_options_description positional;
    positional.add("postfix-dir", 1);
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, positional, vm, io))
        return *stop;

    Report report{io};
    Loaded loaded{config::load_worker_config(path), config::load_config<config::TransportConfig>(path),
                  config::load_config<config::MilterConfig>(path)};
    check_config(path, loaded, report);
    if (vm.count("postfix") || vm.count("postfix-dir"))
        report_postfix(postfix_dir, gateway_facts(loaded), report);
    if (report.errors == 0)
        io.out << path << ": ok" << (report.warnings ? " (" + std::to_string(report.warnings) + " warnings)" : "")
               << "\n";
    return report.errors == 0 ? exit_ok : exit_bad_input;
}

} // namespace smsgate::ctl
