// The registry of unsolicited result codes (3GPP TS 27.005 3.4.1, TS 27.007
// 7.2/10.1.20/10.1.22, and the start-up and status lines of common modems).
#include "at/final_result.hpp"
#include "at/urc.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace smsgate::at;

TEST_CASE("TS 27.005 3.4.1 and vendor lines: each URC is found by its prefix")
{
    struct Case {
        const char* line;
        UrcKind kind;
        bool pdu_follows;
    };
    const std::vector<Case> cases = {
        {"+CMTI: \"SM\",3", UrcKind::new_message, false},
        {"+CDSI: \"SR\",1", UrcKind::new_status_report, false},
        {"+CMT: ,24", UrcKind::message, true},
        {"+CDS: 25", UrcKind::status_report, true},
        {"+CBM: 88", UrcKind::cell_broadcast, true},
        {"RING", UrcKind::ring, false},
        {"+CRING: VOICE", UrcKind::ring, false},
        {"+CREG: 1", UrcKind::registration, false},
        {"+CREG: 1,\"00C3\",\"1234\"", UrcKind::registration, false},
        {"+CGREG: 5", UrcKind::gprs_registration, false},
        {"+CEREG: 1,\"2F1\",\"0A3B4C1\",7", UrcKind::eps_registration, false},
        {"+CIEV: 2,3", UrcKind::indicator, false},
        {"+CPIN: READY", UrcKind::sim_status, false},
        {"^SIMST: 1", UrcKind::sim_status, false},
        {"+CFUN: 1", UrcKind::functionality, false},
        {"RDY", UrcKind::restarted, false},
        {"^SYSSTART", UrcKind::restarted, false},
        {"^RSSI: 14", UrcKind::signal, false},
        {"^MODE: 5,4", UrcKind::network_mode, false},
        {"^BOOT: 12345678,0,0,0,72", UrcKind::vendor_status, false},
        {"+QIND: SMS DONE", UrcKind::vendor_status, false},
        {"+PACSP1", UrcKind::vendor_status, false},
        {"+STIN: 25", UrcKind::sim_toolkit, false},
        {"+CTZV: 08,1", UrcKind::time_zone, false},
    };
    for (const auto& c : cases) {
        INFO(c.line);
        const UrcSpec* spec = find_urc(c.line);
        REQUIRE(spec);
        CHECK(spec->kind == c.kind);
        CHECK(spec->pdu_follows == c.pdu_follows);
        CHECK_FALSE(urc_kind_name(spec->kind).empty());
    }
}

TEST_CASE("near misses are not URCs: responses, final results, whole-line words inside longer lines")
{
    const std::vector<std::string> lines = {
        "+CMGS: 18", "+CMGL: 1,0,,26", "+CSQ: 24,99", "OK", "+CMS ERROR: 38", "RINGING", "RDY2", "^SYSSTARTED",
        "+CMTX: 1", "CMTI: \"SM\",3", "^UNKNOWN: 1", "+XYZ: 2", "",
    };
    for (const auto& line : lines) {
        INFO(line);
        CHECK(find_urc(line) == nullptr);
    }
}

TEST_CASE("the URC registry: one entry per prefix, none of them a final result")
{
    std::set<std::string_view> prefixes;
    for (const auto& spec : urc_table()) {
        INFO(spec.prefix);
        CHECK(prefixes.insert(spec.prefix).second);
        CHECK_FALSE(parse_final_result(spec.prefix));
        CHECK((spec.prefix.front() == '+' || spec.prefix.front() == '^' || spec.whole_line));
        // Each prefix finds its own entry, not a shorter one before it.
        CHECK(find_urc(spec.prefix) == &spec);
    }
}

TEST_CASE("TS 27.007 7.2: +CREG response and URC forms told apart for the classifier")
{
    const UrcSpec* creg = find_urc("+CREG: 1");
    REQUIRE(creg);
    bool has_form_test = creg->unsolicited_form != nullptr;
    REQUIRE(has_form_test);
    struct Case {
        const char* line;
        bool unsolicited;
    };
    const std::vector<Case> cases = {
        {"+CREG: 1", true},                          // URC, AT+CREG=1
        {"+CREG: 5,\"00C3\",\"1234\"", true},        // URC, AT+CREG=2
        {"+CREG: 1,\"00C3\",\"1234\",7", true},      // URC with <AcT>
        {"+CREG: 1,00C3,1234", true},                // URC, unquoted <lac>
        {"+CREG: 1,1234,5678,2", true},              // URC, unquoted decimal-looking <lac>
        {"+CREG: 0,1", false},                       // response to AT+CREG? with n=0
        {"+CREG: 2,1,\"00C3\",\"1234\"", false},     // response, n=2
        {"+CREG: 2,5,\"00C3\",\"1234\",2", false},   // response with <AcT>
    };
    for (const auto& c : cases) {
        INFO(c.line);
        CHECK(creg->unsolicited_form(c.line) == c.unsolicited);
    }
}
