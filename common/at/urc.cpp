// urc.cpp - the unsolicited result codes the worker knows, as one const
// table; lookup by prefix.
#include "at/urc.hpp"

#include "at/parse_network.hpp"

#include <iterator>

namespace smsgate::at {

namespace {

constexpr bool pdu = true;

// +CREG/+CGREG/+CEREG: the response to the read command has <n> first; the
// unsolicited form does not (TS 27.007 7.2, 10.1.20, 10.1.22).
bool unsolicited_registration(std::string_view line)
{
    return registration_form(line) == RegForm::unsolicited;
}

constexpr UrcSpec urcs[] = {
    // TS 27.005 3.4.1: new message indications, per AT+CNMI.
    {"+CMTI:", UrcKind::new_message},
    {"+CDSI:", UrcKind::new_status_report},
    {"+CMT:", UrcKind::message, pdu},
    {"+CDS:", UrcKind::status_report, pdu},
    {"+CBM:", UrcKind::cell_broadcast, pdu},
    // TS 27.007 6.11 and V.250: incoming calls.
    {"RING", UrcKind::ring, false, true},
    {"+CRING:", UrcKind::ring},
    // TS 27.007: registration, per AT+CREG=n, AT+CGREG=n, AT+CEREG=n.
    {"+CREG:", UrcKind::registration, false, false, unsolicited_registration},
    {"+CGREG:", UrcKind::gprs_registration, false, false, unsolicited_registration},
    {"+CEREG:", UrcKind::eps_registration, false, false, unsolicited_registration},
    {"+CIEV:", UrcKind::indicator},
    // Status lines many modems send after a restart or a SIM change.
    {"+CPIN:", UrcKind::sim_status},
    {"^SIMST:", UrcKind::sim_status},
    {"+CFUN:", UrcKind::functionality},
    {"RDY", UrcKind::restarted, false, true},
    {"^SYSSTART", UrcKind::restarted, false, true},
    {"^RSSI:", UrcKind::signal},
    {"^MODE:", UrcKind::network_mode},
    {"^BOOT:", UrcKind::vendor_status},
    {"+QIND:", UrcKind::vendor_status},
    {"+PACSP", UrcKind::vendor_status}, // +PACSP0, +PACSP1: no colon
    {"+CGEV:", UrcKind::vendor_status},
    {"+STIN:", UrcKind::sim_toolkit},
    {"+CTZV:", UrcKind::time_zone},
};

} // namespace

std::span<const UrcSpec> urc_table()
{
    return urcs;
}

const UrcSpec* find_urc(std::string_view line)
{
    for (const auto& spec : urcs) {
        if (spec.whole_line ? line == spec.prefix : line.starts_with(spec.prefix))
            return &spec;
    }
    return nullptr;
}

std::string_view urc_kind_name(UrcKind kind)
{
    switch (kind) {
    case UrcKind::new_message: return "new_message";
    case UrcKind::new_status_report: return "new_status_report";
    case UrcKind::message: return "message";
    case UrcKind::status_report: return "status_report";
    case UrcKind::cell_broadcast: return "cell_broadcast";
    case UrcKind::ring: return "ring";
    case UrcKind::registration: return "registration";
    case UrcKind::gprs_registration: return "gprs_registration";
    case UrcKind::eps_registration: return "eps_registration";
    case UrcKind::indicator: return "indicator";
    case UrcKind::sim_status: return "sim_status";
    case UrcKind::functionality: return "functionality";
    case UrcKind::restarted: return "restarted";
    case UrcKind::signal: return "signal";
    case UrcKind::network_mode: return "network_mode";
    case UrcKind::vendor_status: return "vendor_status";
    case UrcKind::sim_toolkit: return "sim_toolkit";
    case UrcKind::time_zone: return "time_zone";
    }
    return "?";
}

} // namespace smsgate::at
