// daemon.cpp - smsgate-milter's process.
//
// libmilter owns SIGHUP, SIGTERM and SIGINT in the threads it starts (its
// own signal thread takes SIGHUP as "stop"). The main thread keeps them
// unblocked with a handler, and Linux gives a signal sent to the process to
// its main thread whenever that thread does not block it: so SIGHUP reaches
// the handler here and becomes a reload, never a stop.
#include "daemon.hpp"

#include "callbacks.hpp"
#include "log/log.hpp"
#include "config/milter_section.hpp"
#include "os/pid_file.hpp"
#include "os/privileges.hpp"
#include "quota_writer.hpp"
#include "util/fd.hpp"

#include <libmilter/mfapi.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <pthread.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <iostream>
#include <memory>
#include <pwd.h>
#include <sys/stat.h>
#include <optional>
#include <thread>
#include <unistd.h>
#include <vector>

namespace smsgate::milter {

namespace {

constexpr int ex_oserr = 71;
constexpr int ex_config = 78;

int signal_pipe[2] = {-1, -1};

// SIGUSR2 interrupts libmilter's listener in its select(), so that it
// sees smfi_stop() now rather than at its next look, seconds later.
extern "C" void on_kick(int) {}

extern "C" void on_signal(int sig)
{
    int saved = errno;
    unsigned char c = static_cast<unsigned char>(sig);
    [[maybe_unused]] auto n = write(signal_pipe[1], &c, 1);
    errno = saved;
}

// The socket path of unix:/path or local:/path; empty for inet sockets.
std::string unix_path(const std::string& socket)
{
    for (const char* p : {"unix:", "local:"})
        if (socket.rfind(p, 0) == 0)
            return socket.substr(std::strlen(p));
    return "";
}

// The uid and gid a unix: socket is given: [milter] user's and
// socket_group's, -1 (unchanged) for the one not set.
Result<std::pair<uid_t, gid_t>> socket_owner(const config::MilterConfig& c)
{
    auto uid = static_cast<uid_t>(-1);
    auto gid = static_cast<gid_t>(-1);
    if (!c.user.empty()) {
        const passwd* pw = getpwnam(c.user.c_str());
        if (!pw)
            return make_error("user", "[milter] user: no user '" + c.user + "'");
        uid = pw->pw_uid;
    }
    if (!c.socket_group.empty()) {
        const group* gr = getgrnam(c.socket_group.c_str());
        if (!gr)
            return make_error("socket_group", "[milter] socket_group: no group '" + c.socket_group + "'");
        gid = gr->gr_gid;
    }
    return std::pair{uid, gid};
}

// Why a milter started as a user other than root could not give its socket
// the group, and the two ways out.
std::string not_root_hint(const config::MilterConfig& c)
{
    return "; a milter started as a user other than root may give its socket only a group it is in, or the "
           "group of a directory with the set-group-ID bit: make the socket's directory group " +
           c.socket_group + " and mode 2750, or start the milter as root with [milter] user";
}

// Owned by the milter's user and Postfix's group, so that smtpd and
// cleanup may connect and nobody else (mode 0660 by default).
Status set_owner_and_mode(const std::string& path, const config::MilterConfig& c)
{
    auto owner = socket_owner(c);
    if (!owner)
        return owner.error();
    if (chown(path.c_str(), owner->first, owner->second) != 0) {
        int e = errno;
        return make_error("socket", path + ": chown: " + std::strerror(e) +
                                        (e == EPERM && geteuid() != 0 ? not_root_hint(c) : ""));
    }
    auto mode = static_cast<mode_t>(std::stoul(c.socket_mode, nullptr, 8));
    if (chmod(path.c_str(), mode) != 0)
        return make_error("socket", path + ": chmod: " + std::strerror(errno));
    return Done{};
}

Status open_socket(const config::MilterConfig& c)
{
    if (smfi_setconn(const_cast<char*>(c.socket.c_str())) != MI_SUCCESS)
        return make_error("socket", "cannot use " + c.socket);
    smfi_settimeout(c.timeout);
    // true: a socket file left by an earlier run is removed first.
    if (smfi_opensocket(true) != MI_SUCCESS)
        return make_error("socket", "cannot open " + c.socket);
    if (auto path = unix_path(c.socket); !path.empty())
        if (auto ok = set_owner_and_mode(path, c); !ok) {
            unlink(path.c_str()); // nobody is to find a socket that nobody serves
            return ok;
        }
    return Done{};
}

// Into the background. The parent stays until the child says it is ready
// (one byte on the returned descriptor, ready()) and exits 0, or exits
// ex_oserr when the child ends first: whoever started the milter learns
// that the start failed.
Fd daemonize()
{
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0)
        log::fatal(std::string("pipe: ") + std::strerror(errno));
    Fd read_end(ends[0]), write_end(ends[1]);
    if (pid_t pid = fork(); pid < 0) {
        log::fatal(std::string("fork: ") + std::strerror(errno));
    } else if (pid > 0) {
        write_end.reset();
        char byte = 0;
        ssize_t n;
        while ((n = read(read_end.get(), &byte, 1)) < 0 && errno == EINTR) {
        }
        _exit(n == 1 ? 0 : ex_oserr);
    }
    read_end.reset();
    setsid();
    if (chdir("/") != 0)
        log::warning(std::string("chdir /: ") + std::strerror(errno));
    Fd null(open("/dev/null", O_RDWR | O_CLOEXEC));
    for (int fd : {0, 1, 2})
        dup2(null.get(), fd);
    return write_end;
}

// Tells the waiting parent of daemonize() that the start went well.
void ready(Fd& parent)
{
    if (!parent)
        return;
    char byte = 1;
    while (write(parent.get(), &byte, 1) < 0 && errno == EINTR) {
    }
    parent.reset();
}

// The byte the milter thread writes when smfi_main() returns.
constexpr unsigned char milter_ended = 0;

// How long a stop waits for libmilter's loop to end and the connections to
// close. libmilter looks at smfi_stop() only every few seconds (its
// listener's select() timeout), and an SMTP client may hold an idle
// connection for minutes: neither may hold up a stop longer than this.
constexpr auto stop_grace = std::chrono::milliseconds(700);

// Stops libmilter: true when its loop ended and every connection closed
// within stop_grace. smfi_stop() itself waits for the listener's lock, which
// the listener holds in its select(): it runs in a thread of its own, and
// the listener (in the thread `milter`) is interrupted until it ends.
bool stop_milter(std::thread& milter, const std::atomic<int>& open_connections)
{
    std::thread([] { smfi_stop(); }).detach();
    auto deadline = std::chrono::steady_clock::now() + stop_grace;
    bool ended = false;
    while (!(ended && open_connections.load() == 0)) {
        if (!ended)
            pthread_kill(milter.native_handle(), SIGUSR2);
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{signal_pipe[0], POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 50))) <= 0)
            continue;
        unsigned char c = 1;
        if (read(signal_pipe[0], &c, 1) == 1 && c == milter_ended)
            ended = true;
    }
    return true;
}

