// number_map.hpp - where an incoming SMS goes when no conversation claims it: a file of
// "ORIGINATOR  ADDRESS" lines (see smsgate.conf(5), [mail] number_map).
//
// The file is a table in the manner of Postfix's (see policy/table_text.hpp):
// '#' comments and blank lines are ignored, a line that starts with a blank
// continues the entry before it. An entry is two words:
//
//   # E.164; a national number, read in the default region; an
//   # alphanumeric originator, in any case
//   +32477324847   ps@example.com
//   0478123456     desk@example.com
//   ING            bank@example.com
//
// A key with a letter in it is an alphanumeric originator (TS 23.040: at
// most 11 characters); any other key is a phone number, read with
// libphonenumber and kept as E.164 (a short code as its digits).
#pragma once

#include "util/result.hpp"

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace smsgate::config {

struct NumberMap {
    // originator as the modem gave it: "+32477324847", "0477324847" or an alphanumeric name "ING".
    // Returns the mail address, or nothing.
    std::optional<std::string> find(std::string_view originator) const;
    std::size_t size() const { return entries_.size(); }

private:
    friend Result<NumberMap> parse_number_map(std::istream&, const std::string&, const std::string&);

    // Keys in their normal form (normal_key() in number_map.cpp) to
    // addresses.
    std::unordered_map<std::string, std::string> entries_;
    std::string default_region_; // for find(), as the file was read
};

// The map from its text; name is the file's name for errors. Every error
// names the file and the line: field "number_map", message
// "numbers:3: duplicate originator '+32477324847' (first on line 1)".
Result<NumberMap> parse_number_map(std::istream& in, const std::string& name, const std::string& default_region);

// The map in path; for an empty path, an empty map.
Result<NumberMap> load_number_map(const std::string& path, const std::string& default_region);

} // namespace smsgate::config
