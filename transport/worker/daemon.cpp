// daemon.cpp - starts the store, the router, the socket server and one
// thread per modem; stops them on SIGTERM or SIGINT.
#include "worker/daemon.hpp"

#include "log/log.hpp"
#include "config/number_map.hpp"
#include "modem/modem.hpp"
#include "store/file_mode.hpp"
#include "worker/mail_sink.hpp"
#include "worker/outbox.hpp"
#include "worker/server.hpp"

#include <csignal>
#include <pthread.h>
#include <thread>

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

} // namespace

int run_daemon(const DaemonOptions& options)
{
    // A sendmail that exits before reading its whole mail must not take the
    // worker with it: the write fails with EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);
    auto config = load_config(options.config_path);
    if (!config) {
        log::open("smsgated", "stderr");
        log::error(config.error().what());
        return 1;
    }
    log::open("smsgated", options.log.empty() ? config->log : options.log);
    if (config->modems.empty())
        log::warning(options.config_path + ": no [modem.NAME] section; nothing can be sent");

    // The database holds every SMS sent and received: its files get the
    // configured mode, before any connection holds locks on them.
    if (auto ok = store::restrict_database_files(config->database, database_mode(*config)); !ok)
        log::fatal(config->database + ": " + ok.error().what());
    auto store = store::Store::open(config->database);
    if (!store)
        log::fatal(config->database + ": " + store.error().what());
    auto now = store::clock_now();
    auto again = (*store)->recover(now);
    if (!again)
        log::fatal(config->database + ": recovery: " + again.error().what());
    if (*again > 0)
        log::warning("recovery: " + std::to_string(*again) +
                     " parts were being sent when the worker stopped; they are in doubt until their status "
                     "reports come, or are sent again");

    auto map = config::load_number_map(config->mail.number_map, config->sms.default_region);
    if (!map)
        log::fatal(map.error().what());

    std::vector<Router::Modem> routes;
    for (const auto& m : config->modems)
        routes.push_back({m.name, m.prefixes});
    Router router(routes);
    Server server(*config, router, **store);
    if (auto ok = server.listen(); !ok)
        log::fatal(ok.error().what());

    // Signals go to one thread that waits for them; all others block them.
    sigset_t signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto open_store = [&config] {
        auto own = store::Store::open(config->database);
        if (!own)
            log::fatal(config->database + ": " + own.error().what());
        return std::move(own).value();
    };
    std::unique_ptr<Outbox> outbox;
    MailSink sink(*config, open_store(), std::move(map).value(), [&outbox] {
        if (outbox)
            outbox->wake();
    });
    outbox = std::make_unique<Outbox>(config->mail, open_store(),
                                      [&sink](store::Seconds now, bool first) { sink.sweep(now, first); });
    server.on_outcome([&sink, &outbox](const JobOutcome& o) {
        sink.outcome(o);
        // The transport gave up waiting (4.4.7) and Postfix deferred the
        // mail: Postfix delivers it again now, and bounces it or lets it go.
        if (!o.answered)
            outbox->nudge(o.queue_id);
    });
    // Every store is open before any thread starts: log::fatal exits, and
    // must not do so under a running thread.
    std::vector<std::shared_ptr<modem::Modem>> modems;
    for (const auto& m : config->modems)
        modems.push_back(std::make_shared<modem::Modem>(
            m, *config, router, open_store(), sink, modem::Hooks{[&server](store::Id id) { server.job_changed(id); }}));
    std::thread mailer([&outbox] { outbox->run(); });
    std::vector<std::thread> threads;
    for (const auto& modem : modems)
        threads.emplace_back([modem] { modem->run(); });
    std::thread waiter([&] {
        int sig = 0;
        while (sigwait(&signals, &sig) == 0 && sig == SIGHUP) {
            log::info("SIGHUP: the configuration is read at start; restart smsgated to change modems");
        }
        log::info("stopping on signal " + std::to_string(sig));
        router.stop();
        server.stop();
    });
    log::info("started: " + std::to_string(config->modems.size()) + " modems, socket " + config->socket);
    server.run();
    router.stop();
    for (auto& t : threads)
        t.join();
    outbox->stop();
    mailer.join();
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    log::info("stopped");
    return 0;
}

} // namespace smsgate::worker
