// access_report.hpp - smsgatectl check's files, tried as the users that
// will open them (access_probe.hpp) and reported one line each.
#pragma once

#include "check_report.hpp"
#include "file_access.hpp"

#include <vector>

namespace smsgate::ctl {

// As root: each program's needs as its user (a user that does not exist is
// an error). Otherwise as the caller, and says so when say_who.
void report_access(const std::vector<Reader>& readers, Report& report, bool say_who = true);

} // namespace smsgate::ctl
