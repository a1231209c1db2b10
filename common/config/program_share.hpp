// program_share.hpp - the one way every program of the gateway reads its
// share of smsgate.conf(5): open the file, parse its keys into the
// program's option tables and the [sms] section they all read, finish
// [sms], then check the program's own sections. Each section file
// (worker_section, transport_section, milter_section) says only what its
// share is: load_config<MilterConfig>(path).
#pragma once

#include "config/ini.hpp"
#include "config/sms_config.hpp"
#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <fstream>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace smsgate::config {

// A program's share of the file, bound to the struct its tables fill.
struct Share {
    boost::program_options::options_description table; // the program's keys, [sms] aside
    Sections sections;                                   // which sections it owns and handles (ini.hpp)
    // Checks and completes the values once [sms] is finished; gets the
    // file's name for its errors and the keys of the handled sections
    // ("modem.NAME.key").
    std::function<Status(const std::string& file, const std::vector<boost::program_options::option>& handled)>
        finish;
    // How [sms] default_region is checked: against the number metadata by
    // the programs that read numbers (sms_config.hpp).
    RegionCheck known_region;
};

// Parse, then finish: the keys into share.table and sms, [sms] checked,
// then share.finish.
Status parse_share(std::istream& in, const std::string& name, SmsConfig& sms, const Share& share);

// One program's configuration from in (name is the file's name in errors).
// Its share is share_of(Config&), declared beside Config
// (worker_section.hpp, transport_section.hpp, milter_section.hpp).
template <class Config>
Result<Config> parse_config(std::istream& in, const std::string& name)
{
    Config config;
    if (auto ok = parse_share(in, name, config.sms, share_of(config)); !ok)
        return ok.error();
    return config;
}

// One program's configuration from the file at path; the error names the
// file when it cannot be opened.
template <class Config>
Result<Config> load_config(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return make_error("config", path + ": cannot open");
    return parse_config<Config>(in, path);
}

} // namespace smsgate::config
