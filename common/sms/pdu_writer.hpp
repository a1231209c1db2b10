// pdu_writer.hpp - the one writer of SMS-SUBMIT, SMS-DELIVER and
// SMS-STATUS-REPORT octets (3GPP TS 23.040 9.2.2, with the SMSC address in
// front as in TS 27.005 <pdu>): the first octet from named flags, the
// address fields, the data coding, and the user data with its
// concatenation header. Each encoder says which fields its PDU has and in
// what order; how a field is written is decided here only.
#pragma once

#include "sms/pdu.hpp"
#include "sms/segment.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace smsgate::sms {

// TS 23.040 9.2.3.1: TP-MTI as the mobile station writes or reads it.
enum class MessageType : std::uint8_t { deliver = 0x00, submit = 0x01, status_report = 0x02 };

// The first octet of a TPDU (TS 23.040 9.2.3.1-9.2.3.26). A flag a type
// does not have stays false.
struct FirstOctet {
    MessageType type = MessageType::deliver; // TP-MTI, bits 0-1
    bool no_more_messages = false;           // TP-MMS (DELIVER, STATUS-REPORT), bit 2 set: none wait
    bool reject_duplicates = false;          // TP-RD (SUBMIT), bit 2
    unsigned validity_format = 0;            // TP-VPF (SUBMIT), bits 3-4: 2 is relative
    bool status_report = false;              // TP-SRI (DELIVER), TP-SRR (SUBMIT), TP-SRQ (STATUS-REPORT), bit 5
    bool user_data_header = false;           // TP-UDHI, bit 6
    bool reply_path = false;                 // TP-RP, bit 7
};

std::uint8_t first_octet(const FirstOctet& flags);

// One part of a concatenated text (TS 23.040 9.2.3.24.1, IEI 00, and
// 9.2.3.24.8, IEI 08).
struct Concatenation {
    unsigned reference = 0;
    int reference_bits = 8; // 8 or 16
    std::size_t total = 1;
    std::size_t sequence = 1;
};

// The user data header of one part, its UDHL first.
std::vector<std::uint8_t> concatenation_header(const Concatenation& part);

// The user data header of one part, its UDHL first: the concatenation
// element when there is a part, then the national language single shift
// (IEI 0x24) and locking shift (IEI 0x25) elements of the tables used
// (TS 23.040 9.2.3.24.15, 9.2.3.24.16); empty when there is none of them.
std::vector<std::uint8_t> user_data_header(const std::optional<Concatenation>& part, const ShiftTables& shifts);

// TS 23.038 4: general data coding, with a message class when one is given.
std::uint8_t data_coding(Alphabet alphabet, std::optional<int> message_class = {});

// The user data of each part of a planned text, cut for a concatenation
// header with a reference of these bits: split_text() for 8 bits (or a
// single part), recut for the septet or octets less room a 16-bit
// reference leaves. An escape pair or a surrogate pair is never split.
std::vector<std::vector<std::uint8_t>> split_for_reference(const TextPlan& plan, int reference_bits);

// Writes one PDU field after field. The SMSC address goes first.
class PduWriter {
public:
    explicit PduWriter(const std::optional<Address>& smsc);

    PduWriter& first(const FirstOctet& flags);
    PduWriter& octet(std::uint8_t value); // TP-MR, TP-PID, TP-VP (relative), TP-ST
    PduWriter& address(const Address& address);
    PduWriter& coding(Alphabet alphabet, std::optional<int> message_class = {});
    PduWriter& timestamp(const Timestamp& timestamp);
    // TP-UDL and TP-UD: the header (user_data_header) when there is one,
    // then the units (unpacked septets packed after the header's fill bits,
    // or octets).
    PduWriter& user_data(const std::vector<std::uint8_t>& units, Alphabet alphabet,
                         const std::optional<Concatenation>& part = {}, const ShiftTables& shifts = {});

    // The TPDU octets, the SMSC address excluded (AT+CMGS=<length>).
    std::size_t tpdu_length() const { return octets_.size() - tpdu_start_; }
    std::vector<std::uint8_t> take() { return std::move(octets_); }

private:
    std::vector<std::uint8_t> octets_;
    std::size_t tpdu_start_ = 0;
};

} // namespace smsgate::sms
