// log.hpp - log lines in Postfix's style: "program[pid]: severity: text", with
// the queue id first where there is one ("4F1A2B3C: to=<...>, status=sent
// (...)"), so that grep QUEUEID maillog tells the whole story. Severities are
// Postfix's: info, warning, error, fatal, panic (an internal inconsistency).
// Lines go to syslog (facility mail), to Postfix's own log (its postlog
// service when maillog_file is set, else syslog), to a file, or to standard
// error; outside syslog in the maillog format, "Dec 07 10:15:32 host
// smsgated[123]: text", as Postfix writes its maillog file.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::log {

enum class Severity { info, warning, error, fatal, panic };

// Where lines go: "syslog", "postfix", "postfix:CONFIG_DIR" (Postfix's
// configuration directory, as postconf -c takes it), "stderr", or a file
// path. Call once at start. When the destination cannot be written (a file
// that cannot be opened, no postlog service, no /dev/log), says so on
// standard error and exits with status 1: no line is ever lost unseen.
void open(std::string_view program, std::string_view destination);

// Reopens a log file (after logrotate moved it; on SIGHUP) and reconnects to
// the postlog service. When the file cannot be opened the old one stays, and
// a warning says so in it.
void reopen();

// Whether log lines may show the text of an SMS (log_text = yes).
void show_sms_text(bool show);

// An SMS text as a log line shows it: text="..." when show_sms_text(true),
// else only its length, text_bytes=N.
std::string sms_text(std::string_view text);

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
