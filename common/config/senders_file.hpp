// senders_file.hpp - the senders table from its file, as the milter and the
// transport read it.
#pragma once

#include "policy/senders.hpp"

#include <memory>
#include <string>

namespace smsgate::config {

// The table in path; for an empty path, a table whose one entry is
// "default allow": everyone gets the built-in defaults.
Result<std::shared_ptr<const policy::SendersTable>> load_senders(const std::string& path);

} // namespace smsgate::config
