// pdu_report.hpp - a decoded PDU as an administrator reads it: every field
// in words, or one JSON object with a fixed set of keys.
#pragma once

#include "sms/pdu.hpp"

#include <string>

namespace smsgate::ctl {

std::string describe_pdu(const sms::Pdu& pdu);
std::string pdu_json(const sms::Pdu& pdu);

// TS 23.040 9.1.2.5: type of number and numbering plan in words.
std::string describe_toa(std::uint8_t toa);
// TS 23.040 9.2.3.9: the protocol identifier in words.
std::string describe_pid(std::uint8_t pid);

} // namespace smsgate::ctl