// The stop did not finish within stop_grace: libmilter's threads still run
// and use the policy and the quota book, so the process ends without
// running destructors. A session cut so is tempfailed by the MTA (its
// milter_default_action), and SQLite rolls back what it had begun.
[[noreturn]] void exit_now(const config::MilterConfig& config, int open_connections)
{
    log::warning("libmilter did not end within " + std::to_string(stop_grace.count()) + " ms; " +
                 std::to_string(open_connections) + " connections still open at exit");
    if (auto path = unix_path(config.socket); !path.empty())
        unlink(path.c_str());
    log::info("stopped");
    std::_Exit(0);
}

void install_signals()
{
    if (pipe2(signal_pipe, O_CLOEXEC) != 0)
        log::fatal(std::string("pipe: ") + std::strerror(errno));
    // A handler must never block: a full pipe already holds a wake-up.
    fcntl(signal_pipe[1], F_SETFL, fcntl(signal_pipe[1], F_GETFL) | O_NONBLOCK);
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGHUP, SIGTERM, SIGINT})
        sigaction(sig, &sa, nullptr);
    struct sigaction kick {};
    kick.sa_handler = on_kick; // no SA_RESTART: the select() returns EINTR
    sigemptyset(&kick.sa_mask);
    sigaction(SIGUSR2, &kick, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

// Gives the next snapshot its quota counts: the ones in force when the file
// is the same and open (its reservations stay), else the file opened now,
// with the thread that writes the counts to it.
void attach_quota(Snapshot& next, const Snapshot* current)
{
    if (current && current->quota && current->quota_database == next.quota_database) {
        next.quota = current->quota;
        return;
    }
    auto writer = QuotaWriter::start(next.quota_database, [](const std::string& line) { log::warning(line); });
    if (!writer) {
        log::error(next.quota_database + ": " + writer.error().what() +
                   "; senders with a quota get 451 4.3.0 until a reload (SIGHUP) finds the file usable");
        return;
    }
    // The counts keep their writer alive as long as a snapshot holds them.
    auto owner = std::move(writer).value();
    next.quota = std::shared_ptr<QuotaTally>(owner, &owner->tally());
    if (current)
        log::info("SIGHUP: quota database " + next.quota_database + " opened");
}

// Quota counts of a file a reload no longer names, kept until no
// connection holds them: their writer then stops here, in the main thread,
// never in a libmilter callback that let go of the last snapshot.
struct RetiredQuota {
    std::string path;
    std::shared_ptr<QuotaTally> quota;
};
using Retired = std::vector<RetiredQuota>;

void sweep(Retired& retired)
{
    std::erase_if(retired, [](RetiredQuota& r) {
        if (r.quota.use_count() > 1)
            return false;
        r.quota.reset(); // writes what is left and stops its writer
        log::info("SIGHUP: quota database " + r.path + " closed");
        return true;
    });
}

void reload(SnapshotHolder& holder, const std::string& path, Retired& retired)
{
    auto next = load_snapshot(path);
    if (!next) {
        log::error("SIGHUP: " + next.error().message + "; the policy in force stays");
        return;
    }
    auto current = holder.get();
    attach_quota(**next, current.get());
    if (current->quota && current->quota != (*next)->quota)
        retired.push_back({current->quota_database, current->quota});
    sweep(retired);
    auto entries = (*next)->senders->size();
    holder.set(std::move(next).value());
    log::info("SIGHUP: policy reloaded from " + path + ": " + std::to_string(entries) +
              " senders entries; new connections use it");
}

// The configuration, with the command line's socket and user over it;
// nullopt (said on stderr) when it cannot be read.
std::optional<config::MilterConfig> read_config(const DaemonOptions& options)
{
    auto config = config::load_config<config::MilterConfig>(options.config_path);
    if (!config) {
        std::cerr << "smsgate-milter: " << config.error().what() << "\n";
        return std::nullopt;
    }
    if (!options.socket.empty())
        config->socket = options.socket;
    if (!options.user.empty())
        config->user = options.user;
    // A group or user that does not exist stops the start here, on stderr,
    // rather than in the log after the socket was made.
    if (!unix_path(config->socket).empty())
        if (auto owner = socket_owner(*config); !owner) {
            std::cerr << "smsgate-milter: " << options.config_path << ": " << owner.error().message << "\n";
            return std::nullopt;
        }
    if (!options.pid_file.empty())
        config->pid_file = options.pid_file;
    // Before the socket: a second milter would take the socket of the first.
    if (auto free = os::pid_file_free(config->pid_file); !free) {
        std::cerr << "smsgate-milter: " << free.error().what() << "\n";
        return std::nullopt;
    }
    return std::move(config).value();
}

// libmilter wants the filter registered before its socket is opened; the
// socket is opened as root, then the milter becomes its user. false (and
// logged) when one of these fails.
bool listen_as_user(const config::MilterConfig& config, Shared& shared)
{
    if (smfi_register(filter_description(shared)) != MI_SUCCESS) {
        log::error("smfi_register failed");
        return false;
    }
    if (auto ok = open_socket(config); !ok) {
        log::error(ok.error().message);
        return false;
    }
    if (auto ok = os::become_user(config.user); !ok) {
        log::error(ok.error().message);
        return false;
    }
    if (geteuid() == 0)
        log::warning("running as root; set [milter] user");
    return true;
}

// libmilter's loop in a thread of its own, started with the signals
// blocked so that its threads never take them; this one gets them.
std::thread start_milter(int& status)
{
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGHUP, SIGTERM, SIGINT})
        sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread milter([&status] {
        status = smfi_main();
        // However it ended, the main thread must know: a milter that no
        // longer listens must not look alive.
        unsigned char c = milter_ended;
        [[maybe_unused]] auto n = write(signal_pipe[1], &c, 1);
    });
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    return milter;
}

