// ini.cpp - reading one program's share of smsgate.conf(5).
#include "config/ini.hpp"

#include <array>
#include <sstream>

namespace po = boost::program_options;

namespace smsgate::config {

namespace {

// Every section of smsgate.conf, whichever program reads it: a key under
// one of these is never "unknown", only perhaps not this program's.
constexpr std::array<std::string_view, 6> gateway_sections = {"worker.",    "modem.",  "sms.",
                                                              "transport.", "milter.", "mail."};

bool starts_with_any(std::string_view key, const auto& prefixes)
{
    for (std::string_view p : prefixes)
        if (key.substr(0, p.size()) == p)
            return true;
    return false;
}

} // namespace

Result<std::vector<po::option>> parse_ini(std::istream& in, const std::string& name,
                                          const po::options_description& table, po::variables_map& vm,
                                          const Sections& sections)
{
    po::parsed_options parsed(&table);
    try {
        parsed = po::parse_config_file(in, table, true);
        po::store(parsed, vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return make_error("config", name + ": " + e.what());
    }
    std::vector<po::option> rest;
    for (const auto& o : parsed.options) {
        if (!o.unregistered)
            continue;
        if (starts_with_any(o.string_key, sections.handled))
            rest.push_back(o);
        else if (starts_with_any(o.string_key, sections.owned) || !starts_with_any(o.string_key, gateway_sections))
            return make_error(o.string_key, name + ": unknown key " + o.string_key);
    }
    return rest;
}

std::vector<std::string> split_list(const std::string& s)
{
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(s);
    while (std::getline(in, item, ',')) {
        auto b = item.find_first_not_of(" \t");
        auto e = item.find_last_not_of(" \t");
        if (b != std::string::npos)
            out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

} // namespace smsgate::config
