// daemon.cpp - starts the store, the router, the socket server and one
// thread per modem; stops them on SIGTERM or SIGINT.
#include "worker/daemon.hpp"

#include "log/log.hpp"
#include "config/number_map.hpp"
#include "link/link.hpp"
#include "os/pid_file.hpp"
#include "os/privileges.hpp"
#include "worker/modem_agent.hpp"
#include "store/file_mode.hpp"
#include "worker/mail_sink.hpp"
#include "worker/metrics.hpp"
#include "worker/outbox.hpp"
#include "worker/server.hpp"

#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace smsgate::worker {

namespace {

sigset_t stop_signals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    return set;
}

// Started as root, smsgated must be told which user to become: files it
// made as root (the database above all) would stop the next start as the
// gateway's own user. user = root keeps root on purpose.
bool refused_as_root(const config::WorkerConfig& config)
{
    if (geteuid() != 0 || !config.user.empty())
        return false;
    std::cerr << "smsgated: started as root with no [worker] user: set user = smsgate (the user to run as once "
                 "the socket, the modems and the database are open), or user = root to keep root\n";
    return true;
}

// The configuration, and the log it names (stderr until it is read).
std::optional<config::WorkerConfig> start_logging(const DaemonOptions& options)
{
    auto config = config::load_worker_config(options.config_path);
    if (!config) {
        log::open("smsgated", "stderr");
        log::error(config.error().what());
        return std::nullopt;
    }
    if (refused_as_root(*config))
        return std::nullopt;
    if (!options.pid_file.empty())
        config->pid_file = options.pid_file;
    log::open("smsgated", options.log.empty() ? config->log : options.log);
    log::show_sms_text(config->log_text);
    if (config->user == "root" && geteuid() == 0)
        log::warning("running as root ([worker] user = root): a dedicated user, such as smsgate, is safer");
    if (config->modems.empty())
        log::warning(options.config_path + ": no [modem.NAME] section; nothing can be sent");
    return std::move(config).value();
}

std::unique_ptr<store::Store> open_store(const config::WorkerConfig& config)
{
    auto own = store::Store::open(config.database);
    if (!own)
        log::fatal(config.database + ": " + own.error().what());
    return std::move(own).value();
}

// The database holds every SMS sent and received: its files get the
// configured mode, before any connection holds locks on them. Then what a
// stop left half done is put right.
std::unique_ptr<store::Store> open_database(const config::WorkerConfig& config)
{
    if (auto ok = store::restrict_database_files(config.database, database_mode(config)); !ok)
        log::fatal(config.database + ": " + ok.error().what());
    auto store = open_store(config);
    auto again = store->recover(store::clock_now());
    if (!again)
        log::fatal(config.database + ": recovery: " + again.error().what());
    if (*again > 0)
        log::warning("recovery: " + std::to_string(*again) +
                     " parts were being sent when the worker stopped; they are in doubt until their status "
                     "reports come, or are sent again");
    return store;
}

std::vector<Router::Modem> routes_of(const config::WorkerConfig& config)
{
    std::vector<Router::Modem> routes;
    for (const auto& m : config.modems)
        routes.push_back({m.name, m.prefixes, m.limits});
    return routes;
}

// A serial device is opened before smsgated gives up root (a device root
// may open and the user may not still works until its link drops); the
// modem's first open takes it. Every later open (a reconnect after a link
// drop) opens the device anew with the rights smsgated has then. TCP links
// need no rights: they are opened in the modem's thread, as when no user
// change follows.
modem::LinkOpener opened_first(const config::WorkerConfig& worker, const config::ModemConfig& modem)
{
    auto settings = driver_settings(modem, worker);
    if (geteuid() != 0 || worker.user.empty() || worker.user == "root" || settings.link.device.rfind("tcp:", 0) == 0)
        return {};
    auto opened = link::open_link(settings.link);
    auto first = std::make_shared<std::unique_ptr<link::Link>>(opened ? std::move(opened).value() : nullptr);
    return [first](const link::LinkConfig& c) -> Result<std::unique_ptr<link::Link>> {
        if (*first)
            return std::move(*first);
        return link::open_link(c);
    };
}