// The main loop: reopens the log file and reloads on SIGHUP, stops on SIGTERM or SIGINT, and exits
// with 1 when libmilter's loop ended by itself. It wakes for signals and
// for the end of libmilter's loop; old quota rows go from the quota
// writer's thread.
int serve(const config::MilterConfig& config, const std::string& config_path, SnapshotHolder& holder, Shared& shared,
          std::thread& milter, Retired& retired)
{
    while (true) {
        pollfd p{signal_pipe[0], POLLIN, 0};
        int rc = poll(&p, 1, -1);
        if (rc < 0 && errno == EINTR)
            continue;
        unsigned char sig = 0;
        ssize_t n = read(signal_pipe[0], &sig, 1);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return 0;
        if (sig == milter_ended) {
            log::error("libmilter stopped on its own; exiting so that the service can be restarted");
            return 1;
        }
        if (sig == SIGHUP) {
            log::reopen();
            reload(holder, config_path, retired);
            continue;
        }
        log::info("stopping on signal " + std::to_string(sig) + ": no new connections");
        // Sessions in progress run in libmilter's threads and use the policy
        // and the quota book: they end before those do, or the process ends
        // without freeing them.
        if (!stop_milter(milter, shared.open_connections))
            exit_now(config, shared.open_connections.load());
        return 0;
    }
}

} // namespace

