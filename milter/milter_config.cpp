// milter_config.cpp - smsgate-milter's share of smsgate.conf(5).
#include "milter_config.hpp"

#include "config/ini.hpp"

#include <fstream>

namespace po = boost::program_options;

namespace smsgate::milter {

po::options_description milter_options(MilterConfig& c)
{
    po::options_description d("[milter]");
    // clang-format off
    d.add_options()
        ("milter.socket", po::value(&c.socket)->default_value(c.socket),
         "socket Postfix connects to: unix:/path, inet:PORT@HOST, inet6:PORT@HOST")
        ("milter.socket_mode", po::value(&c.socket_mode)->default_value(c.socket_mode), "mode of a unix: socket")
        ("milter.user", po::value(&c.user), "user to run as once the socket is open")
        ("milter.quota_database", po::value(&c.quota_database)->default_value(c.quota_database),
         "SQLite file with the senders' SMS counts")
        ("milter.log", po::value(&c.log)->default_value(c.log), "syslog, stderr, or a file")
        ("milter.timeout", po::value(&c.timeout)->default_value(c.timeout),
         "seconds to wait for Postfix on a connection");
    // clang-format on
    return d;
}

Result<MilterConfig> parse_milter_config(std::istream& in, const std::string& name)
{
    MilterConfig c;
    std::string domains;
    po::options_description table;
    table.add(milter_options(c)).add(config::sms_options(c.sms, domains));
    po::variables_map vm;
    if (auto keys = config::parse_ini(in, name, table, vm, {{"milter.", "sms."}, {}}); !keys)
        return keys.error();
    if (auto ok = config::finish_sms_config(c.sms, domains, name); !ok)
        return ok.error();
    if (c.socket.rfind("unix:", 0) != 0 && c.socket.rfind("local:", 0) != 0 && c.socket.rfind("inet:", 0) != 0 &&
        c.socket.rfind("inet6:", 0) != 0)
        return make_error("socket", name + ": [milter] socket '" + c.socket +
                                        "' is not unix:/path, inet:PORT@HOST or inet6:PORT@HOST");
    if (!config::is_octal_mode(c.socket_mode))
        return make_error("socket_mode", name + ": [milter] socket_mode '" + c.socket_mode + "' is not an octal mode");
    if (c.timeout < 10)
        return make_error("timeout", name + ": [milter] timeout must be at least 10 seconds");
    return c;
}

Result<MilterConfig> load_milter_config(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return make_error("config", path + ": cannot open");
    return parse_milter_config(in, path);
}

} // namespace smsgate::milter
