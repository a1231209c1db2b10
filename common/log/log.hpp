// log.hpp - log lines in Postfix's style: "program[pid]: severity: text", with
// the queue id first where there is one ("4F1A2B3C: to=<...>, status=sent
// (...)"), so that grep QUEUEID maillog tells the whole story. Severities are
// Postfix's: info, warning, error, fatal, panic (an internal inconsistency).
// Lines go to syslog (facility mail), to a file, or to standard error.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::log {

enum class Severity { info, warning, error, fatal, panic };

// Where lines go: "syslog", "stderr", or a file path. Call once at start.
void open(std::string_view program, std::string_view destination);

void write(Severity severity, std::string_view text);

inline void info(std::string_view text) { write(Severity::info, text); }
inline void warning(std::string_view text) { write(Severity::warning, text); }
inline void error(std::string_view text) { write(Severity::error, text); }
// Logs and exits with status 1 (Postfix's msg_fatal).
[[noreturn]] void fatal(std::string_view text);

// Postfix quotes text in parentheses; a line from a modem or an SMS may hold
// anything, so control characters are shown as '?' and the line is cut.
std::string printable(std::string_view text, std::size_t max = 200);

} // namespace smsgate::log
