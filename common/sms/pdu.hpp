// pdu.hpp - short message TPDUs of 3GPP TS 23.040 as values: SMS-DELIVER,
// SMS-SUBMIT and SMS-STATUS-REPORT, with the SMSC address that precedes them
// on the AT interface (TS 27.005 3.1, <pdu>).
#pragma once

#include "sms/segment.hpp"
#include "util/result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sms {

enum class PduType { deliver, submit, status_report };

// "SMS-DELIVER", "SMS-SUBMIT", "SMS-STATUS-REPORT".
std::string_view pdu_type_name(PduType type);

// TS 23.040 9.1.2.5: an address with its type-of-address octet.
struct Address {
    std::uint8_t toa = 0x81;
    // Digits as written (0-9 and the semi-octets * # a b c), or the text of an
    // alphanumeric address.
    std::string value;

    int type_of_number() const { return (toa >> 4) & 0x07; }
    bool international() const { return type_of_number() == 1; }
    bool alphanumeric() const { return type_of_number() == 5; }
    // "+32477324847" for an international number, else the value as written.
    std::string display() const;
};

// TS 23.040 9.2.3.11: TP-SCTS, and TP-DT of a status report.
struct Timestamp {
    int year = 0; // four digits
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    // Offset from UTC in minutes; empty when the zone octet is not valid BCD.
    std::optional<int> zone_minutes;
    // False when a date or time octet was not BCD (its field then reads 0).
    bool bcd = true;

    // "2007-11-19T16:50:00+01:00"; no offset when the zone is unknown.
    std::string iso8601() const;
    // A moment that exists: BCD digits, month 1-12, a day its month has
    // (29 February in leap years only), hour 0-23, minute and second 0-59.
    bool valid() const;
};

// TS 23.038 4: the data coding scheme.
struct DataCoding {
    std::uint8_t raw = 0;
    Alphabet alphabet = Alphabet::gsm7;
    std::optional<int> message_class; // 0-3
    bool compressed = false;
    bool auto_delete = false; // coding group 01xx: marked for automatic deletion
    bool reserved = false;    // a reserved value, read as the default alphabet
    // Message waiting indication groups 1100, 1101, 1110.
    struct Waiting {
        bool store;  // group 1101/1110 (store) or 1100 (discard)
        bool active; // indication set or cleared
        int kind;    // 0 voicemail, 1 fax, 2 e-mail, 3 other
    };
    std::optional<Waiting> waiting;

    // In words: "GSM 7-bit, class 1", "UCS-2, voicemail waiting (store)".
    std::string describe() const;
};

DataCoding decode_dcs(std::uint8_t dcs);

// TS 23.040 9.2.3.12: TP-VP in its three formats.
struct ValidityPeriod {
    enum class Format { none, enhanced, relative, absolute };
    Format format = Format::none;
    std::optional<long> seconds; // relative and enhanced relative formats
    std::optional<Timestamp> absolute;
    bool single_shot = false; // enhanced format
};

// TS 23.040 9.2.3.24: one information element of the user data header.
struct UdhElement {
    std::uint8_t iei = 0;
    std::vector<std::uint8_t> data;
};

// Concatenated short messages, IEI 0x00 (8-bit reference) or 0x08 (16-bit).
struct Concat {
    unsigned ref = 0;
    unsigned total = 0;
    unsigned seq = 0;
    int ref_bits = 8;
};

// Application port addressing, IEI 0x04 (8-bit) or 0x05 (16-bit).
struct Ports {
    unsigned destination = 0;
    unsigned origin = 0;
    int bits = 8;
};

struct Pdu {
    PduType type = PduType::deliver;
    std::optional<Address> smsc;
    std::uint8_t first_octet = 0;

    // First-octet flags; which of them a type has is in TS 23.040 9.2.2.
    bool more_messages = false;     // TP-MMS (DELIVER, STATUS-REPORT): more are waiting at the SC
    bool reply_path = false;        // TP-RP
    bool udhi = false;              // TP-UDHI
    bool report_request = false;    // TP-SRR (SUBMIT), TP-SRI (DELIVER)
    bool report_qualifier = false;  // TP-SRQ (STATUS-REPORT): a report about a command
    bool reject_duplicates = false; // TP-RD (SUBMIT)
    bool loop_prevention = false;   // TP-LP (DELIVER, STATUS-REPORT)

    std::optional<std::uint8_t> mr; // TP-MR (SUBMIT, STATUS-REPORT)
    Address number;                 // TP-OA, TP-DA or TP-RA
    std::optional<std::uint8_t> pid;
    std::optional<DataCoding> dcs;
    std::optional<Timestamp> scts;      // TP-SCTS (DELIVER, STATUS-REPORT)
    std::optional<Timestamp> discharge; // TP-DT (STATUS-REPORT)
    ValidityPeriod vp;                  // SUBMIT
    std::optional<std::uint8_t> status; // TP-ST (STATUS-REPORT)
    std::optional<std::uint8_t> parameter_indicator; // TP-PI (STATUS-REPORT)

    bool has_user_data = false;
    std::vector<UdhElement> udh;
    std::optional<Concat> concat;
    std::optional<Ports> ports;
    // National language identifiers of the single shift (IEI 0x24) and
    // locking shift (IEI 0x25) elements, as received; the text is read with
    // their tables, or with the default ones (and a warning) for an
    // identifier without such a table.
    std::optional<std::uint8_t> single_shift;
    std::optional<std::uint8_t> locking_shift;
    // The user data after the header: UTF-8 text, or for 8-bit and
    // compressed data the octets in hex.
    std::string text;
    std::vector<std::uint8_t> data; // the raw user data after the header (8-bit, compressed)

    // Things that were odd but did not stop the decoding ("TP-SCTS: invalid
    // BCD in the zone").
    std::vector<std::string> warnings;
};

struct DecodeOptions {
    // The octets begin with the SMSC address, as +CMGL, +CMGR and +CMT give it.
    bool has_smsc = true;
    // The <length> of the +CMGL/+CMGR/+CMT header: TPDU octets, the SMSC
    // address excluded. A ceiling: octets past it (the FF padding of a SIM
    // record) are ignored; fewer octets are not an error in themselves.
    std::optional<std::size_t> tpdu_length;
};

// A value or an error that names the field; never a crash, whatever the input.
Result<Pdu> decode_pdu(std::span<const std::uint8_t> octets, const DecodeOptions& options = {});
Result<Pdu> decode_pdu_hex(std::string_view hex, const DecodeOptions& options = {});

} // namespace smsgate::sms
