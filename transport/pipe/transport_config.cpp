// transport_config.cpp - smsgate-transport's share of smsgate.conf(5).
#include "pipe/transport_config.hpp"

#include "config/ini.hpp"

#include <fstream>
#include <sstream>

namespace po = boost::program_options;

namespace smsgate::transport {

po::options_description transport_options(TransportConfig& c)
{
    po::options_description d("[transport]");
    // clang-format off
    d.add_options()
        ("worker.socket", po::value(&c.socket)->default_value(c.socket), "Unix socket of smsgated")
        ("transport.time_budget", po::value(&c.time_budget)->default_value(c.time_budget),
         "seconds to wait for the outcome, well under smsgate_time_limit")
        ("milter.quota_database", po::value(&c.quota_database)->default_value(c.quota_database),
         "the sender quota book, shared with smsgate-milter");
    // clang-format on
    return d;
}

Result<TransportConfig> parse_transport_config(std::istream& in, const std::string& name)
{
    TransportConfig c;
    std::string domains;
    po::options_description table;
    table.add(transport_options(c)).add(config::sms_options(c.sms, domains));
    po::variables_map vm;
    if (auto keys = config::parse_ini(in, name, table, vm, {{"sms.", "transport."}, {}}); !keys)
        return keys.error();
    if (auto ok = config::finish_sms_config(c.sms, domains, name); !ok)
        return ok.error();
    if (c.time_budget < 5)
        return make_error("time_budget", name + ": [transport] time_budget must be at least 5 seconds");
    return c;
}

Result<TransportConfig> load_transport_config(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return make_error("config", path + ": cannot open");
    return parse_transport_config(in, path);
}

} // namespace smsgate::transport
