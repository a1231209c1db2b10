// commands.hpp - the AT commands the worker sends, as one const table of
// {command, named timeout, what the response looks like} (3GPP TS 27.007,
// TS 27.005 in PDU mode, ITU-T V.250), and the text of a command with its
// arguments checked so that no argument can end it or smuggle in another.
#pragma once

#include "at/transaction.hpp"
#include "util/result.hpp"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace smsgate::at {

// Named timeouts, in milliseconds, from the end of the command line to its
// final result. Why each is that long is said where it is defined.
namespace timeouts {

// Answered by the modem alone, no SIM or network involved: milliseconds in
// practice; 2 s leaves room for a USB modem busy with its radio.
inline constexpr int quick_ms = 2000;
// Settings some modems write to flash (AT+CNMI, AT+CSMS, AT+CMGF, AT+COPS=3):
// up to about a second on slow parts.
inline constexpr int setting_ms = 5000;
// ATZ reloads the profile and on some modems restarts the protocol stack,
// which takes several seconds.
inline constexpr int reset_ms = 10000;
// Reads or writes a SIM file (AT+CPIN?, AT+CPMS, AT+CSCA, AT+CMGR, AT+CMGD,
// AT+CIMI): tens of milliseconds a record, longer while the SIM is still
// initialising after a restart or a PIN.
inline constexpr int sim_ms = 10000;
// AT+CPIN="x": the SIM checks the PIN, then the modem reads the SIM's files
// before it answers; some modems take 10-15 s.
inline constexpr int pin_ms = 20000;
// AT+CMGL=4 reads every record of the storage: a full SIM of 255 records
// takes half a minute on old SIMs.
inline constexpr int list_ms = 60000;
// The "> " after AT+CMGS=<n>: the modem answers at once when it works.
inline constexpr int prompt_ms = 5000;
// AT+CMGS after the PDU: the network's answer. TS 27.005 gives no bound;
// networks answer in 2-10 s, up to 60 s under load, and the modem's own
// relay-layer timer (TR1M of TS 24.011, 35-45 s) gives up before that.
inline constexpr int submit_ms = 60000;
// AT+CNMA: the modem relays an RP-ACK to the network and answers when it is
// queued; TS 27.005 3.4.4 lets the network wait for it a few seconds.
inline constexpr int ack_ms = 5000;

} // namespace timeouts

// Written after the PDU of AT+CMGS (TS 27.005 3.5.1: Ctrl-Z sends, ESC
// cancels; ESC also frees a modem stuck at the prompt).
inline constexpr char submit_key = '\x1a';
inline constexpr char cancel_key = '\x1b';

enum class Command {
    attention,             // AT
    reset,                 // ATZ
    echo_off,              // ATE0
    numeric_errors,        // AT+CMEE=1
    pin_query,             // AT+CPIN?
    pin_enter,             // AT+CPIN="{}"
    pdu_mode,              // AT+CMGF=0
    storage_query,         // AT+CPMS?
    storage_select,        // AT+CPMS="{}","{}","{}"
    storage_read_select,   // AT+CPMS="{}": <mem1> only, what AT+CMGL, AT+CMGR and AT+CMGD use
    indications_set,       // AT+CNMI={},{},{},{},{}
    indications_support,   // AT+CNMI=?
    sms_service,           // AT+CSMS=1
    smsc_query,            // AT+CSCA?
    smsc_set,              // AT+CSCA="{}",{}
    signal_quality,        // AT+CSQ
    registration_query,    // AT+CREG?
    registration_enable,   // AT+CREG=2
    eps_registration_query, // AT+CEREG?
    eps_registration_enable, // AT+CEREG=2
    operator_format,       // AT+COPS=3,0
    operator_query,        // AT+COPS?
    send,                  // AT+CMGS={}
    list_all,              // AT+CMGL=4
    read,                  // AT+CMGR={}
    erase,                 // AT+CMGD={}
    acknowledge,           // AT+CNMA
    manufacturer,          // AT+CGMI
    model,                 // AT+CGMM
    revision,              // AT+CGMR
    serial_number,         // AT+CGSN
    imsi,                  // AT+CIMI
};

struct CommandSpec {
    Command id;
    std::string_view name;   // "send", "list_all": for key=value log lines
    std::string_view format; // the command line; "{}" for each argument
    int timeout_ms;          // from timeouts::
    std::string_view prefix; // of the response lines ("+CMGS:"); empty when none
    bool pdu_follows = false; // a PDU line follows each response header
    bool prompt = false;      // waits for "> " (then timeouts::prompt_ms applies)
    bool bare_lines = false;  // answers with a line without prefix
};

std::span<const CommandSpec> command_table();
const CommandSpec& command_spec(Command id);

// The command line (without CR) with `args` in place of the "{}"s, in
// order. An argument may not hold a quote, a semicolon, or any control or
// non-ASCII character; the count must match.
Result<std::string> command_text(const CommandSpec& spec, std::span<const std::string_view> args);
Result<std::string> command_text(const CommandSpec& spec, std::initializer_list<std::string_view> args = {});

// What a transaction expects of `spec` sent as `text`.
Expect expect_for(const CommandSpec& spec, std::string text);

// command_text and expect_for together: what to write and what to expect.
Result<Expect> prepare(Command id, std::span<const std::string_view> args);
Result<Expect> prepare(Command id, std::initializer_list<std::string_view> args = {});

} // namespace smsgate::at
