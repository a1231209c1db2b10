// modem.cpp - the modem thread: link, initialisation, serving, resets.
#include "modem/modem.hpp"

#include "log/log.hpp"

#include <cstdlib>

namespace smsgate::modem {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Reopening a link that failed: 1 s, doubled up to a minute, so that an
// unplugged modem is found again soon after it is back without a busy loop.
constexpr std::chrono::milliseconds first_backoff = 1s;
constexpr std::chrono::milliseconds max_backoff = 60s;
// While idle, the link is read in slices this long; between slices the
// thread looks for work that fell due (a retry's time came). New work and
// URCs end a slice at once (Events::wake_fd, the link's descriptor).
constexpr auto idle_slice = 1s;

// A modem whose link is down is not registered: smsgatectl status must not
// show its last registration as now. Signal and operator stay, as last known.
void mark_down(State& s)
{
    s.link = "down";
    s.registered = false;
    s.registration.clear();
}

} // namespace

Modem::Modem(Settings settings, Events& events, LinkOpener open_link)
    : settings_(std::move(settings)), events_(events), open_link_(std::move(open_link))
{
}

void Modem::update(const std::function<void(State&)>& change)
{
    change(state_);
    events_.state(state_);
}

bool Modem::fail(const std::string& log_line, const std::string& last_error)
{
    if (!log_line.empty())
        log::warning(settings_.name + ": " + log_line);
    update([&](auto& s) { s.last_error = last_error; });
    return false;
}

void Modem::run()
{
    auto backoff = first_backoff;
    while (!events_.stopping()) {
        update([](auto& s) { s.link = "opening"; });
        auto link = open_link_ ? open_link_(settings_.link) : link::open_link(settings_.link);
        if (!link) {
            log::warning(settings_.name + ": " + link.error().what() + "; retrying in " +
                         std::to_string(backoff.count() / 1000) + " s");
            update([&](auto& s) {
                mark_down(s);
                s.last_error = link.error().what();
            });
        } else {
            Channel ch(std::move(link).value(), settings_.name);
            if (session(ch, backoff) == Served::stopped)
                break;
        }
        events_.pause_until(Clock::now() + backoff);
        backoff = std::min(backoff * 2, max_backoff);
    }
}

Modem::Served Modem::session(Channel& ch, std::chrono::milliseconds& backoff)
{
    ch.set_trace(std::getenv("SMSGATE_TRACE") != nullptr);
    ch.set_stopping([this] { return events_.stopping(); });
    log::info(settings_.name + ": link " + ch.link().describe() + " open");
    Served how = Served::link_failed;
    if (initialise(ch)) {
        backoff = first_backoff;
        how = serve(ch);
    }
    update(mark_down);
    // A link that failed in use (a read or write error, a device that
    // vanished) says why, as one that cannot be opened does.
    if (ch.link_failed())
        update([&](auto& s) { s.last_error = ch.link_error(); });
    if (how == Served::reset && !events_.stopping()) {
        log::warning(settings_.name + ": modem does not answer; resetting");
        ch.escape();
        ch.run(at::Command::attention);
        ch.run(at::Command::reset);
    }
    return how;
}

std::optional<Modem::Served> Modem::broken(Channel& ch) const
{
    // Looked at after every step, not once a round: a modem that went
    // silent is reset after command_timeout_limit timeouts, not after a
    // round of them (the sweep alone may wait a minute).
    if (ch.link_failed())
        return Served::link_failed;
    if (ch.consecutive_timeouts() >= settings_.command_timeout_limit || ch.out_of_step())
        return Served::reset;
    return std::nullopt;
}

Modem::Served Modem::serve(Channel& ch)
{
    auto next_check = Clock::now();
    bool first_check = true;
    while (!events_.stopping()) {
        if (Clock::now() >= next_check) {
            if (!first_check)
                keep_routing(ch);
            first_check = false;
            check_network(ch);
            events_.polled();
            sweep_due_ = true;
            next_check = Clock::now() + std::chrono::seconds(settings_.poll_seconds);
        }
        if (auto why = broken(ch))
            return *why;
        handle_urcs(ch);
        if (restarted_) {
            // It lost ATE0, CMGF, CNMI and maybe the PIN: initialise again.
            restarted_ = false;
            return Served::link_failed;
        }
        if (bool wanted = events_.storage_wanted(); wanted || sweep_due_) {
            sweep_due_ = false;
            if (wanted)
                keep_routing(ch);
            sweep_to_end(ch);
        }
        if (auto why = broken(ch))
            return *why;
        auto generation = events_.work_generation();
        bool sent = state_.link == "up" && state_.registered && send_work(ch);
        if (auto why = broken(ch))
            return *why;
        if (!sent && !sweep_due_ && events_.work_generation() == generation && ch.urcs().empty() &&
            !ch.idle(idle_slice, events_.wake_fd()))
            return Served::link_failed;
    }
    return Served::stopped;
}

} // namespace smsgate::modem
