// log.cpp - Postfix-style log lines to syslog, a file or standard error.
#include "log/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <syslog.h>
#include <unistd.h>

namespace smsgate::log {

namespace {

struct Sink {
    std::mutex mutex;
    std::string program = "smsgate";
    bool syslog = false;
    std::FILE* file = stderr;
};

Sink& sink()
{
    static Sink s;
    return s;
}

const char* prefix(Severity s)
{
    switch (s) {
    case Severity::info: return "";
    case Severity::warning: return "warning: ";
    case Severity::error: return "error: ";
    case Severity::fatal: return "fatal: ";
    case Severity::panic: return "panic: ";
    }
    return "";
}

int syslog_priority(Severity s)
{
    switch (s) {
    case Severity::info: return LOG_INFO;
    case Severity::warning: return LOG_WARNING;
    case Severity::error: return LOG_ERR;
    case Severity::fatal: return LOG_CRIT;
    case Severity::panic: return LOG_ALERT;
    }
    return LOG_INFO;
}

} // namespace

void open(std::string_view program, std::string_view destination)
{
    auto& s = sink();
    std::lock_guard lock(s.mutex);
    s.program = std::string(program);
    if (destination == "syslog") {
        s.syslog = true;
        openlog(s.program.c_str(), LOG_PID | LOG_NDELAY, LOG_MAIL);
    } else if (destination.empty() || destination == "stderr") {
        s.file = stderr;
    } else if (std::FILE* f = std::fopen(std::string(destination).c_str(), "ae")) { // e: O_CLOEXEC
        s.file = f;
    } else {
        std::fprintf(stderr, "%s: warning: cannot open log file %.*s, logging to stderr\n", s.program.c_str(),
                     static_cast<int>(destination.size()), destination.data());
    }
}

void write(Severity severity, std::string_view text)
{
    auto& s = sink();
    std::lock_guard lock(s.mutex);
    if (s.syslog) {
        ::syslog(syslog_priority(severity), "%s%.*s", prefix(severity), static_cast<int>(text.size()), text.data());
        return;
    }
    // The maillog format: "Nov 19 16:52:56 smsgated[123]: text".
    char stamp[32];
    std::time_t now = std::time(nullptr);
    struct tm tm;
    localtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);
    std::fprintf(s.file, "%s %s[%ld]: %s%.*s\n", stamp, s.program.c_str(), static_cast<long>(getpid()),
                 prefix(severity), static_cast<int>(text.size()), text.data());
    std::fflush(s.file);
}

void fatal(std::string_view text)
{
    write(Severity::fatal, text);
    std::exit(1);
}

std::string printable(std::string_view text, std::size_t max)
{
    std::string out;
    for (char c : text) {
        if (out.size() >= max) {
            out += "...";
            break;
        }
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? '?' : c;
    }
    return out;
}

} // namespace smsgate::log
