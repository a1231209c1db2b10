// delivery_status.hpp - the machine-readable part of a report mail: the
// body of a message/delivery-status part (RFC 3464 §2), one recipient,
// that a mail client or a program reads beside the words of the report.
// Pure: the caller gives every value; this file writes the fields.
//
// Nothing a value holds can become a field or a line of its own: each
// value is reduced to one line (as every header of a report mail is),
// every character outside printable ASCII is written "\x{HEX}" (the
// escape of RFC 6533 §3, so that the part stays 7bit as RFC 3464 asks),
// the result is cut to 900 octets and folded at white space.
#pragma once

#include "util/result.hpp"
#include "verdict/verdict.hpp"

#include <string>
#include <string_view>

namespace smsgate::mail {

// RFC 3464 §2.3.3, in the words of the Action field.
enum class DsnAction { failed, delayed, delivered, relayed };

// "failed", "delayed", "delivered", "relayed"
std::string_view dsn_action_word(DsnAction action);

struct DeliveryStatus {
    // Per message (§2.2).
    std::string reporting_mta;        // Reporting-MTA: dns; sms.example.com
    std::string original_envelope_id; // the ENVID of the original; empty: not known, no field
    std::string arrival_date;         // RFC 5322 date-time; empty: no field
    // Per recipient (§2.3).
    std::string original_recipient; // the sender's ORCPT (RFC 3461); empty: not known, no field
    std::string final_recipient;    // the envelope recipient as accepted: "0477324847@sms.example.com"
    DsnAction action = DsnAction::failed;
    StatusCode status;              // of the class the action asks for (2, 4 or 5)
    std::string diagnostic;         // "TP-ST 0x00 short message received by the SME"; empty: no field
    std::string last_attempt_date;  // RFC 5322 date-time; empty: no field
};

// The fields, a blank line between the per-message and the per-recipient
// ones, LF line ends, lines of at most 78 octets where white space allows
// and never more than 998:
//
//   Reporting-MTA: dns; sms.example.com
//   Original-Envelope-Id: ...
//   Arrival-Date: Mon, 19 Nov 2007 15:52:50 +0000
//
//   Original-Recipient: rfc822; ... (only with an ORCPT)
//   Final-Recipient: rfc822; 0477324847@sms.example.com
//   Action: delivered
//   Status: 2.0.0
//   Diagnostic-Code: X-SMS; TP-ST 0x00 short message received by the SME
//   Last-Attempt-Date: Mon, 19 Nov 2007 15:52:56 +0000
//
// The diagnostic type is "X-SMS" (an extension type, as Postfix writes
// "X-Postfix" for what is not an SMTP reply): "smtp" would promise an
// SMTP reply, and the words come from the SMS network (TP-ST, 3GPP TS
// 23.040 §9.2.3.15) or the modem (+CMS ERROR, TS 27.005 §3.2.5).
//
// Errors: "reporting_mta" or "final_recipient" when nothing is left of
// them; "status" when the class of the code does not fit the action
// (failed: 5, delayed: 4, delivered and relayed: 2).
Result<std::string> delivery_status_text(const DeliveryStatus& status);

} // namespace smsgate::mail
