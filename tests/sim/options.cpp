// options.cpp - the command line, with Boost.Program_options. Behaviour
// options go through apply_setting(), the parser of the control command
// "set", so that both accept the same values.
#include "options.hpp"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace smsgate::sim {

namespace {

constexpr int exit_usage = 64; // EX_USAGE

const char* const synopsis =
    "smsgate-modem-sim [--pty PATH] [--tcp HOST:PORT] [--control PATH] [--log FILE] [options]";

// Options that take the value of the setting of the same name.
const char* const valued_settings[] = {
    "cmgs-delay-ms", "prompt-delay-ms", "report-delay-ms", "report-status", "register-delay-ms",
    "sim-pin",       "rssi",            "operator",        "ack-timeout-ms", "reopen-delay-ms",
    "storage-size",
    "cmgs-burst-delay-ms", "cmms-idle-ms",
};

po::options_description describe()
{
    po::options_description links("Links and files");
    links.add_options()
        ("pty", po::value<std::string>(), "make a pseudo-terminal; PATH becomes a symlink to its slave")
        ("tcp", po::value<std::vector<std::string>>(), "listen on HOST:PORT (port 0: any free port)")
        ("control", po::value<std::string>(), "Unix socket of the control interface")
        ("log", po::value<std::string>(), "append every accepted SMS-SUBMIT to FILE as a JSON line")
        ("command-log", po::value<std::string>(), "append every AT command line received to FILE as a JSON line with its UTC time")
        ("verbose,v", "log AT traffic on standard error");
    po::options_description modem("The modem");
    modem.add_options()
        ("echo", po::value<std::string>()->default_value("on"), "echo after power-on and ATZ (on, off)")
        ("sim-pin", po::value<std::string>(), "the SIM asks for this PIN")
        ("smsc", po::value<std::string>(), "AT+CSCA, and the SMSC of incoming messages")
        ("initial-mr", po::value<int>(), "TP-MR of the first message sent (default 18, as in the seed)")
        ("first-index", po::value<int>(), "index of the first storage slot, 0 or 1 (default 1)")
        ("storage-size", po::value<std::string>(), "slots in each memory (default 10)")
        ("sr-storage", "status reports go to a memory of their own, \"SR\"")
        ("pad-status-reports", "list status reports in \"SM\" as FF-padded 175-octet SIM records")
        ("no-cnmi", "AT+CNMI is not supported (+CMS ERROR: 303): the driver must poll")
        ("no-cmms", "AT+CMMS is not supported (+CMS ERROR: 303): every send takes --cmgs-delay-ms")
        ("rssi", po::value<std::string>(), "signal for +CSQ, 0-31 or 99 (default 24)")
        ("operator", po::value<std::string>(), "operator name for AT+COPS?")
        ("manufacturer", po::value<std::string>(), "AT+CGMI")
        ("model", po::value<std::string>(), "AT+CGMM")
        ("revision", po::value<std::string>(), "AT+CGMR")
        ("imei", po::value<std::string>(), "AT+CGSN")
        ("imsi", po::value<std::string>(), "AT+CIMI")
        ("plmn", po::value<std::string>(), "MCC and MNC for AT+COPS=3,2");
    po::options_description network("The network, latency and faults");
    network.add_options()
        ("cmgs-delay-ms", po::value<std::string>(), "from Ctrl-Z to +CMGS (default 0)")
        ("prompt-delay-ms", po::value<std::string>(), "from AT+CMGS=<n> to the prompt (default 0)")
        ("report-delay-ms", po::value<std::string>(), "from +CMGS to the status report (default 200)")
        ("report-status", po::value<std::string>(), "TP-ST of status reports (default 0)")
        ("report-status-for", po::value<std::vector<std::string>>(), "NUMBER=TP-ST for one destination")
        ("cms-error", po::value<std::vector<std::string>>(), "NUMBER=CODE: sending to NUMBER fails so")
        ("no-registration", "not registered: +CREG: 0, sending fails with +CMS ERROR: 331")
        ("register-delay-ms", po::value<std::string>(), "searching this long after power-on or PIN")
        ("urc-in-response", "unsolicited lines inside +CMGS and +CMGL responses")
        ("silent", "start silent: answer nothing")
        ("ack-timeout-ms", po::value<std::string>(), "AT+CSMS=1: routed messages not acknowledged by then are stored")
        ("reopen-delay-ms", po::value<std::string>(), "after drop, the pty comes back this much later")
        ("cmgs-burst-delay-ms", po::value<std::string>(),
         "from Ctrl-Z to +CMGS with AT+CMMS on and a send within --cmms-idle-ms (default --cmgs-delay-ms)")
        ("cmms-idle-ms", po::value<std::string>(), "AT+CMMS=1 lapses this long after the last send (default 3000)");
    po::options_description all;
    all.add(links).add(modem).add(network);
    all.add_options()("help,h", "this text")("version", "the version");
    return all;
}

std::optional<std::string> apply_options(const po::variables_map& vm, SimOptions& o)
{
    Settings& s = o.settings;
    if (auto e = apply_setting(s, {"echo", vm["echo"].as<std::string>()}))
        return "--echo: " + *e;
    for (const char* key : valued_settings)
        if (vm.count(key))
            if (auto e = apply_setting(s, {key, vm[key].as<std::string>()}))
                return std::string("--") + key + ": " + *e;
    struct PerNumber {
        const char* key;
        std::map<std::string, int>& map;
        int max;
    };
    for (const auto& [key, map, max] : {PerNumber{"report-status-for", s.report_status_for, 255},
                                        PerNumber{"cms-error", s.cms_errors, 999}})
        if (vm.count(key))
            for (const auto& pair : vm[key].as<std::vector<std::string>>())
                if (auto e = add_number_value(map, pair, 0, max))
                    return std::string("--") + key + ": " + *e;
    s.registration = vm.count("no-registration") ? Registration::not_registered : s.registration;
    s.urc_in_response = vm.count("urc-in-response") > 0;
    s.silent = vm.count("silent") > 0;
    s.cnmi = vm.count("no-cnmi") == 0;
    s.cmms = vm.count("no-cmms") == 0;

    if (vm.count("pty"))
        o.pty = vm["pty"].as<std::string>();
    if (vm.count("tcp"))
        o.tcp = vm["tcp"].as<std::vector<std::string>>();
    if (vm.count("control"))
        o.control = vm["control"].as<std::string>();
    if (vm.count("log"))
        o.log = vm["log"].as<std::string>();
    if (vm.count("command-log"))
        o.command_log = vm["command-log"].as<std::string>();
    o.verbose = vm.count("verbose") > 0;
    o.sr_storage = vm.count("sr-storage") > 0;
    o.pad_status_reports = vm.count("pad-status-reports") > 0;
    if (vm.count("first-index"))
        o.first_index = vm["first-index"].as<int>();
    if (o.first_index != 0 && o.first_index != 1)
        return "--first-index must be 0 or 1";
    if (vm.count("initial-mr"))
        o.initial_mr = vm["initial-mr"].as<int>();
    if (o.initial_mr < 0 || o.initial_mr > 255)
        return "--initial-mr must be 0-255";
    if (vm.count("smsc"))
        o.smsc = vm["smsc"].as<std::string>();
    Identity& id = o.identity;
    for (auto [key, field] : {std::pair{"manufacturer", &id.manufacturer}, {"model", &id.model},
                              {"revision", &id.revision}, {"imei", &id.imei}, {"imsi", &id.imsi},
                              {"plmn", &id.plmn}})
        if (vm.count(key))
            *field = vm[key].as<std::string>();
    if (!o.pty && o.tcp.empty())
        return "give --pty PATH, --tcp HOST:PORT or both";
    return std::nullopt;
}

} // namespace

ParsedOptions parse_command_line(int argc, char** argv)
{
    auto all = describe();
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "smsgate-modem-sim: " << e.what() << "\nusage: " << synopsis << "\n";
        return {std::nullopt, exit_usage};
    }
    if (vm.count("help")) {
        std::cout << "usage: " << synopsis << "\n" << all;
        return {std::nullopt, 0};
    }
    if (vm.count("version")) {
        std::cout << "smsgate-modem-sim " << SMSGATE_VERSION << "\n";
        return {std::nullopt, 0};
    }
    SimOptions options;
    if (auto error = apply_options(vm, options)) {
        std::cerr << "smsgate-modem-sim: " << *error << "\nusage: " << synopsis << "\n";
        return {std::nullopt, exit_usage};
    }
    return {std::move(options), 0};
}

} // namespace smsgate::sim
