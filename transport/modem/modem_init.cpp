// modem_init.cpp - initialisation as a table of commands, storage and
// indication set-up, and the periodic registration and signal check.
#include "at/parse_network.hpp"
#include "at/parse_sms.hpp"
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

std::optional<at::Registration> read_registration(Channel& ch, at::Command query, std::string_view prefix)
{
    auto r = ch.run(query);
    if (!r.ok())
        return std::nullopt;
    const auto* line = r.outcome->find(prefix);
    if (!line)
        return std::nullopt;
    auto reg = at::parse_registration(line->line);
    if (!reg)
        return std::nullopt;
    return *reg;
}

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
    if (!ch.resync()) {
        status([&](auto& s) { s.last_error = "initialisation: no OK to AT"; });
        return false;
    }
    for (const auto& step : init_steps) {
        auto r = ch.run(step.command);
        if (!r.ok() && step.required) {
            log::warning(config_.name + ": initialisation failed: " + describe(r));
            status([&](auto& s) { s.last_error = "initialisation: " + describe(r); });
            return false;
        }
    }
    auto pin = ch.run(at::Command::pin_query);
    if (pin.ok()) {
        if (const auto* line = pin.outcome->find("+CPIN:")) {
            auto st = at::parse_cpin(line->line);
            if (st && st->state != at::PinState::ready) {
                if (st->state != at::PinState::sim_pin || config_.pin.empty()) {
                    log::warning(config_.name + ": SIM wants " + st->code + (config_.pin.empty() ? " and no pin is configured" : ""));
                    status([&](auto& s) { s.last_error = "SIM wants " + st->code; });
                    return false;
                }
                if (auto entered = ch.run(at::Command::pin_enter, {config_.pin}); !entered.ok()) {
                    log::warning(config_.name + ": SIM PIN refused: " + describe(entered));
                    status([&](auto& s) { s.last_error = "SIM PIN refused"; });
                    return false;
                }
            }
        }
    }
    if (auto pdu = ch.run(at::Command::pdu_mode); !pdu.ok()) {
        log::warning(config_.name + ": PDU mode refused: " + describe(pdu));
        status([&](auto& s) { s.last_error = "PDU mode refused"; });
        return false;
    }
    if (!setup_storage(ch))
        return false;
    setup_indications(ch);
    for (const auto& command : config_.init) {
        at::Expect e{command, {}, false, false, true};
        auto r = ch.run_text(e, std::chrono::milliseconds(at::timeouts::setting_ms));
        if (!r.ok())
            log::warning(config_.name + ": init command " + command + ": " + describe(r));
    }
    if (auto model = ch.run(at::Command::model); model.ok() && !model.outcome->lines.empty()) {
        auto name = model.outcome->lines.front().line;
        status([&](auto& s) { s.model = name; });
    }
    ch.run(at::Command::operator_format);
    check_network(ch);
    log::info(config_.name + ": initialised");
    return !ch.link_failed();
}

bool Modem::setup_storage(Channel& ch)
{
    storages_.clear();
    if (!config_.storage.empty()) {
        const auto& s = config_.storage;
        if (auto r = ch.run(at::Command::storage_select, {s, s, s}); !r.ok())
            log::warning(config_.name + ": storage " + s + " refused: " + describe(r));
    }
    auto q = ch.run(at::Command::storage_query);
    std::string current = config_.storage;
    if (q.ok()) {
        if (const auto* line = q.outcome->find("+CPMS:")) {
            auto use = at::parse_cpms(line->line);
            if (use && !use->empty() && use->front().mem)
                current = *use->front().mem;
            if (use && !use->empty())
                storage_slots_ = use->front().total;
        }
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
            log::warning(config_.name + ": the storage in use is unknown (AT+CPMS? and AT+CPMS=\"" + s +
                         "\" refused: " + describe(r) + ")");
    }
    storages_.push_back(current);
    if (!config_.report_storage.empty() && config_.report_storage != current) {
        // After reading the report storage the sweep selects the storage in
        // use again: an unknown one cannot be.
        if (current.empty())
            log::warning(config_.name + ": status reports in " + config_.report_storage +
                         " are not swept: the worker could not select the storage in use again after them");
        else
            storages_.push_back(config_.report_storage);
    }
    return !ch.link_failed();
}

void Modem::setup_indications(Channel& ch)
{
    ack_routed_ = false;
    if (auto csms = ch.run(at::Command::sms_service); csms.ok())
        ack_routed_ = true; // phase 2+: routed messages are acknowledged with AT+CNMA
    if (config_.cnmi == "off")
        return;
    std::string values = config_.cnmi;
    if (values == "auto") {
        // Store and indicate (+CMTI, +CDSI): a message is never lost when
        // the worker is busy or down. Without ds=2, status reports are
        // swept from storage.
        values = "2,1,0,2,0";
        auto support = ch.run(at::Command::indications_support);
        if (support.ok()) {
            if (const auto* line = support.outcome->find("+CNMI:")) {
                auto s = at::parse_cnmi_support(line->line);
                if (s && !s->ds.contains(2))
                    values = "2,1,0,0,0";
                if (s && !s->mode.contains(2))
                    values[0] = '1';
            }
        }
    }
    at::Expect e{"AT+CNMI=" + values, {}, false, false, false};
    if (auto r = ch.run_text(e, std::chrono::milliseconds(at::timeouts::setting_ms)); !r.ok())
        log::warning(config_.name + ": AT+CNMI=" + values + " refused (" + describe(r) + "); polling storage instead");
}

void Modem::check_network(Channel& ch)
{
    auto csq = ch.run(at::Command::signal_quality);
    if (csq.ok())
        if (const auto* line = csq.outcome->find("+CSQ:"))
            if (auto q = at::parse_csq(line->line))
                status([&](auto& s) { s.signal_dbm = q->dbm; });
    // Circuit-switched registration first; an LTE-only modem may show it as
    // not registered and be registered for SMS over EPS (+CEREG).
    auto reg = read_registration(ch, at::Command::registration_query, "+CREG:");
    if (!reg || !reg->registered())
        if (auto eps = read_registration(ch, at::Command::eps_registration_query, "+CEREG:"); eps && eps->registered())
            reg = eps;
    status([&](auto& s) {
        s.link = "up";
        if (!reg)
            return;
        bool registered = reg->registered();
        if (s.registered != registered)
            log::info(config_.name + ": registration: " + std::string(at::reg_stat_text(reg->stat)));
        s.registered = registered;
        s.registration = std::string(at::reg_stat_text(reg->stat));
    });
    auto cops = ch.run(at::Command::operator_query);
    if (cops.ok())
        if (const auto* line = cops.outcome->find("+COPS:"))
            if (auto op = at::parse_cops(line->line); op && op->name)
                status([&](auto& s) { s.operator_name = *op->name; });
}

} // namespace smsgate::modem
