// at_send.hpp - AT+CMGS in PDU mode (TS 27.005 3.5.1): the length, the
// prompt, the PDU checked as a modem checks it, and the network's answer.
#pragma once

#include "at_server.hpp"

#include "sms/pdu.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

namespace smsgate::sim {

class Link;
class Modem;

// A PDU the modem took at the prompt and handed to the network.
struct Submission {
    std::vector<std::uint8_t> octets; // SMSC address and TPDU
    std::size_t length = 0;           // of AT+CMGS=<length>
    sms::Pdu pdu;
    std::optional<int> network_error; // --cms-error for its destination
};

// Refused at once with a final result (+CMS ERROR: 304 for a PDU that is
// not hex, not an SMS-SUBMIT, or not exactly <length> TPDU octets; 330
// without any SMSC; 331 when not registered), or handed to the network.
std::variant<Final, Submission> check_submission(Modem& modem, std::size_t length, std::string_view hex);

// The network's answer, after --cmgs-delay-ms: +CMGS: <mr> (recorded, its
// status report scheduled), or the +CMS ERROR configured for the number.
Final complete_submission(Modem& modem, const Submission& submission, const Link& link,
                          std::vector<std::string>& info);

} // namespace smsgate::sim
