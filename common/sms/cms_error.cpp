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

constexpr Permanence temp = Permanence::temporary;
constexpr Permanence perm = Permanence::permanent;
constexpr bool modem = true;  // the modem or its SIM is at fault
constexpr bool other = false; // the message, the destination or the network

// Sorted by code: looked up by binary search, checked below.
constexpr CmsError cms_errors[] = {
    // TS 24.011 Table 8.4: RP-Cause, network side of the transfer.
    {1, perm, other, "5.1.1", "unassigned (unallocated) number"},
    {8, perm, other, "5.7.1", "operator determined barring"},
    {10, perm, other, "5.7.1", "call barred"},
    {17, temp, other, "4.4.1", "network failure"},
    {21, perm, other, "5.7.1", "short message transfer rejected"},
    {22, temp, other, "4.2.2", "memory capacity exceeded"},
    {27, temp, other, "4.4.1", "destination out of order"},
    {28, perm, other, "5.1.1", "unidentified subscriber"},
    {29, perm, other, "5.7.1", "facility rejected"},
    {30, perm, other, "5.1.1", "unknown subscriber"},
    {38, temp, other, "4.4.1", "network out of order"},
    {41, temp, other, "4.4.1", "temporary failure"},
    {42, temp, other, "4.4.5", "congestion"},
    {47, temp, other, "4.4.5", "resources unavailable, unspecified"},
    // The SIM's subscription lacks SMS: another modem may have it.
    {50, perm, modem, "5.7.1", "requested facility not subscribed"},
    {69, perm, other, "5.3.3", "requested facility not implemented"},
    {81, temp, other, "4.4.1", "invalid short message transfer reference value"},
    {95, perm, other, "5.6.0", "invalid message, unspecified"},
    {96, perm, other, "5.6.0", "invalid mandatory information"},
    {97, perm, other, "5.6.0", "message type non-existent or not implemented"},
    {98, temp, other, "4.4.1", "message not compatible with short message protocol state"},
    {99, perm, other, "5.6.0", "information element non-existent or not implemented"},
    {111, temp, other, "4.4.1", "protocol error, unspecified"},
    {127, temp, other, "4.4.1", "interworking, unspecified"},

    // TS 23.040 9.2.3.22: TP-FCS, the SC's or the receiving MS's verdict.
    {0x80, perm, other, "5.3.3", "telematic interworking not supported"},
    {0x81, perm, other, "5.3.3", "short message type 0 not supported"},
    {0x82, perm, other, "5.3.0", "cannot replace short message"},
    {0x8F, perm, other, "5.3.0", "unspecified TP-PID error"},
    {0x90, perm, other, "5.6.1", "data coding scheme (alphabet) not supported"},
    {0x91, perm, other, "5.6.1", "message class not supported"},
    {0x9F, perm, other, "5.6.0", "unspecified TP-DCS error"},
    {0xA0, perm, other, "5.3.0", "command cannot be actioned"},
    {0xA1, perm, other, "5.3.3", "command unsupported"},
    {0xAF, perm, other, "5.3.0", "unspecified TP-command error"},
    {0xB0, perm, other, "5.3.3", "TPDU not supported"},
    {0xC0, temp, other, "4.4.5", "SC busy"},
    {0xC1, perm, modem, "5.3.0", "no SC subscription"},
    {0xC2, temp, other, "4.4.1", "SC system failure"},
    {0xC3, perm, other, "5.1.3", "invalid SME address"},
    {0xC4, perm, other, "5.7.1", "destination SME barred"},
    {0xC5, perm, other, "5.3.0", "short message rejected as a duplicate"},
    {0xC6, perm, other, "5.3.3", "TP-VPF not supported"},
    {0xC7, perm, other, "5.3.3", "TP-VP not supported"},
    {0xD0, temp, modem, "4.3.1", "SIM SMS storage full"},
    {0xD1, perm, modem, "5.3.0", "no SMS storage capability in SIM"},
    {0xD2, temp, modem, "4.3.0", "error in MS"},
    {0xD3, temp, modem, "4.3.1", "memory capacity exceeded in MS"},
    {0xD4, temp, modem, "4.3.0", "SIM application toolkit busy"},
    {0xD5, temp, modem, "4.3.0", "SIM data download error"},
    {0xFF, temp, other, "4.4.1", "unspecified error cause"},

    // TS 27.005 3.2.5: errors of the ME (the modem) or the TA.
    {300, temp, modem, "4.3.0", "ME failure"},
    {301, temp, modem, "4.3.0", "SMS service of ME reserved"},
    {302, temp, modem, "4.3.0", "operation not allowed"},
    {303, perm, other, "5.3.3", "operation not supported"},
    {304, perm, other, "5.6.0", "invalid PDU mode parameter"},
    {305, perm, other, "5.6.0", "invalid text mode parameter"},
    {310, temp, modem, "4.3.0", "SIM not inserted"},
    {311, temp, modem, "4.3.0", "SIM PIN required"},
    {312, temp, modem, "4.3.0", "PH-SIM PIN required"},
    {313, temp, modem, "4.3.0", "SIM failure"},
    {314, temp, modem, "4.3.0", "SIM busy"},
    {315, temp, modem, "4.3.0", "SIM wrong"},
    {316, temp, modem, "4.3.0", "SIM PUK required"},
    {317, temp, modem, "4.3.0", "SIM PIN2 required"},
    {318, temp, modem, "4.3.0", "SIM PUK2 required"},
    {320, temp, modem, "4.3.0", "memory failure"},
    {321, perm, other, "5.3.0", "invalid memory index"},
    {322, temp, modem, "4.3.1", "memory full"},
    {330, temp, modem, "4.3.0", "SMSC address unknown"},
    {331, temp, modem, "4.3.0", "no network service"},
    {332, temp, other, "4.4.1", "network timeout"},
    {340, perm, other, "5.3.0", "no +CNMA acknowledgement expected"},
    {500, temp, other, "4.3.0", "unknown error"},
};

constexpr bool sorted_by_code()
{
    return std::ranges::adjacent_find(cms_errors, [](const CmsError& a, const CmsError& b) {
               return a.code >= b.code;
           }) == std::end(cms_errors);
}

// The DSN's class digit is the permanence: "4.x.x" is retried, "5.x.x" bounced.
constexpr bool dsn_matches_permanence()
{
    return std::ranges::all_of(cms_errors, [](const CmsError& e) {
        return e.dsn.size() == 5 && e.dsn[0] == (e.permanence == perm ? '5' : '4');
    });
}

static_assert(sorted_by_code(), "cms_errors must be sorted by code, without duplicates");
static_assert(dsn_matches_permanence(), "a DSN class digit contradicts its permanence");

// A code no table lists, classified by its range.
CmsError unlisted(int code)
{
    if (code < 0)
        return {code, temp, other, "4.3.0", "invalid code"};
    if (code <= 127) // a cause a later release of TS 24.011 may define
        return {code, temp, other, "4.4.1", "unknown network cause"};
    if (code >= 0xE0 && code <= 0xFE)
        return {code, temp, other, "4.4.1", "application-specific error"};
    if (code <= 255)
        return {code, temp, other, "4.4.1", "reserved failure cause"};
    if (code < 512) // 256-511 outside the table: reserved by TS 27.005
        return {code, temp, other, "4.3.0", "reserved error code"};
    return {code, temp, other, "4.3.0", "manufacturer-specific error"};
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
