// modem_section.cpp - the [modem.NAME] option table and its checks.
#include "config/modem_section.hpp"

#include "config/ini.hpp"
#include "sms/submit.hpp"

#include <map>

namespace po = boost::program_options;

namespace smsgate::config {

po::options_description modem_options(ModemConfig& m)
{
    po::options_description d("[modem.NAME]");
    // clang-format off
    d.add_options()
        ("device", po::value(&m.link.device), "serial device, or tcp:HOST:PORT")
        ("baud", defaulted(m.link.baud), "serial speed")
        ("data_bits", defaulted(m.link.data_bits), "5-8")
        ("parity", defaulted(m.link.parity), "n, e or o")
        ("stop_bits", defaulted(m.link.stop_bits), "1 or 2")
        ("flow", defaulted(m.link.flow), "none, rtscts or xonxoff")
        ("pin", po::value(&m.pin), "SIM PIN")
        ("prefixes", po::value<std::string>(), "destination prefixes this modem prefers, comma-separated")
        ("init", po::value(&m.init)->composing(), "extra AT command after initialisation (repeatable)")
        ("storage", po::value(&m.storage), "message storage: SM, ME, MT")
        ("report_storage", po::value(&m.report_storage), "status-report storage, e.g. SR")
        ("cnmi", defaulted(m.cnmi), "auto, off, or explicit AT+CNMI values")
        ("smsc", po::value(&m.smsc), "SMSC for this modem")
        ("max_per_hour", defaulted(m.limits.max_per_hour), "SMS parts this SIM may send in any 60 minutes; 0: no limit")
        ("max_per_day", defaulted(m.limits.max_per_day), "SMS parts this SIM may send in any 24 hours; 0: no limit")
        ("quiet_hours", po::value<std::string>(), "HH:MM-HH:MM of local time in which this SIM sends nothing");
    // clang-format on
    return d;
}

namespace {

Status check_modem(const ModemConfig& m, const std::string& file)
{
    auto where = file + ": [modem." + m.name + "]: ";
    if (m.link.device.empty())
        return make_error("device", where + "no device");
    if (m.link.parity != 'n' && m.link.parity != 'e' && m.link.parity != 'o')
        return make_error("parity", where + "parity must be n, e or o");
    if (m.link.flow != "none" && m.link.flow != "rtscts" && m.link.flow != "xonxoff")
        return make_error("flow", where + "flow must be none, rtscts or xonxoff");
    if (m.limits.max_per_hour < 0 || m.limits.max_per_day < 0)
        return make_error(m.limits.max_per_hour < 0 ? "max_per_hour" : "max_per_day",
                          where + "a send limit must be 0 (none) or more");
    for (const auto& p : m.prefixes)
        if (p.empty() || p[0] != '+' || p.find_first_not_of("0123456789", 1) != std::string::npos)
            return make_error("prefixes", where + "prefix '" + p + "' is not + and digits");
    return Done{};
}

} // namespace

Result<std::vector<ModemConfig>> read_modems(const std::vector<po::option>& keys, const std::string& file)
{
    std::map<std::string, std::vector<po::option>> by_modem;
    for (const auto& o : keys) {
        const auto& key = o.string_key;
        auto dot = key.rfind('.');
        if (key.rfind("modem.", 0) != 0 || dot <= 6)
            return make_error(key, file + ": unknown key " + key);
        po::option sub = o;
        sub.string_key = key.substr(dot + 1);
        sub.unregistered = false;
        by_modem[key.substr(6, dot - 6)].push_back(sub);
    }
    std::vector<ModemConfig> modems;
    for (auto& [name, options] : by_modem) {
        ModemConfig m;
        m.name = name;
        auto table = modem_options(m);
        po::parsed_options sub(&table);
        sub.options = options;
        po::variables_map vm;
        try {
            po::store(sub, vm);
            po::notify(vm);
        } catch (const po::error& e) {
            return make_error("modem." + name, file + ": [modem." + name + "]: " + e.what());
        }
        if (vm.count("prefixes"))
            m.prefixes = split_list(vm["prefixes"].as<std::string>());
        if (vm.count("quiet_hours") && !vm["quiet_hours"].as<std::string>().empty()) {
            auto quiet = parse_quiet_hours(vm["quiet_hours"].as<std::string>());
            if (!quiet)
                return make_error("quiet_hours", file + ": [modem." + name + "]: " + quiet.error().message);
            m.limits.quiet = *quiet;
        }
        if (auto smsc = sms::parse_smsc_number(m.smsc); !smsc)
            return make_error("smsc", file + ": [modem." + name + "]: smsc '" + m.smsc + "' is not a phone number");
        if (auto ok = check_modem(m, file); !ok)
            return ok.error();
        modems.push_back(std::move(m));
    }
    return modems;
}

} // namespace smsgate::config
