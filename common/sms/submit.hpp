// submit.hpp - SMS-SUBMIT PDUs for AT+CMGS (3GPP TS 23.040 9.2.2.2, TS 27.005
// 3.5.1): one PDU per part, each with the length AT+CMGS wants.
#pragma once

#include "sms/pdu.hpp"
#include "sms/segment.hpp"
#include "util/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sms {

struct SubmitOptions {
    // The SMSC to put in front of the TPDU; empty: the one stored in the
    // modem (encoded as the single octet 00).
    std::string smsc;
    bool status_report = false;         // TP-SRR
    std::optional<long> validity_minutes; // TP-VP, relative format; empty: no TP-VP
    bool reject_duplicates = false;     // TP-RD
    std::optional<int> message_class;   // 0-3; class 0 is shown at once and not stored
    std::uint8_t pid = 0x00;            // TP-PID
    TextOptions text;
};

struct SubmitPart {
    std::vector<std::uint8_t> octets; // SMSC address and TPDU
    std::size_t tpdu_length = 0;      // for AT+CMGS=<length>: the SMSC address excluded
    std::string hex() const;
    std::string tpdu_hex() const; // the TPDU alone, without the SMSC address
};

// "+32477324847" (international, 0x91), "0477324847" or "1234" (unknown,
// 0x81), or up to 11 GSM characters of text such as "Acme" (alphanumeric,
// 0xD0). The error says what is wrong with it.
Result<Address> parse_address(std::string_view text);

// An SMSC number ("+32475161616"); empty gives nothing (the modem's own).
Result<std::optional<Address>> parse_smsc_number(std::string_view smsc);

// One SMS-SUBMIT per part of the text. A text of several parts carries a
// concatenation header with this 8-bit reference in each part.
Result<std::vector<SubmitPart>> encode_submit(std::string_view destination, std::string_view text_utf8,
                                              const SubmitOptions& options, std::uint8_t reference = 0);

// The same for a text already planned (the worker plans once and keeps the plan).
Result<std::vector<SubmitPart>> encode_submit(const Address& destination, const TextPlan& plan,
                                              const SubmitOptions& options, std::uint8_t reference = 0);

} // namespace smsgate::sms
