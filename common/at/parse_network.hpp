// parse_network.hpp - parsers of the responses about the SIM, the radio and
// the network (3GPP TS 27.007): +CSQ, +CREG/+CGREG/+CEREG, +COPS, +CPIN,
// +CMEE, and the product identification lines. Each gives a value or an
// error that names the field; none throws or crashes on any input.
#pragma once

#include "util/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace smsgate::at {

// TS 27.007 8.5: +CSQ: <rssi>,<ber>.
struct SignalQuality {
    int rssi = 99; // 0-31, 99 not known
    int ber = 99;  // 0-7 (RXQUAL), 99 not known
    // -113 (or less) to -51 (or more) dBm; empty when rssi is 99.
    std::optional<int> dbm;
};

Result<SignalQuality> parse_csq(std::string_view line);

// TS 27.007 8.5: 0 is -113 dBm or less, 1 is -111, 2-30 are -109 to -53 in
// steps of 2, 31 is -51 or more; 99 (not known) and anything else: empty.
std::optional<int> rssi_to_dbm(int rssi);

// TS 27.007 7.2 <stat>, shared by +CGREG (10.1.20) and +CEREG (10.1.22).
enum class RegStat {
    not_registered = 0, // and not searching
    home = 1,
    searching = 2,
    denied = 3,
    unknown = 4, // e.g. out of coverage
    roaming = 5,
    home_sms_only = 6,    // E-UTRAN: registered for "SMS only"
    roaming_sms_only = 7, // E-UTRAN: registered for "SMS only"
    emergency_only = 8,   // attached for emergency bearer services only
    home_csfb_not_preferred = 9,
    roaming_csfb_not_preferred = 10,
};

// "registered, home network", "not registered, searching", ...
std::string_view reg_stat_text(RegStat stat);

// Registered with a network that carries SMS: home or roaming, also "SMS
// only" (6, 7) and "CSFB not preferred" (9, 10, registered; only voice
// fallback is affected). Not 8: emergency services only.
bool is_registered(RegStat stat);

// The two shapes of the same prefix: the read command's response has <n>
// first ("+CREG: 2,1,"00C3","1234""); the unsolicited result does not
// ("+CREG: 1", "+CREG: 1,"00C3","1234",7"). Told apart by the field count
// and by whether the second field is a quoted or omitted <lac>/<tac>.
enum class RegForm { response, unsolicited };

RegForm registration_form(std::string_view line);

struct Registration {
    std::string prefix;   // "+CREG", "+CGREG", "+CEREG"
    std::optional<int> n; // the response form's <n>: which URCs are enabled
    RegStat stat = RegStat::unknown;
    std::optional<std::string> area; // <lac> or <tac>, hexadecimal
    std::optional<std::string> cell; // <ci>, hexadecimal
    std::optional<int> act;          // <AcT>: 0 GSM, 2 UTRAN, 7 E-UTRAN, ...

    bool registered() const { return is_registered(stat); }
};

// +CREG:, +CGREG: or +CEREG:, either form (see registration_form).
Result<Registration> parse_registration(std::string_view line);

// TS 27.007 7.3: +COPS: <mode>[,<format>,<oper>[,<AcT>]].
struct Operator {
    int mode = 0; // 0 automatic, 1 manual, 2 deregistered, 3 format only, 4 manual/automatic
    std::optional<int> format; // 0 long alphanumeric, 1 short, 2 numeric (MCC MNC)
    std::optional<std::string> name;
    std::optional<int> act;
};

Result<Operator> parse_cops(std::string_view line);

// TS 27.007 8.3: +CPIN: <code>.
enum class PinState {
    ready,
    sim_pin,
    sim_puk,
    sim_pin2,
    sim_puk2,
    ph_sim_pin, // the phone is locked to a SIM
    other,      // PH-NET PIN, PH-SP PIN, ...: the SIM needs a code the worker does not have
};

struct PinStatus {
    PinState state = PinState::other;
    std::string code; // as the modem wrote it: "READY", "SIM PIN", ...
};

Result<PinStatus> parse_cpin(std::string_view line);

// TS 27.007 9.1: +CMEE: <n> (0 plain ERROR, 1 numeric, 2 verbose).
Result<int> parse_cmee(std::string_view line);

// TS 27.007 5.1-5.4, 5.6 and 7.1 (AT+CGMI, +CGMM, +CGMR, +CGSN, +CIMI): the
// text of an identification line, without the "+CGMI:" prefix and the
// quotes some modems add. The error says the line was empty.
Result<std::string> parse_identification(std::string_view line, std::string_view prefix);

} // namespace smsgate::at
