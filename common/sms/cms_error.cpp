// cms_error.cpp - +CMS ERROR codes (3GPP TS 27.005 3.2.5) as one sorted
// table, and the classification by range of the codes it does not list.
//
// Sources of the codes:
//   0-127    RP-Cause, 3GPP TS 24.011 8.2.5.4 (Table 8.4)
//   128-255  TP-FCS, 3GPP TS 23.040 9.2.3.22
//   300-340  ME/TA errors, 3GPP TS 27.005 3.2.5
//   500      unknown error
//   512-     manufacturer-specific
//
// DSN codes (RFC 3463) where no better one fits: permanent 5.3.0; temporary
// 4.3.0 when the modem or its SIM is at fault, 4.4.1 for the network.
#include "sms/cms_error.hpp"

#include <algorithm>
#include <iterator>

namespace smsgate::sms {

namespace {

constexpr bool modem = true;  // the modem or its SIM is at fault
constexpr bool other = false; // the message, the destination or the network

// Sorted by code: looked up by binary search, checked below.
constexpr CmsError cms_errors[] = {
    // TS 24.011 Table 8.4: RP-Cause, network side of the transfer.
    {1, other, "5.1.1", "unassigned (unallocated) number"},
    {8, other, "5.7.1", "operator determined barring"},
    {10, other, "5.7.1", "call barred"},
    {17, other, "4.4.1", "network failure"},
    {21, other, "5.7.1", "short message transfer rejected"},
    {22, other, "4.2.2", "memory capacity exceeded"},
    {27, other, "4.4.1", "destination out of order"},
    {28, other, "5.1.1", "unidentified subscriber"},
    {29, other, "5.7.1", "facility rejected"},
    {30, other, "5.1.1", "unknown subscriber"},
    {38, other, "4.4.1", "network out of order"},
    {41, other, "4.4.1", "temporary failure"},
    {42, other, "4.4.5", "congestion"},
    {47, other, "4.4.5", "resources unavailable, unspecified"},
    // The SIM's subscription lacks SMS: another modem may have it.
    {50, modem, "5.7.1", "requested facility not subscribed"},
    {69, other, "5.3.3", "requested facility not implemented"},
    {81, other, "4.4.1", "invalid short message transfer reference value"},
    {95, other, "5.6.0", "invalid message, unspecified"},
    {96, other, "5.6.0", "invalid mandatory information"},
    {97, other, "5.6.0", "message type non-existent or not implemented"},
    {98, other, "4.4.1", "message not compatible with short message protocol state"},
    {99, other, "5.6.0", "information element non-existent or not implemented"},
    {111, other, "4.4.1", "protocol error, unspecified"},
    {127, other, "4.4.1", "interworking, unspecified"},

    // TS 23.040 9.2.3.22: TP-FCS, the SC's or the receiving MS's verdict.
    {0x80, other, "5.3.3", "telematic interworking not supported"},
    {0x81, other, "5.3.3", "short message type 0 not supported"},
    {0x82, other, "5.3.0", "cannot replace short message"},
    {0x8F, other, "5.3.0", "unspecified TP-PID error"},
    {0x90, other, "5.6.1", "data coding scheme (alphabet) not supported"},
    {0x91, other, "5.6.1", "message class not supported"},
    {0x9F, other, "5.6.0", "unspecified TP-DCS error"},
    {0xA0, other, "5.3.0", "command cannot be actioned"},
    {0xA1, other, "5.3.3", "command unsupported"},
    {0xAF, other, "5.3.0", "unspecified TP-command error"},
    {0xB0, other, "5.3.3", "TPDU not supported"},
    {0xC0, other, "4.4.5", "SC busy"},
    {0xC1, modem, "5.3.0", "no SC subscription"},
    {0xC2, other, "4.4.1", "SC system failure"},
    {0xC3, other, "5.1.3", "invalid SME address"},
    {0xC4, other, "5.7.1", "destination SME barred"},
    {0xC5, other, "5.3.0", "short message rejected as a duplicate"},
    {0xC6, other, "5.3.3", "TP-VPF not supported"},
    {0xC7, other, "5.3.3", "TP-VP not supported"},
    {0xD0, modem, "4.3.1", "SIM SMS storage full"},
    {0xD1, modem, "5.3.0", "no SMS storage capability in SIM"},
    {0xD2, modem, "4.3.0", "error in MS"},
    {0xD3, modem, "4.3.1", "memory capacity exceeded in MS"},
    {0xD4, modem, "4.3.0", "SIM application toolkit busy"},
    {0xD5, modem, "4.3.0", "SIM data download error"},
    {0xFF, other, "4.4.1", "unspecified error cause"},

    // TS 27.005 3.2.5: errors of the ME (the modem) or the TA.
    {300, modem, "4.3.0", "ME failure"},
    {301, modem, "4.3.0", "SMS service of ME reserved"},
    {302, modem, "4.3.0", "operation not allowed"},
    {303, other, "5.3.3", "operation not supported"},
    {304, other, "5.6.0", "invalid PDU mode parameter"},
    {305, other, "5.6.0", "invalid text mode parameter"},
    {310, modem, "4.3.0", "SIM not inserted"},
    {311, modem, "4.3.0", "SIM PIN required"},
    {312, modem, "4.3.0", "PH-SIM PIN required"},
    {313, modem, "4.3.0", "SIM failure"},
    {314, modem, "4.3.0", "SIM busy"},
    {315, modem, "4.3.0", "SIM wrong"},
    {316, modem, "4.3.0", "SIM PUK required"},
    {317, modem, "4.3.0", "SIM PIN2 required"},
    {318, modem, "4.3.0", "SIM PUK2 required"},
    {320, modem, "4.3.0", "memory failure"},
    {321, other, "5.3.0", "invalid memory index"},
    {322, modem, "4.3.1", "memory full"},
    {330, modem, "4.3.0", "SMSC address unknown"},
    {331, modem, "4.3.0", "no network service"},
    {332, other, "4.4.1", "network timeout"},
    {340, other, "5.3.0", "no +CNMA acknowledgement expected"},
    {500, other, "4.3.0", "unknown error"},
};

constexpr bool sorted_by_code()
{
    return std::ranges::adjacent_find(cms_errors, [](const CmsError& a, const CmsError& b) {
               return a.code >= b.code;
           }) == std::end(cms_errors);
}

static_assert(sorted_by_code(), "cms_errors must be sorted by code, without duplicates");

// A code no table lists, classified by its range.
CmsError unlisted(int code)
{
    if (code < 0)
        return {code, other, "4.3.0", "invalid code"};
    if (code <= 127) // a cause a later release of TS 24.011 may define
        return {code, other, "4.4.1", "unknown network cause"};
    if (code >= 0xE0 && code <= 0xFE)
        return {code, other, "4.4.1", "application-specific error"};
    if (code <= 255)
        return {code, other, "4.4.1", "reserved failure cause"};
    if (code < 512) // 256-511 outside the table: reserved by TS 27.005
        return {code, other, "4.3.0", "reserved error code"};
    return {code, other, "4.3.0", "manufacturer-specific error"};
}

} // namespace

CmsError describe_cms_error(int code)
{
    auto found = std::ranges::lower_bound(cms_errors, code, {}, &CmsError::code);
    if (found != std::end(cms_errors) && found->code == code)
        return *found;
    return unlisted(code);
}

} // namespace smsgate::sms
