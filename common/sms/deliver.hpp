// deliver.hpp - SMS-DELIVER and SMS-STATUS-REPORT PDUs as a modem lists them
// (3GPP TS 23.040 9.2.2.1 and 9.2.2.3, with the SMSC address in front as in
// TS 27.005 <pdu>): what the network hands to a handset. The worker only
// reads these; the modem simulator and the tests write them.
#pragma once

#include "sms/pdu.hpp"
#include "util/result.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sms {

struct DeliverOptions {
    // The SMSC to put in front of the TPDU; empty: none (the single octet 00).
    std::string smsc;
    std::uint8_t pid = 0x00; // TP-PID
    bool force_ucs2 = false;
    bool transliterate = true;
    // Concatenation reference of a text of several parts: 8 bits (IEI 00)
    // or 16 bits (IEI 08, one septet less room in each part).
    unsigned reference = 0;
    int reference_bits = 8;
    bool status_report_indication = false; // TP-SRI
    bool more_messages = false;            // TP-MMS: more messages wait at the SC
    // National language identifiers whose shift tables the text may go
    // with, as TextOptions::national_tables.
    std::vector<std::uint8_t> national_tables;
};

// One SMS-DELIVER per part of the text, each octets of SMSC address and
// TPDU. The originator is written as parse_address() reads it: "+32..."
// international, digits unknown, text alphanumeric.
Result<std::vector<std::vector<std::uint8_t>>> encode_deliver(std::string_view originator,
                                                              std::string_view text_utf8,
                                                              const Timestamp& scts,
                                                              const DeliverOptions& options = {});

// An SMS-STATUS-REPORT for the SMS-SUBMIT with this TP-MR: TP-RA the
// recipient, TP-SCTS when the SC took the message, TP-DT when the status
// was reached, TP-ST the status (TS 23.040 9.2.3.15). No TP-PI.
Result<std::vector<std::uint8_t>> encode_status_report(std::uint8_t mr, const Address& recipient,
                                                       const Timestamp& scts, const Timestamp& discharge,
                                                       std::uint8_t status, std::string_view smsc = {});
Result<std::vector<std::uint8_t>> encode_status_report(std::uint8_t mr, std::string_view recipient,
                                                       const Timestamp& scts, const Timestamp& discharge,
                                                       std::uint8_t status, std::string_view smsc = {});

// The TPDU octets after the SMSC address: the <length> of +CMGL, +CMGR,
// +CMT and +CDS. Zero when the SMSC address overruns the octets.
std::size_t tpdu_length(std::span<const std::uint8_t> octets);

} // namespace smsgate::sms
