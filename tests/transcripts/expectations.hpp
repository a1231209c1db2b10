// expectations.hpp - the "!" lines of a transcript checked after its play
// against what is read back: the jobs from the real store, the SMS and
// status reports the sink was given, the incoming rows and their deletion,
// the modem's status as the router has it. Each line that does not hold is
// one failure naming the file and the line; so is an outcome no line
// expects (a job without its outcome line, an SMS, a report, a deleted or
// a kept message that no line lists), and a file with no "!" line at all.
#pragma once

#include "harness.hpp"

#include <string>
#include <vector>

namespace smsgate::transcript {

// jobs: the ids of the file's @submit lines, in order ("job=1" first).
std::vector<std::string> check_expectations(const Transcript& t, Harness& h, const std::vector<store::Id>& jobs);

} // namespace smsgate::transcript
