// final_result.hpp - the final result codes that end a command (ITU-T V.250
// 5.7.2, 3GPP TS 27.007 9.2 +CME ERROR, TS 27.005 3.2.5 +CMS ERROR, and the
// few words some modems use instead), recognised by whole lines only: "OK"
// inside a PDU or a text is not a final result.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smsgate::at {

enum class FinalKind {
    ok,
    error,               // plain ERROR: AT+CMEE=0, or a syntax error
    cme_error,           // +CME ERROR: <err> (TS 27.007 9.2)
    cms_error,           // +CMS ERROR: <err> (TS 27.005 3.2.5)
    no_carrier,          // V.250: NO CARRIER
    no_dialtone,         // V.250: NO DIALTONE
    busy,                // V.250: BUSY
    no_answer,           // V.250: NO ANSWER
    not_supported,       // COMMAND NOT SUPPORT (Huawei, ZTE, Simcom)
    too_many_parameters, // TOO MANY PARAMETERS (Huawei)
};

struct FinalResult {
    FinalKind kind = FinalKind::ok;
    // +CME/+CMS ERROR: the number; for a verbose text the number it stands
    // for, or -1 when the text is not one the standards list. -1 otherwise.
    int code = -1;
    // The verbose text as the modem sent it, when it sent no number.
    std::string text;

    bool ok() const { return kind == FinalKind::ok; }
    bool operator==(const FinalResult&) const = default;
};

// The final result a whole line is, or nothing. The line is as the framer
// gives it (no CR/LF, no surrounding blanks).
std::optional<FinalResult> parse_final_result(std::string_view line);

// "OK", "ERROR", "+CME ERROR", "+CMS ERROR", "NO CARRIER", ...
std::string_view final_kind_name(FinalKind kind);

// For logs and error replies: "+CMS ERROR: 38 (network out of order)",
// "+CME ERROR: -1 (SIM on fire)", "OK".
std::string describe_final_result(const FinalResult& result);

} // namespace smsgate::at