// What runs beside the socket server: the mail sink and its outbox, and one
// thread per modem. Every store is opened in the constructor, before any
// thread starts: log::fatal exits, and must not do so under a running
// thread.
class Services {
public:
    Services(const config::WorkerConfig& config, Router& router, Server& server, config::NumberMap map)
        // The outbox calls the sink only once it runs; the sink wakes the
        // outbox, made first.
        : outbox_(std::make_unique<Outbox>(config.mail, open_store(config),
                                           [this](store::Seconds now, bool first) { sink_.sweep(now, first); })),
          sink_(config, open_store(config), std::move(map), [this] { outbox_->wake(); })
    {
        server.on_outcome([this](const JobOutcome& o) {
            sink_.outcome(o);
            // The transport gave up waiting (4.4.7) and Postfix deferred
            // the mail: Postfix delivers it again now, and bounces it or
            // lets it go.
            if (!o.answered)
                outbox_->nudge(o.queue_id);
        });
        ModemHooks hooks;
        hooks.job_changed = [&server](store::Id id) { server.job_changed(id); };
        hooks.sent_after = [this](store::Seconds s) { latency_.observe(static_cast<double>(s)); };
        for (const auto& m : config.modems) {
            hooks.open_link = opened_first(config, m);
            modems_.push_back(std::make_shared<ModemAgent>(m, config, router, open_store(config), sink_, hooks));
        }
        if (!config.metrics_file.empty())
            metrics_ = std::make_unique<MetricsWriter>(config, router, open_store(config), latency_);
    }

    void start()
    {
        mailer_ = std::thread([this] { outbox_->run(); });
        for (const auto& modem : modems_)
            threads_.emplace_back([modem] { modem->run(); });
        if (metrics_)
            threads_.emplace_back([this] { metrics_->run(); });
    }

    // After the router stopped: the modems end their sessions, then the
    // outbox hands over what they queued last.
    void stop()
    {
        for (auto& t : threads_)
            t.join();
        outbox_->stop();
        mailer_.join();
    }

private:
    // Writes the metrics file every poll_seconds until the router stops.
    class MetricsWriter {
    public:
        MetricsWriter(const config::WorkerConfig& config, Router& router, std::unique_ptr<store::Store> store,
                      const SendLatency& latency)
            : config_(config), router_(router), store_(std::move(store)), latency_(latency)
        {
        }
        void run()
        {
            for (bool failed = false; !router_.stopping();) {
                auto written = write_metrics_file(
                    config_.metrics_file,
                    metrics_text(take_snapshot(router_, *store_, store::clock_now(), Reports::count), latency_.counts()));
                if (!written && !failed) // said once, until it works again
                    log::warning("metrics: " + written.error().what());
                failed = !written;
                router_.pause_until(std::chrono::steady_clock::now() + std::chrono::seconds(config_.poll_seconds));
            }
        }

    private:
        const config::WorkerConfig& config_;
        Router& router_;
        std::unique_ptr<store::Store> store_;
        const SendLatency& latency_;
    };

    SendLatency latency_;
    std::unique_ptr<Outbox> outbox_;
    MailSink sink_;
    std::vector<std::shared_ptr<ModemAgent>> modems_;
    std::unique_ptr<MetricsWriter> metrics_;
    std::thread mailer_;
    std::vector<std::thread> threads_;
};

// Signals go to one thread that waits for them; all others block them.
std::thread signal_waiter(sigset_t signals, Router& router, Server& server)
{
    return std::thread([signals, &router, &server] {
        int sig = 0;
        while (sigwait(&signals, &sig) == 0 && sig == SIGHUP) {
            log::reopen();
            log::info("SIGHUP: the configuration is read at start; restart smsgated to change modems");
        }
        log::info("stopping on signal " + std::to_string(sig));
        router.stop();
        server.stop();
    });
}

// Gives up root for [worker] user once every file and device is open. The
// database's files, made or opened as root, go to the user first: the next
// start as the user (the unit's User=) must be able to open them.
void become_worker_user(const config::WorkerConfig& config)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (auto ok = os::hand_over(config.database + suffix, config.user); !ok)
            log::fatal("[worker] database: " + ok.error().what());
    uid_t before = geteuid();
    if (auto ok = os::become_user(config.user); !ok)
        log::fatal("[worker] " + ok.error().what());
    if (geteuid() != before)
        log::info("running as user " + config.user + " (uid " + std::to_string(geteuid()) + ")");
}

} // namespace

int run_daemon(const DaemonOptions& options)
{
    // A sendmail that exits before reading its whole mail must not take the
    // worker with it: the write fails with EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);
    auto config = start_logging(options);
    if (!config)
        return 1;
    auto pid_file = os::PidFile::write(config->pid_file);
    if (!pid_file)
        log::fatal(pid_file.error().what());
    auto store = open_database(*config);
    auto map = config::load_number_map(config->mail.number_map, config->sms.default_region);
    if (!map)
        log::fatal(map.error().what());
    Router router(routes_of(*config));
    Server server(*config, router, *store);
    if (auto ok = server.listen(); !ok)
        log::fatal(ok.error().what());

    sigset_t signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    Services services(*config, router, server, std::move(map).value());
    become_worker_user(*config);
    services.start();
    std::thread waiter = signal_waiter(signals, router, server);
    log::info("started: " + std::to_string(config->modems.size()) + " modems, socket " + config->socket);
    server.run();
    router.stop();
    services.stop();
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    log::info("stopped");
    return 0;
}

} // namespace smsgate::worker
