// ini.hpp - smsgate.conf(5), one INI file for the whole gateway. Each
// program reads the sections it owns with its own option table and leaves
// the sections of the other programs alone; a key in no known section is an
// error that names the file and the key.
#pragma once

#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::config {

// The default location of the file, for every program.
inline constexpr std::string_view default_path = "/etc/smsgate/smsgate.conf";

// Which sections a program reads: keys of owned sections ("worker.") must
// all be in its table; keys under handled prefixes ("modem.") are given back
// for the program to read itself; keys of the other sections of the gateway
// are skipped (another program checks them); anything else is an error.
struct Sections {
    std::vector<std::string_view> owned;
    std::vector<std::string_view> handled;
};

Result<std::vector<boost::program_options::option>> parse_ini(
    std::istream& in, const std::string& name, const boost::program_options::options_description& table,
    boost::program_options::variables_map& vm, const Sections& sections);

// A key of an option table whose default is the value its field starts
// with: ("worker.socket", defaulted(c.socket), "...").
template <class T>
boost::program_options::typed_value<T>* defaulted(T& field)
{
    return boost::program_options::value(&field)->default_value(field);
}

// A socket mode as the keys socket_mode take it: one to four octal digits.
inline bool is_octal_mode(const std::string& mode)
{
    return !mode.empty() && mode.size() <= 4 && mode.find_first_not_of("01234567") == std::string::npos;
}

// "a, b ,c" -> {"a", "b", "c"}; empty items are dropped.
std::vector<std::string> split_list(const std::string& s);

} // namespace smsgate::config
