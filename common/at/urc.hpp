// urc.hpp - the registry of unsolicited result codes: what a modem may send
// at any moment, also in the middle of a command's response (3GPP TS 27.005
// 3.4.1 and 3.4.4 message indications, TS 27.007 registration, ring and
// indicator events, and the start-up and status lines of common modems).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace smsgate::at {

enum class UrcKind {
    new_message,       // +CMTI: <mem>,<index>: an SMS-DELIVER stored (TS 27.005 3.4.1)
    new_status_report, // +CDSI: <mem>,<index>: a status report stored
    message,           // +CMT: [<alpha>],<length> and a PDU line: routed, not stored
    status_report,     // +CDS: <length> and a PDU line: routed, not stored
    cell_broadcast,    // +CBM: <length> and a PDU line
    ring,              // RING, +CRING: a call, which the worker ignores
    registration,      // +CREG: <stat>[,<lac>,<ci>[,<AcT>]] (TS 27.007 7.2)
    gprs_registration, // +CGREG: (TS 27.007 10.1.20)
    eps_registration,  // +CEREG: (TS 27.007 10.1.22)
    indicator,         // +CIEV: <ind>,<value> (TS 27.007 8.10)
    sim_status,        // +CPIN: READY without a query, ^SIMST: (Huawei)
    functionality,     // +CFUN: 1 after a restart
    restarted,         // RDY (Quectel, Simcom), ^SYSSTART (Cinterion): the modem booted
    signal,            // ^RSSI: (Huawei)
    network_mode,      // ^MODE: (Huawei)
    vendor_status,     // ^BOOT: (Huawei), +QIND: (Quectel), +PACSP (Telit, Quectel), +CGEV:
    sim_toolkit,       // +STIN: (SIM application toolkit)
    time_zone,         // +CTZV: (network time zone)
};

struct UrcSpec {
    // "+CMTI:", or the whole line ("RING") when `whole_line`.
    std::string_view prefix;
    UrcKind kind;
    // A PDU line follows the header (TS 27.005 3.4.1, PDU mode).
    bool pdu_follows = false;
    bool whole_line = false;
    // For a prefix that is also a command's response (+CREG: to AT+CREG?):
    // true when the line has the unsolicited form even so. Null when a
    // command that expects the prefix takes every such line as its own.
    bool (*unsolicited_form)(std::string_view line) = nullptr;
};

// The registry, one entry per prefix.
std::span<const UrcSpec> urc_table();

// The entry whose prefix the line has, or null: a line the registry does
// not know.
const UrcSpec* find_urc(std::string_view line);

// "new_message", "status_report", ...: for key=value log lines.
std::string_view urc_kind_name(UrcKind kind);

// An unsolicited result as the transaction hands it out.
struct Urc {
    UrcKind kind;
    std::string line;
    // The PDU line of +CMT, +CDS, +CBM; empty for the others, and when the
    // modem sent none (the next line was not hexadecimal).
    std::optional<std::string> pdu;

    bool operator==(const Urc&) const = default;
};

} // namespace smsgate::at
