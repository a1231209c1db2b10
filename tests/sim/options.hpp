// options.hpp - what the simulator is told: where its links and control
// socket are, who the modem says it is, and the behaviour and faults that
// the control interface can change while it runs (Settings).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::sim {

// TS 27.007 +CREG <stat>.
enum class Registration { not_registered = 0, home = 1, searching = 2, denied = 3, unknown = 4, roaming = 5 };

// Changeable at run time with the control command "set KEY VALUE".
struct Settings {
    bool echo = true;                // ATE after power-on and ATZ
    int cmgs_delay_ms = 0;           // from Ctrl-Z to +CMGS (a real network: 2-10 s)
    int prompt_delay_ms = 0;         // from AT+CMGS=<n> to the "> " prompt
    int report_delay_ms = 200;       // from +CMGS to the status report
    int report_status = 0x00;        // TP-ST of status reports
    std::map<std::string, int> report_status_for; // per destination, "+32..." as decoded
    std::map<std::string, int> cms_errors;        // per destination: +CMS ERROR instead of sending
    bool urc_in_response = false;    // unsolicited lines inside +CMGS and +CMGL responses
    Registration registration = Registration::home;
    int register_delay_ms = 0;       // searching (stat 2) this long after power-on or PIN
    bool silent = false;             // answers nothing, ignores input
    bool cnmi = true;                // false: AT+CNMI answers +CMS ERROR: 303
    std::string sim_pin;             // empty: no PIN asked
    int rssi = 24;                   // +CSQ, 0-31 or 99
    std::string operator_name = "smsgate sim";
    int ack_timeout_ms = 4000;       // AT+CSMS=1: +CMT/+CDS not acknowledged by then is stored
    int reopen_delay_ms = 500;       // drop: the pty comes back after this long
    std::size_t storage_size = 10;   // slots in each memory
    bool cmms = true;                // false: AT+CMMS answers +CMS ERROR: 303
    int cmgs_burst_delay_ms = -1;    // AT+CMMS on, a send within cmms_idle_ms: Ctrl-Z to +CMGS; -1: cmgs_delay_ms
    int cmms_idle_ms = 3000;         // AT+CMMS=1 lapses this long after the last send
};

struct Identity {
    std::string manufacturer = "smsgate";
    std::string model = "modem-sim";
    std::string revision = "1.0";
    std::string imei = "356938035643809";
    std::string imsi = "206011234567890";
    std::string plmn = "20601"; // MCC MNC, for AT+COPS=3,2
};

struct SimOptions {
    std::optional<std::string> pty;     // symlink path
    std::vector<std::string> tcp;       // HOST:PORT
    std::optional<std::string> control; // Unix socket path
    std::optional<std::string> log;     // JSON lines of accepted SMS-SUBMITs
    std::optional<std::string> command_log; // JSON lines of AT command lines, with their UTC time
    int first_index = 1;                // storage index of the first slot: 0 or 1
    bool sr_storage = false;            // status reports in their own "SR" memory
    bool pad_status_reports = false;    // status reports in "SM" listed as FF-padded SIM records
    int initial_mr = 18;                // TP-MR of the first +CMGS (the seed's)
    std::string smsc = "+32475161616";  // AT+CSCA, and the SMSC of incoming messages
    bool verbose = false;
    Identity identity;
    Settings settings;
};

// Parses the command line; on --help, --version or a usage error prints and
// gives the exit code instead.
struct ParsedOptions {
    std::optional<SimOptions> options;
    int exit_code = 0;
};
ParsedOptions parse_command_line(int argc, char** argv);

// "set KEY VALUE..." of the control interface, and the repeatable
// NUMBER=VALUE options: an error message, or nothing when applied.
std::optional<std::string> apply_setting(Settings& settings, const std::vector<std::string>& words);

// "NUMBER=VALUE" into the map; VALUE in decimal or 0x hex.
std::optional<std::string> add_number_value(std::map<std::string, int>& map, const std::string& pair,
                                            int min, int max);

// Decimal, or hexadecimal with 0x; nothing when it is neither or outside.
std::optional<int> parse_int(const std::string& text, int min, int max);

} // namespace smsgate::sim
