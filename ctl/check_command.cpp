// check_command.cpp - smsgatectl check: read smsgate.conf and the senders
// table as every program of the gateway reads them, and say what is wrong,
// as "postfix check" does, before a restart or a reload finds out.
#include "commands.hpp"
#include "options.hpp"

#include "config/ini.hpp"
#include "config/number_map.hpp"
#include "config/senders_file.hpp"
#include "config/milter_section.hpp"
#include "config/transport_section.hpp"
#include "config/worker_section.hpp"

#include <grp.h>
#include <ostream>
#include <pwd.h>

namespace po = boost::program_options;

namespace smsgate::ctl {

namespace {

struct Report {
    Streams io;
    int errors = 0;
    int warnings = 0;

    void error(const std::string& text)
    {
        io.err << "smsgatectl: error: " << text << "\n";
        ++errors;
    }
    void warning(const std::string& text)
    {
        io.err << "smsgatectl: warning: " << text << "\n";
        ++warnings;
    }
};

void check_user(const std::string& what, const std::string& user, Report& report)
{
    if (!user.empty() && !getpwnam(user.c_str()))
        report.error(what + ": no user '" + user + "'");
}

} // namespace

int run_check(const Args& args, Streams io)
{
    constexpr std::string_view synopsis = "smsgatectl check [-c CONFIG]";
    po::options_description options("options");
    std::string path{config::default_path};
    options.add_options()("config,c", po::value(&path)->default_value(path), "smsgate.conf(5) to check");
    po::positional_options_description positional;
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, positional, vm, io))
        return *stop;

    Report report{io};
    auto worker = config::load_worker_config(path);
    if (!worker)
        report.error(worker.error().message);
    auto transport = config::load_config<config::TransportConfig>(path);
    if (!transport)
        report.error(transport.error().message);
    auto milter = config::load_config<config::MilterConfig>(path);
    if (!milter)
        report.error(milter.error().message);

    if (worker) {
        if (worker->modems.empty())
            report.warning(path + ": no [modem.NAME] section: nothing can be sent");
        if (!worker->socket_group.empty() && !getgrnam(worker->socket_group.c_str()))
            report.error(path + ": [worker] socket_group: no group '" + worker->socket_group + "'");
        auto map = config::load_number_map(worker->mail.number_map, worker->sms.default_region);
        if (!map)
            report.error(map.error().message);
    }
    if (milter)
        check_user(path + ": [milter] user", milter->user, report);
    // [sms] as whichever of the two readers of it got through the file.
    const config::SmsConfig* read_sms = transport ? &transport->sms : milter ? &milter->sms : nullptr;
    if (read_sms) {
        const auto& sms = *read_sms;
        if (sms.senders.empty())
            report.warning(path + ": [sms] senders is empty: everyone may send SMS with the default limits");
        auto table = config::load_senders(sms.senders);
        if (!table)
            report.error(table.error().message);
        else if (!sms.senders.empty() && (*table)->size() == 0)
            report.warning(sms.senders + ": no entries: no one may send SMS");
    }
    if (report.errors == 0)
        io.out << path << ": ok" << (report.warnings ? " (" + std::to_string(report.warnings) + " warnings)" : "")
               << "\n";
    return report.errors == 0 ? exit_ok : exit_bad_input;
}

} // namespace smsgate::ctl
