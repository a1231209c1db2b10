// postfix_list.hpp - reading Postfix parameter values as Postfix reads them:
// lists (comma or space separated, braces group), time values with units,
// and domain lists whose items are names, patterns or tables.
#pragma once

#include "postfix_facts.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::ctl {

// The items of a list: separated by commas or white space, except inside
// braces ("inline:{ a=b, c=d }" and "{ unix:x, timeout=5s }" are one item).
std::vector<std::string> postfix_list(std::string_view value);

// A time value in seconds: "300", "300s", "5m", "1h", "1d", "1w"; nothing
// when it is none of these.
std::optional<long> postfix_seconds(std::string_view value);

// Whether an item of a list names a table ("hash:/etc/postfix/relay",
// "inline:{...}") rather than a domain.
bool is_table(std::string_view item);

// Whether domain is in a domain list such as relay_domains: an item equal
// to it, a ".parent" pattern, a parent domain when subdomains count
// (parent_domain_matches_subdomains names the list), or a table that has
// the domain (or, when subdomains count, a parent) as a key. "!" items
// exclude.
bool domain_in_list(std::string_view value, std::string_view domain, bool subdomains, const TableLookup& lookup);

} // namespace smsgate::ctl
