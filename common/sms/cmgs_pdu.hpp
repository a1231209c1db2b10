// cmgs_pdu.hpp - the <pdu> of AT+CMGS (TS 27.005 3.3.1, PDU mode): the SMSC
// address, then the TPDU. The worker keeps each part as its TPDU alone; the
// SMSC goes in front when the part goes out, chosen for the modem that
// sends it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace smsgate::sms {

// The first SMSC of `smscs` that is set, in order of preference (the
// modem's, then the worker's), in front of the TPDU; none set: the single
// octet 00, the SMSC stored in the SIM. An SMSC that is not a number is
// passed over like an empty one (the configuration refuses such a value:
// sms::parse_smsc_number). The TPDU's hex is taken as it is.
std::string cmgs_pdu_hex(std::initializer_list<std::string_view> smscs, std::string_view tpdu_hex);

} // namespace smsgate::sms
