// modem.cpp - the shared state of the simulated modem: power-on, SIM PIN,
// registration and its URCs, message references, and the control
// interface's "set" and "drop".
#include "modem.hpp"

#include "at_commands.hpp"
#include "at_server.hpp"
#include "network.hpp"
#include "sent_log.hpp"
#include "transport.hpp"

#include "sms/utf8.hpp"
#include "util/json.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>

namespace smsgate::sim {

namespace {

// Command lines kept for the control command "commands"; older ones go.
constexpr std::size_t max_command_records = 100'000;

} // namespace

Modem::Modem(EventLoop& loop, SimOptions options)
    : loop_(loop), options_(std::move(options)),
      storage_(options_.first_index, options_.settings.storage_size, options_.sr_storage),
      csca_(options_.smsc), sent_(std::make_unique<SentLog>(options_.log)),
      network_(std::make_unique<Network>(*this)), next_mr_(options_.initial_mr)
{
    if (options_.command_log) {
        command_log_.reset(::open(options_.command_log->c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
        if (!command_log_)
            throw std::runtime_error("--command-log " + *options_.command_log + ": " + std::strerror(errno));
    }
    power_on();
}

Modem::~Modem()
{
    loop_.cancel(register_timer_);
    ports_.clear();
    network_.reset();
}

void Modem::attach(Link& link) { ports_.push_back(std::make_unique<AtPort>(*this, link)); }

void Modem::power_on()
{
    reset_profile();
    storage_.selected = {"SM", "SM", "SM"};
    sim_locked_ = !settings().sim_pin.empty();
    registering_ = false;
    reported_ = registration();
    if (!sim_locked_)
        start_registering();
}

void Modem::reset_profile()
{
    profile_ = AtProfile{};
    profile_.echo = settings().echo;
}

void Modem::start_registering()
{
    loop_.cancel(register_timer_);
    register_timer_ = 0;
    registering_ = settings().register_delay_ms > 0;
    if (registering_)
        register_timer_ = loop_.after(Millis(settings().register_delay_ms), [this] {
            register_timer_ = 0;
            registering_ = false;
            registration_may_have_changed();
        });
    registration_may_have_changed();
}

bool Modem::enter_pin(const std::string& pin)
{
    if (pin != settings().sim_pin)
        return false;
    sim_locked_ = false;
    start_registering();
    return true;
}

Registration Modem::registration() const
{
    if (sim_locked_)
        return Registration::not_registered;
    if (registering_)
        return Registration::searching;
    return options_.settings.registration;
}

bool Modem::can_send() const
{
    auto r = registration();
    return r == Registration::home || r == Registration::roaming;
}

void Modem::registration_may_have_changed()
{
    auto now = registration();
    if (now == reported_)
        return;
    reported_ = now;
    log("event=registration stat=" + std::to_string(static_cast<int>(now)));
    if (profile_.creg_n > 0)
        unsolicited("+CREG: " + registration_fields(static_cast<int>(now), profile_.creg_n));
    if (profile_.cereg_n > 0)
        unsolicited("+CEREG: " + registration_fields(static_cast<int>(now), profile_.cereg_n));
}

std::uint8_t Modem::take_mr()
{
    auto mr = static_cast<std::uint8_t>(next_mr_);
    next_mr_ = (next_mr_ + 1) % 256;
    return mr;
}

void Modem::unsolicited(const std::string& text)
{
    for (auto& port : ports_)
        port->unsolicited(text);
}

bool Modem::any_client() const
{
    for (const auto& port : ports_)
        if (port->link().connected())
            return true;
    return false;
}

// A plain drop is a cable pulled: the modem keeps its state, also a
// prompt or a send in progress. With a power cycle it forgets everything
// but storage and what the network still holds for it.
void Modem::drop(bool power_cycle)
{
    log(power_cycle ? "event=drop reset=yes" : "event=drop reset=no");
    for (auto& port : ports_)
        port->link().drop(Millis(settings().reopen_delay_ms));
    if (!power_cycle)
        return;
    for (auto& port : ports_)
        port->reset();
    network_->reset();
    power_on();
    network_->pump();
}

std::optional<std::string> Modem::set(const std::vector<std::string>& words)
{
    Settings before = settings();
    if (auto error = apply_setting(settings(), words))
        return error;
    const std::string& key = words[0];
    if (key == "echo") {
        profile_.echo = settings().echo;
    } else if (key == "sim-pin") {
        // A new PIN locks the SIM now, as after a power cycle; "none" unlocks it.
        sim_locked_ = !settings().sim_pin.empty();
        if (sim_locked_) {
            loop_.cancel(register_timer_);
            registering_ = false;
        } else {
            start_registering();
        }
    } else if (key == "storage-size" && !storage_.resize(settings().storage_size)) {
        settings() = before;
        return "messages are stored in slots past the new size; delete them first";
    }
    registration_may_have_changed();
    network_->pump();
    return std::nullopt;
}

void Modem::record_command(const Link& link, const std::string& line, bool ignored)
{
    // Whatever bytes came in, the record is UTF-8 (bad sequences as U+FFFD): it becomes JSON.
    std::string text = sms::utf8_encode(sms::utf8_decode(line));
    commands_.push_back(CommandRecord{++commands_seen_, std::string(link.kind()), std::move(text), ignored});
    if (command_log_) {
        // One write(2) with O_APPEND, at once: the time is when the line's CR came.
        const CommandRecord& c = commands_.back();
        std::string out = JsonObject().add("n", c.n).add("link", c.link).add("line", c.line).add("ignored", c.ignored)
                              .add("time", utc_time_now()).str() + "\n";
        if (::write(command_log_.get(), out.data(), out.size()) != static_cast<ssize_t>(out.size()))
            std::fprintf(stderr, "smsgate-modem-sim: warning: --command-log write failed: %s\n", std::strerror(errno));
    }
    if (commands_.size() > max_command_records)
        commands_.pop_front();
}

void Modem::log(const std::string& line) const
{
    if (options_.verbose)
        std::cerr << "smsgate-modem-sim: " << line << "\n";
}

} // namespace smsgate::sim
