// modem_agent.cpp - the worker's side of one modem: the driver's settings,
// its state in the router, the sweeps and polls, and every received PDU
// committed before it may leave the modem.
#include "worker/modem_agent.hpp"

#include "log/log.hpp"

#include <utility>

namespace smsgate::worker {

modem::Settings driver_settings(const config::ModemConfig& modem, const config::WorkerConfig& worker)
{
    modem::Settings s;
    s.name = modem.name;
    s.link = modem.link;
    s.pin = modem.pin;
    s.init = modem.init;
    s.storage = modem.storage;
    s.report_storage = modem.report_storage;
    s.cnmi = modem.cnmi;
    s.poll_seconds = worker.poll_seconds;
    s.command_timeout_limit = worker.command_timeout_limit;
    return s;
}

ModemAgent::ModemAgent(const config::ModemConfig& config, const config::WorkerConfig& worker, Router& router,
                       std::unique_ptr<store::Store> store, Sink& sink, ModemHooks hooks)
    : config_(config), worker_(worker), router_(router), store_(std::move(store)), sink_(sink),
      hooks_(std::move(hooks))
{
}

void ModemAgent::run()
{
    count_sent();
    modem::Modem driver(driver_settings(config_, worker_), *this, hooks_.open_link);
    driver.run();
}

store::Seconds ModemAgent::now() const { return store::clock_now(); }

void ModemAgent::log_db_error(const Error& error, std::string_view what) const
{
    log::error(config_.name + ": database: cannot record " + std::string(what) + ": " + error.what());
}

void ModemAgent::status(const std::function<void(ModemStatus&)>& change) { router_.update(config_.name, change); }

bool ModemAgent::stopping() const { return router_.stopping(); }

void ModemAgent::pause_until(std::chrono::steady_clock::time_point deadline) { router_.pause_until(deadline); }

unsigned long long ModemAgent::work_generation() const { return router_.work_generation(); }

int ModemAgent::wake_fd() const { return router_.wake_fd(config_.name); }

void ModemAgent::state(const modem::State& state)
{
    status([&](ModemStatus& s) { static_cast<modem::State&>(s) = state; });
}

void ModemAgent::polled()
{
    requeue_orphans();
    count_sent();
}

void ModemAgent::swept()
{
    swept_at_ = now();
    retry_routed();
    deliver_stale_parts();
}

bool ModemAgent::storage_wanted() { return std::exchange(storage_wanted_, false); }

modem::Receipt ModemAgent::received(const modem::ReceivedPdu& pdu)
{
    store::Incoming in;
    in.modem = config_.name;
    in.storage = pdu.storage;
    in.index = pdu.index;
    in.pdu_hex = pdu.pdu_hex;
    in.received = now();
    auto row = store_->add_incoming(in);
    if (!row) {
        log::error(config_.name + ": database: " + row.error().what() + "; message left on the modem");
        return {};
    }
    // Kept in the database (and on the modem) when its hand-on fails: tried
    // again at the next sweep.
    if (row->state == store::IncomingState::fresh) {
        if (!hand_on(*row, pdu.length))
            return {true, false, row->id};
        if (!recorded(store_->set_incoming_state(row->id, store::IncomingState::handed), "message handed on"))
            return {true, false, row->id};
    }
    if (pdu.index < 0) {
        recorded(store_->set_incoming_state(row->id, store::IncomingState::deleted), "routed message done");
        return {true, false, row->id};
    }
    return {true, true, row->id};
}

void ModemAgent::erased(long long row)
{
    recorded(store_->set_incoming_state(row, store::IncomingState::deleted), "message deleted");
}

void ModemAgent::retry_routed()
{
    // A routed +CMT/+CDS exists only in the database once acknowledged: one
    // whose hand-on failed is tried again here.
    auto fresh = store_->incoming_in_state(store::IncomingState::fresh, config_.name);
    if (!fresh)
        return;
    for (const auto& row : *fresh) {
        if (row.index >= 0 || !hand_on(row, -1))
            continue;
        if (recorded(store_->set_incoming_state(row.id, store::IncomingState::handed), "message handed on"))
            recorded(store_->set_incoming_state(row.id, store::IncomingState::deleted), "routed message done");
    }
}

} // namespace smsgate::worker
