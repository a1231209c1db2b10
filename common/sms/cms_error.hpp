// cms_error.hpp - +CMS ERROR codes (3GPP TS 27.005 3.2.5): network causes of
// TS 24.011 (0-127), TP-FCS of TS 23.040 (128-255), ME/TA codes (300-340),
// 500, and manufacturer codes (512 and up), each classified temporary or
// permanent. This decides whether a message is retried or bounced.
#pragma once

#include "verdict/verdict.hpp"

#include <string_view>

namespace smsgate::sms {

struct CmsError {
    int code;
    // The fault lies with the modem or its SIM, not with the message: the
    // job is better tried on another modem.
    bool modem_fault;
    // RFC 3463 enhanced status code for the sender, its class the
    // permanence: 5.1.1 for an unknown number (bounced), 4.4.1 for a
    // network that does not answer (retried), ...
    StatusCode status;
    std::string_view text; // "unassigned (unallocated) number", ...

    constexpr bool permanent() const { return status.verdict_class() == VerdictClass::permanent; }
};

// Every code gets an answer: codes no table lists are classified by their
// range (unknown network causes and manufacturer codes as temporary).
CmsError describe_cms_error(int code);

} // namespace smsgate::sms
