// modem.cpp - the modem thread: link, initialisation, serving, resets.
#include "modem/modem.hpp"

#include "log/log.hpp"

#include <cstdlib>
#include <ctime>
#include <thread>

namespace smsgate::modem {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Reopening a link that failed: 1 s, doubled up to a minute, so that an
// unplugged modem is found again soon after it is back without a busy loop.
constexpr auto first_backoff = 1s;
constexpr auto max_backoff = 60s;
// While idle, the link is read in slices this long; between slices the
// thread looks for new jobs. It bounds the latency of a submit.
constexpr auto idle_slice = 250ms;

// A modem whose link is down is not registered: smsgatectl status must not
// show its last registration as now. Signal and operator stay, as last known.
void mark_down(worker::ModemStatus& s)
{
    s.link = "down";
    s.registered = false;
    s.registration.clear();
}

} // namespace

Modem::Modem(const config::ModemConfig& config, const config::WorkerConfig& worker, worker::Router& router,
             std::unique_ptr<store::Store> store, worker::Sink& sink, Hooks hooks)
    : config_(config), worker_(worker), router_(router), store_(std::move(store)), sink_(sink),
      hooks_(std::move(hooks))
{
}

store::Seconds Modem::now() const { return store::clock_now(); }

void Modem::log_db_error(const Error& error, std::string_view what) const
{
    log::error(config_.name + ": database: cannot record " + std::string(what) + ": " + error.what());
}

void Modem::status(const std::function<void(worker::ModemStatus&)>& change) { router_.update(config_.name, change); }

void Modem::run()
{
    auto backoff = std::chrono::duration_cast<std::chrono::milliseconds>(first_backoff);
    while (!router_.stopping()) {
        status([](auto& s) { s.link = "opening"; });
        auto link = hooks_.open_link ? hooks_.open_link(config_.link) : link::open_link(config_.link);
        if (!link) {
            log::warning(config_.name + ": " + link.error().what() + "; retrying in " +
                         std::to_string(backoff.count() / 1000) + " s");
            status([&](auto& s) {
                mark_down(s);
                s.last_error = link.error().what();
            });
            router_.pause_until(Clock::now() + backoff);
            backoff = std::min(backoff * 2, std::chrono::duration_cast<std::chrono::milliseconds>(max_backoff));
            continue;
        }
        Channel ch(std::move(link).value(), config_.name);
        ch.set_trace(std::getenv("SMSGATE_TRACE") != nullptr);
        ch.set_stopping([this] { return router_.stopping(); });
        log::info(config_.name + ": link " + ch.link().describe() + " open");
        Served how = Served::link_failed;
        if (initialise(ch)) {
            backoff = std::chrono::duration_cast<std::chrono::milliseconds>(first_backoff);
            how = serve(ch);
        }
        status(mark_down);
        // A link that failed in use (a read or write error, a device that
        // vanished) says why, as one that cannot be opened does.
        if (ch.link_failed())
            status([&](auto& s) { s.last_error = ch.link_error(); });
        if (how == Served::stopped)
            break;
        if (how == Served::reset && !router_.stopping()) {
            log::warning(config_.name + ": modem does not answer; resetting");
            ch.escape();
            ch.run(at::Command::attention);
            ch.run(at::Command::reset);
        }
        router_.pause_until(Clock::now() + backoff);
        backoff = std::min(backoff * 2, std::chrono::duration_cast<std::chrono::milliseconds>(max_backoff));
    }
}

Modem::Served Modem::serve(Channel& ch)
{
    // Looked at after every step, not once a round: a modem that went
    // silent is reset after command_timeout_limit timeouts, not after a
    // round of them (the sweep alone may wait a minute).
    auto broken = [&]() -> std::optional<Served> {
        if (ch.link_failed())
            return Served::link_failed;
        if (ch.consecutive_timeouts() >= worker_.command_timeout_limit || ch.out_of_step())
            return Served::reset;
        return std::nullopt;
    };
    auto next_check = Clock::now();
    while (!router_.stopping()) {
        if (Clock::now() >= next_check) {
            check_network(ch);
            requeue_orphans();
            sweep_due_ = true;
            next_check = Clock::now() + std::chrono::seconds(worker_.poll_seconds);
        }
        if (auto why = broken())
            return *why;
        handle_urcs(ch);
        if (restarted_) {
            // It lost ATE0, CMGF, CNMI and maybe the PIN: initialise again.
            restarted_ = false;
            return Served::link_failed;
        }
        if (sweep_due_) {
            sweep_due_ = false;
            sweep(ch);
            deliver_stale_parts();
        }
        if (auto why = broken())
            return *why;
        auto generation = router_.work_generation();
        bool sent = send_work(ch);
        if (auto why = broken())
            return *why;
        if (!sent && router_.work_generation() == generation && ch.urcs().empty() && !ch.idle(idle_slice))
            return Served::link_failed;
    }
    return Served::stopped;
}

} // namespace smsgate::modem
