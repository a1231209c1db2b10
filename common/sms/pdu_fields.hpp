// pdu_fields.hpp - the field codecs the PDU decoder and encoder share
// (internal to common/sms).
#pragma once

#include "sms/octet_reader.hpp"
#include "sms/pdu.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace smsgate::sms {

// TS 23.040 9.1.2.5: TP-OA/TP-DA/TP-RA, length in semi-octets.
Address read_address(OctetReader& in, std::string_view field);
// TS 24.008 10.5.4.9 as used by TS 27.005: the SMSC address, length in octets.
std::optional<Address> read_smsc_address(OctetReader& in);

// Every character is a semi-octet digit: 0-9 * # a b c (A B C too).
bool valid_semi_octet_digits(std::string_view digits);

void write_address(std::vector<std::uint8_t>& out, const Address& address);
void write_smsc_address(std::vector<std::uint8_t>& out, const std::optional<Address>& smsc);

// TS 23.040 9.2.3.11: seven semi-octet swapped octets.
Timestamp read_timestamp(OctetReader& in, std::string_view field, std::vector<std::string>& warnings);
// The same seven octets written: the year modulo 100, an unknown zone as
// zero. The zone is rounded towards zero to whole quarters of an hour.
void write_timestamp(std::vector<std::uint8_t>& out, const Timestamp& timestamp);

// TS 23.040 9.2.3.12: TP-VP in the format TP-VPF names (0-3).
ValidityPeriod read_validity(OctetReader& in, unsigned vpf, std::vector<std::string>& warnings);

// TS 23.040 9.2.3.16/9.2.3.24: TP-UDL and TP-UD into the PDU's user data
// fields; the data coding decides septets or octets.
void read_user_data(OctetReader& in, Pdu& pdu);
// TP-UDL, the user data header (with its UDHL, or empty) and the units:
// unpacked septets for GSM 7-bit, which start at the septet boundary after
// the header, else octets.
void write_user_data(std::vector<std::uint8_t>& pdu, const std::vector<std::uint8_t>& header,
                     const std::vector<std::uint8_t>& units, Alphabet alphabet);

} // namespace smsgate::sms
