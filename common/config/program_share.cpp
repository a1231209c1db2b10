// program_share.cpp - parse and finish one program's share of smsgate.conf.
#include "config/program_share.hpp"

namespace po = boost::program_options;

namespace smsgate::config {

Status parse_share(std::istream& in, const std::string& name, SmsConfig& sms, const Share& share)
{
    std::string domains;
    po::options_description table;
    table.add(share.table).add(sms_options(sms, domains));
    po::variables_map vm;
    auto handled = parse_ini(in, name, table, vm, share.sections);
    if (!handled)
        return handled.error();
    if (auto ok = finish_sms_config(sms, domains, name, share.known_region); !ok)
        return ok.error();
    return share.finish(name, *handled);
}

} // namespace smsgate::config
