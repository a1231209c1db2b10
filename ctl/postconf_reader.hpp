// postconf_reader.hpp - reading a Postfix configuration the way Postfix's
// own tools do: postconf for main.cf (-x, with $name expanded) and master.cf
// (-F fields, -P -o overrides), postmap -q for a table. Only reads files:
// Postfix need not run.
#pragma once

#include "postfix_facts.hpp"

#include "util/result.hpp"

#include <string>
#include <vector>

namespace smsgate::ctl {

// The facts check --postfix judges, of the configuration in config_dir
// ("/etc/postfix"). An error when postconf cannot be run or cannot read
// the directory (its own message).
Result<PostfixFacts> read_postfix(const std::string& config_dir);

// Looks keys up in tables of that configuration with postmap -q. A table
// postmap cannot open adds its message to problems (which must outlive
// the lookup).
TableLookup postmap_lookup(const std::string& config_dir, std::vector<std::string>& problems);

} // namespace smsgate::ctl