int run_daemon(const DaemonOptions& options)
{
    auto config = read_config(options);
    if (!config)
        return ex_config;
    auto first = load_snapshot(options.config_path);
    if (!first) {
        std::cerr << "smsgate-milter: " << first.error().message << "\n";
        return ex_config;
    }
    log::open("smsgate-milter", options.log.empty() ? config->log : options.log);
    // From here on a SIGHUP reloads (once the loop reads it) rather than
    // ending the process with the default action.
    install_signals();

    // The callbacks run only once smfi_main() starts; the quota book is
    // filled in before that.
    SnapshotHolder holder(std::move(first).value());
    Shared shared{&holder};
    if (!listen_as_user(*config, shared))
        return ex_oserr;
    Fd parent;
    if (!options.foreground)
        parent = daemonize();
    // The pid of the process that stays, written as the milter's user.
    auto pid_file = os::PidFile::write(config->pid_file);
    if (!pid_file) {
        log::error(pid_file.error().what());
        if (auto path = unix_path(config->socket); !path.empty())
            unlink(path.c_str()); // nobody is to find a socket that nobody serves
        return ex_oserr;
    }
    ready(parent);

    // Opened as the user the milter runs as, which owns the file.
    {
        auto with_quota = std::make_shared<Snapshot>(*holder.get());
        attach_quota(*with_quota, nullptr);
        holder.set(std::move(with_quota));
    }

    int status = 0;
    std::thread milter = start_milter(status);
    log::info("started: socket " + config->socket + ", " + std::to_string(holder.get()->senders->size()) +
              " senders entries");
    Retired retired; // until libmilter's threads have ended
    int exit_status = serve(*config, options.config_path, holder, shared, milter, retired);
    milter.join();
    log::info("stopped");
    if (exit_status == 0 && status != MI_SUCCESS)
        exit_status = 1;
    return exit_status;
}

} // namespace smsgate::milter
