// modem.hpp - the one simulated modem that every link reaches: its AT
// profile, SIM, registration, storage, the network behind it, and what it
// sent. Links are ways in, like the several serial ports of a USB modem:
// each has its own command line state (AtPort), all share the rest.
#pragma once

#include "event_loop.hpp"
#include "options.hpp"
#include "storage.hpp"

#include "util/fd.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::sim {

class AtPort;
class Link;
class Network;
class SentLog;

// Settings that ATZ and a power cycle restore.
struct AtProfile {
    bool echo = true;
    int cmee = 0;                // +CMEE: 0 ERROR, 1 numeric, 2 verbose
    std::array<int, 5> cnmi{};   // +CNMI: <mode>,<mt>,<bm>,<ds>,<bfr>
    int csms = 0;                // +CSMS: 1 means routed messages need +CNMA
    int creg_n = 0;              // +CREG URCs: 0 none, 1 stat, 2 stat and location
    int cereg_n = 0;
    int cops_format = 0;         // +COPS <format>: 0 long, 1 short, 2 numeric
    int cmms = 0;                // +CMMS: 1 keeps the link up for a while, 2 until set to 0
};

// An AT command line as the modem received it, for the control command
// "commands". ignored: not answered (silent, or no "AT" in front).
struct CommandRecord {
    unsigned n;
    std::string link;
    std::string line;
    bool ignored;
};

class Modem {
public:
    Modem(EventLoop& loop, SimOptions options);
    ~Modem();
    Modem(const Modem&) = delete;
    Modem& operator=(const Modem&) = delete;

    void attach(Link& link);

    EventLoop& loop() { return loop_; }
    const SimOptions& options() const { return options_; }
    Settings& settings() { return options_.settings; }
    const Identity& identity() const { return options_.identity; }
    AtProfile& profile() { return profile_; }
    Storage& storage() { return storage_; }
    Network& network() { return *network_; }
    SentLog& sent() { return *sent_; }
    std::string& service_centre() { return csca_; }

    bool sim_locked() const { return sim_locked_; }
    bool enter_pin(const std::string& pin);
    Registration registration() const; // what +CREG? says now
    bool can_send() const;
    // Sends +CREG/+CEREG when the state changed and they are enabled.
    void registration_may_have_changed();
    std::uint8_t take_mr(); // TP-MR for the next SMS-SUBMIT, wrapping 255 to 0

    // AT+CMMS (TS 27.005 3.5.6), more_messages.cpp: the mode now (1 lapses
    // to 0 cmms_idle_ms after the command or the last send), setting it,
    // the delay from Ctrl-Z to +CMGS of the send that begins now (shorter
    // within a burst: the mode on and a send within cmms_idle_ms), and that
    // a send was answered.
    int more_messages_mode();
    void set_more_messages(int mode);
    int begin_send_delay_ms();
    int last_send_delay_ms() const { return last_delay_ms_; }
    void send_answered();

    // An unsolicited result code ("+CMTI: \"SM\",3") to every link with a client.
    void unsolicited(const std::string& text);
    bool any_client() const;

    void reset_profile();                   // ATZ, AT&F
    void drop(bool power_cycle);            // control "drop" and "drop reset"
    std::optional<std::string> set(const std::vector<std::string>& words); // control "set"

    void record_command(const Link& link, const std::string& line, bool ignored);
    const std::deque<CommandRecord>& commands() const { return commands_; }
    void log(const std::string& line) const; // --verbose: key=value on stderr

private:
    void power_on();
    void start_registering();

    EventLoop& loop_;
    SimOptions options_;
    AtProfile profile_;
    Storage storage_;
    std::string csca_;
    std::unique_ptr<SentLog> sent_;
    std::unique_ptr<Network> network_;
    std::vector<std::unique_ptr<AtPort>> ports_;
    std::deque<CommandRecord> commands_;
    Fd command_log_; // --command-log
    unsigned commands_seen_ = 0;
    bool sim_locked_ = false;
    bool registering_ = false;
    EventLoop::TimerId register_timer_ = 0;
    Registration reported_ = Registration::not_registered;
    int next_mr_ = 0;
    Clock::time_point cmms_since_{};              // AT+CMMS=1, or the last send after it
    std::optional<Clock::time_point> last_send_; // answered
    int last_delay_ms_ = 0;
};

} // namespace smsgate::sim
