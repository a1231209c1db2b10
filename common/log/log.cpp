// log.cpp - Postfix-style log lines to syslog, Postfix's postlog service, a
// file or standard error.
#include "log/log.hpp"

#include "log/postfix_log.hpp"
#include "util/fd.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <paths.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

namespace smsgate::log {

namespace {

enum class Kind { stderr_stream, file, syslog, postlog };

struct Sink {
    std::mutex mutex;
    std::string program = "smsgate";
    std::string hostname;
    Kind kind = Kind::stderr_stream;
    std::string path; // of the file or of the postlog socket
    std::FILE* file = stderr;
    Fd socket;
    bool show_text = false;
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

// Postfix's postlogd(8) takes datagrams of at most 4096 bytes.
constexpr std::size_t postlog_datagram_max = 4096;

[[noreturn]] void cannot(const Sink& s, const std::string& what)
{
    std::fprintf(stderr, "%s: fatal: cannot log to %s\n", s.program.c_str(), what.c_str());
    std::exit(1);
}

// A datagram socket connected to path (the postlog service, /dev/log).
Fd connect_datagram(const std::string& path)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) {
        errno = ENAMETOOLONG;
        return Fd{};
    }
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    Fd fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (fd && ::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        fd.reset();
    return fd;
}

void open_syslog(Sink& s)
{
    // openlog() never says whether anyone listens: ask /dev/log first.
    if (!connect_datagram(_PATH_LOG))
        cannot(s, std::string("syslog: ") + _PATH_LOG + ": " + std::strerror(errno));
    s.kind = Kind::syslog;
    openlog(s.program.c_str(), LOG_PID | LOG_NDELAY, LOG_MAIL);
}

void open_postfix(Sink& s, const std::string& config_dir)
{
    auto postfix = ask_postfix(config_dir);
    if (!postfix)
        cannot(s, "postfix: " + postfix.error().what());
    if (postfix.value().maillog_file.empty())
        return open_syslog(s);
    s.socket = connect_datagram(postfix.value().postlog_socket);
    if (!s.socket)
        cannot(s, "postfix: postlog service " + postfix.value().postlog_socket + " (maillog_file = " +
                      postfix.value().maillog_file + "): " + std::strerror(errno));
    s.kind = Kind::postlog;
    s.path = postfix.value().postlog_socket;
    s.hostname = postfix.value().hostname;
}

std::string local_hostname()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0)
        return "localhost";
    std::string host(name);
    return host.substr(0, host.find('.'));
}

// The maillog format of Postfix's own lines (msg_logger.c):
// "Dec 07 10:15:32 host program[pid]: severity: text".
std::string maillog_line(const Sink& s, Severity severity, std::string_view text)
{
    char stamp[32];
    std::time_t now = std::time(nullptr);
    struct tm tm;
    localtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%b %d %H:%M:%S", &tm);
    return std::string(stamp) + " " + s.hostname + " " + s.program + "[" + std::to_string(getpid()) +
           "]: " + prefix(severity) + std::string(text);
}

void send_postlog(Sink& s, std::string line)
{
    if (line.size() > postlog_datagram_max)
        line.resize(postlog_datagram_max);
    if (::send(s.socket.get(), line.data(), line.size(), 0) >= 0)
        return;
    // Postfix restarted: the service has a new socket at the same path.
    s.socket = connect_datagram(s.path);
    if (s.socket && ::send(s.socket.get(), line.data(), line.size(), 0) >= 0)
        return;
    std::fprintf(stderr, "%s (postlog service %s: %s)\n", line.c_str(), s.path.c_str(), std::strerror(errno));
}

// A log file is made 0640 (less the umask), never readable by every user:
// its lines name senders and numbers. An existing file keeps its mode.
std::FILE* open_log_file(const std::string& path)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return nullptr;
    std::FILE* f = ::fdopen(fd, "a");
    if (!f) {
        int saved = errno;
        ::close(fd);
        errno = saved;
    }
    return f;
}

} // namespace

void open(std::string_view program, std::string_view destination)
{
    auto& s = sink();
    std::lock_guard lock(s.mutex);
    s.program = std::string(program);
    s.hostname = local_hostname();
    if (s.kind == Kind::file)
        std::fclose(s.file);
    s.kind = Kind::stderr_stream;
    s.file = stderr;
    s.socket.reset();
    std::string config_dir;
    if (destination == "syslog") {
        open_syslog(s);
    } else if (is_postfix_destination(destination, config_dir)) {
        open_postfix(s, config_dir);
    } else if (destination.empty() || destination == "stderr") {
        s.kind = Kind::stderr_stream;
        s.file = stderr;
    } else if (std::FILE* f = open_log_file(std::string(destination))) {
        s.kind = Kind::file;
        s.path = std::string(destination);
        s.file = f;
    } else {
        cannot(s, std::string(destination) + ": " + std::strerror(errno));
    }
}

void reopen()
{
    auto& s = sink();
    std::lock_guard lock(s.mutex);
    if (s.kind == Kind::postlog) {
        if (Fd again = connect_datagram(s.path))
            s.socket = std::move(again);
        return;
    }
    if (s.kind != Kind::file)
        return;
    if (std::FILE* f = open_log_file(s.path)) {
        std::fclose(s.file);
        s.file = f;
        return;
    }
    std::string why = "cannot reopen log file " + s.path + ": " + std::strerror(errno) + "; writing on in the old one";
    std::fprintf(s.file, "%s\n", maillog_line(s, Severity::warning, why).c_str());
    std::fflush(s.file);
}

void write(Severity severity, std::string_view text)
{
    auto& s = sink();
    std::lock_guard lock(s.mutex);
    switch (s.kind) {
    case Kind::syslog:
        ::syslog(syslog_priority(severity), "%s%.*s", prefix(severity), static_cast<int>(text.size()), text.data());
        return;
    case Kind::postlog:
        send_postlog(s, maillog_line(s, severity, text));
        return;
    case Kind::file:
    case Kind::stderr_stream:
        std::fprintf(s.file, "%s\n", maillog_line(s, severity, text).c_str());
        std::fflush(s.file);
        return;
    }
}

void fatal(std::string_view text)
{
    write(Severity::fatal, text);
    std::exit(1);
}

void show_sms_text(bool show)
{
    auto& s = sink();
    std::lock_guard lock(s.mutex);
    s.show_text = show;
}

std::string sms_text(std::string_view text)
{
    bool show;
    {
        auto& s = sink();
        std::lock_guard lock(s.mutex);
        show = s.show_text;
    }
    if (show)
        return "text=\"" + printable(text) + "\"";
    return "text_bytes=" + std::to_string(text.size());
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
