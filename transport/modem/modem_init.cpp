// modem_init.cpp - initialisation as a table of commands, storage and
// indication set-up, and the periodic registration and signal check.
#include "log/log.hpp"
#include "modem/modem.hpp"

namespace smsgate::modem {

namespace {

struct Step {
    at::Command command;
    bool required; // the modem is unusable without it
};

// TS 27.005/27.007: a known state before anything else. The ESC before it
// leaves a prompt a previous run may have left open.
constexpr Step init_steps[] = {
    {at::Command::attention, true},      {at::Command::echo_off, false},  {at::Command::numeric_errors, false},
};

// TS 27.005 3.2.2: the SIM's message storage, which every GSM modem has;
// used when neither the configuration nor the modem names one.
constexpr const char* sim_storage = "SM";

std::string describe(const CommandResult& r)
{
    if (r.failure)
        return r.error;
    return at::describe_final_result(r.outcome->final);
}

} // namespace

bool Modem::initialise(Channel& ch)
{
    // A prompt a previous run left open, garbage in the modem's buffer, a
    // late answer: the session begins in step or not at all.
    if (!ch.resync())
        return fail("", "initialisation: no OK to AT");
    cmms_refused_ = false;
    cmms_holds_until_.reset();
    for (const auto& step : init_steps) {
        auto r = ch.run(step.command);
        if (!r.ok() && step.required)
            return fail("initialisation failed: " + describe(r), "initialisation: " + describe(r));
    }
    if (!enter_pin(ch))
        return false;
    if (auto pdu = ch.run(at::Command::pdu_mode); !pdu.ok())
        return fail("PDU mode refused: " + describe(pdu), "PDU mode refused");
    if (!setup_storage(ch))
        return false;
    setup_indications(ch);
    run_init_commands(ch);
    if (auto model = ch.run(at::Command::model); model.ok() && !model.outcome->lines.empty()) {
        auto name = model.outcome->lines.front().line;
        update([&](auto& s) { s.model = name; });
    }
    ch.run(at::Command::operator_format);
    check_network(ch);
    log::info(settings_.name + ": initialised");
    return !ch.link_failed();
}

bool Modem::enter_pin(Channel& ch)
{
    auto st = ch.query(at::queries::pin);
    if (!st || st->state == at::PinState::ready)
        return true;
    const auto& pin = settings_.pin;
    if (st->state != at::PinState::sim_pin || pin.empty())
        return fail("SIM wants " + st->code + (pin.empty() ? " and no pin is configured" : ""), "SIM wants " + st->code);
    if (auto entered = ch.run(at::Command::pin_enter, {pin}); !entered.ok())
        return fail("SIM PIN refused: " + describe(entered), "SIM PIN refused");
    return true;
}

void Modem::run_init_commands(Channel& ch)
{
    for (const auto& command : settings_.init) {
        at::Expect e{command, {}, false, false, true};
        auto r = ch.run_text(e, std::chrono::milliseconds(at::timeouts::setting_ms));
        if (!r.ok())
            log::warning(settings_.name + ": init command " + command + ": " + describe(r));
    }
}

bool Modem::setup_storage(Channel& ch)
{
    storages_.clear();
    if (!settings_.storage.empty()) {
        const auto& s = settings_.storage;
        if (auto r = ch.run(at::Command::storage_select, {s, s, s}); !r.ok())
            log::warning(settings_.name + ": storage " + s + " refused: " + describe(r));
    }
    std::string current = settings_.storage;
    if (auto use = ch.query(at::queries::storage); use && !use->empty()) {
        if (use->front().mem)
            current = *use->front().mem;
        storage_slots_ = use->front().total;
        update([&](auto& st) {
            st.storage_used = use->front().used;
            st.storage_slots = use->front().total;
        });
    }
    if (current.empty() && !ch.link_failed()) {
        // The modem names no storage (AT+CPMS? refused) and the
        // configuration none: without a name the sweep could neither go
        // back to it after the report storage nor say where a message was.
        // The worker chooses the SIM's for all three, as with storage = SM.
        const auto* s = sim_storage;
        if (auto r = ch.run(at::Command::storage_select, {s, s, s}); r.ok())
            current = sim_storage;
        else
            log::warning(settings_.name + ": the storage in use is unknown (AT+CPMS? and AT+CPMS=\"" + s +
                         "\" refused: " + describe(r) + ")");
    }
    storages_.push_back(current);
    if (!settings_.report_storage.empty() && settings_.report_storage != current) {
        // After reading the report storage the sweep selects the storage in
        // use again: an unknown one cannot be.
        if (current.empty())
            log::warning(settings_.name + ": status reports in " + settings_.report_storage +
                         " are not swept: the worker could not select the storage in use again after them");
        else
            storages_.push_back(settings_.report_storage);
    }
    return !ch.link_failed();
}

void Modem::setup_indications(Channel& ch)
{
    ack_routed_ = false;
    if (auto csms = ch.run(at::Command::sms_service); csms.ok())
        ack_routed_ = true; // phase 2+: routed messages are acknowledged with AT+CNMA
    if (settings_.cnmi == "off")
        return;
    std::string values = settings_.cnmi;
    if (values == "auto") {
        // SMS are stored and indicated (+CMTI): one is never lost when the
        // worker is busy or down. Status reports are routed (+CDS, ds=1)
        // when the modem offers it and routed messages are acknowledged
        // (AT+CSMS=1 accepted), so that the storage no longer fills with
        // reports nor needs a sweep for them. One not acknowledged in time
        // is refused to the network, which delivers it again later, and the
        // modem turns routing off (TS 27.005 3.4.1): keep_routing() sets it
        // again at every poll. Else stored and indicated (+CDSI, ds=2),
        // else swept from storage (ds=0).
        char mode = '2';
        char ds = '2';
        if (auto s = ch.query(at::queries::indications)) {
            ds = ack_routed_ && s->ds.contains(1) ? '1' : s->ds.contains(2) ? '2' : '0';
            if (!s->mode.contains(2))
                mode = '1';
        }
        values = std::string{mode} + ",1,0," + ds + ",0";
    }
    at::Expect e{"AT+CNMI=" + values, {}, false, false, false};
    routing_.clear();
    if (auto r = ch.run_text(e, std::chrono::milliseconds(at::timeouts::setting_ms)); !r.ok())
        log::warning(settings_.name + ": AT+CNMI=" + values + " refused (" + describe(r) + "); polling storage instead");
    else if (ack_routed_ && values.size() >= 7 && (values[2] == '2' || values[6] == '1'))
        routing_ = values;
}

void Modem::keep_routing(Channel& ch)
{
    if (routing_.empty())
        return;
    at::Expect e{"AT+CNMI=" + routing_, {}, false, false, false};
    if (auto r = ch.run_text(e, std::chrono::milliseconds(at::timeouts::setting_ms)); !r.ok())
        log::warning(settings_.name + ": AT+CNMI=" + routing_ + " refused again (" + describe(r) + ")");
}

void Modem::check_network(Channel& ch)
{
    if (auto q = ch.query(at::queries::signal))
        update([&](auto& s) { s.signal_dbm = q->dbm; });
    // Circuit-switched registration first; an LTE-only modem may show it as
    // not registered and be registered for SMS over EPS (+CEREG).
    auto reg = ch.query(at::queries::registration);
    if (!reg || !reg->registered())
        if (auto eps = ch.query(at::queries::eps_registration); eps && eps->registered())
            reg = eps;
    update([&](auto& s) {
        s.link = "up";
        if (!reg)
            return;
        bool registered = reg->registered();
        if (s.registered != registered)
            log::info(settings_.name + ": registration: " + std::string(at::reg_stat_text(reg->stat)));
        s.registered = registered;
        s.registration = std::string(at::reg_stat_text(reg->stat));
    });
    if (auto op = ch.query(at::queries::operator_name); op && op->name)
        update([&](auto& s) { s.operator_name = *op->name; });
}

} // namespace smsgate::modem
