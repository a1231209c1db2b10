// pdu_decode.cpp - SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT from octets
// (3GPP TS 23.040 9.2.2). Every read is bounds-checked by OctetReader; what
// is odd but harmless becomes a warning, what makes the PDU unreadable an
// error that names the field.
#include "sms/hex.hpp"
#include "sms/pdu_fields.hpp"

#include <algorithm>

namespace smsgate::sms {

std::string_view pdu_type_name(PduType type)
{
    switch (type) {
    case PduType::deliver:
        return "SMS-DELIVER";
    case PduType::submit:
        return "SMS-SUBMIT";
    case PduType::status_report:
        return "SMS-STATUS-REPORT";
    }
    return "?";
}

namespace {

// First-octet bits (TS 23.040 9.2.3.1-9.2.3.5, 9.2.3.17, 9.2.3.23, 9.2.3.25-26).
constexpr std::uint8_t bit_mms_or_rd = 0x04;
constexpr std::uint8_t bit_lp = 0x08;
constexpr std::uint8_t bit_srr = 0x20;
constexpr std::uint8_t bit_udhi = 0x40;
constexpr std::uint8_t bit_rp = 0x80;

// TS 23.040 9.2.2.1
void read_deliver(OctetReader& in, Pdu& pdu)
{
    std::uint8_t f = pdu.first_octet;
    pdu.more_messages = (f & bit_mms_or_rd) == 0;
    pdu.loop_prevention = (f & bit_lp) != 0;
    pdu.report_request = (f & bit_srr) != 0;
    pdu.reply_path = (f & bit_rp) != 0;
    pdu.number = read_address(in, "TP-OA");
    pdu.pid = in.octet("TP-PID");
    pdu.dcs = decode_dcs(in.octet("TP-DCS"));
    pdu.scts = read_timestamp(in, "TP-SCTS", pdu.warnings);
    read_user_data(in, pdu);
}

// TS 23.040 9.2.2.2
void read_submit(OctetReader& in, Pdu& pdu)
{
    std::uint8_t f = pdu.first_octet;
    pdu.reject_duplicates = (f & bit_mms_or_rd) != 0;
    pdu.report_request = (f & bit_srr) != 0;
    pdu.reply_path = (f & bit_rp) != 0;
    pdu.mr = in.octet("TP-MR");
    pdu.number = read_address(in, "TP-DA");
    pdu.pid = in.octet("TP-PID");
    pdu.dcs = decode_dcs(in.octet("TP-DCS"));
    pdu.vp = read_validity(in, (f >> 3) & 0x03, pdu.warnings);
    read_user_data(in, pdu);
}

// TS 23.040 9.2.3.27: TP-PI and the optional fields it announces. 0xFF is
// the padding of a SIM record, not a parameter indicator. A truncated
// optional field loses only itself: TP-ST, the point of the report, is read.
void read_report_parameters(OctetReader& in, Pdu& pdu)
{
    if (in.remaining() == 0)
        return;
    std::uint8_t pi = in.octet("TP-PI");
    if (pi == 0xFF)
        return;
    pdu.parameter_indicator = pi;
    try {
        for (std::uint8_t ext = pi; ext & 0x80;)
            ext = in.octet("TP-PI"); // extension octets: no fields are defined for them
        if (pi & 0x01)
            pdu.pid = in.octet("TP-PID");
        if (pi & 0x02)
            pdu.dcs = decode_dcs(in.octet("TP-DCS"));
        if (pi & 0x04)
            read_user_data(in, pdu);
    } catch (const DecodeFailure& f) {
        pdu.warnings.push_back(f.field + ": " + f.message + "; optional parameters ignored");
    }
}

// TS 23.040 9.2.2.3
void read_status_report(OctetReader& in, Pdu& pdu)
{
    std::uint8_t f = pdu.first_octet;
    pdu.more_messages = (f & bit_mms_or_rd) == 0;
    pdu.loop_prevention = (f & bit_lp) != 0;
    pdu.report_qualifier = (f & bit_srr) != 0;
    pdu.mr = in.octet("TP-MR");
    pdu.number = read_address(in, "TP-RA");
    pdu.scts = read_timestamp(in, "TP-SCTS", pdu.warnings);
    pdu.discharge = read_timestamp(in, "TP-DT", pdu.warnings);
    pdu.status = in.octet("TP-ST");
    read_report_parameters(in, pdu);
}

void note_trailing(std::span<const std::uint8_t> rest, Pdu& pdu)
{
    bool padding = std::all_of(rest.begin(), rest.end(), [](std::uint8_t o) { return o == 0xFF; });
    if (!rest.empty() && !padding)
        pdu.warnings.push_back(std::to_string(rest.size()) + " octets after the TPDU ignored");
}

} // namespace

Result<Pdu> decode_pdu(std::span<const std::uint8_t> octets, const DecodeOptions& options)
{
    try {
        Pdu pdu;
        OctetReader whole(octets);
        if (options.has_smsc)
            pdu.smsc = read_smsc_address(whole);
        auto tpdu = whole.rest();
        if (options.tpdu_length && *options.tpdu_length < tpdu.size())
            tpdu = tpdu.first(*options.tpdu_length);

        OctetReader in(tpdu);
        pdu.first_octet = in.octet("TP-MTI");
        pdu.udhi = (pdu.first_octet & bit_udhi) != 0;
        switch (pdu.first_octet & 0x03) {
        case 0:
            pdu.type = PduType::deliver;
            read_deliver(in, pdu);
            break;
        case 1:
            pdu.type = PduType::submit;
            read_submit(in, pdu);
            break;
        case 2:
            pdu.type = PduType::status_report;
            read_status_report(in, pdu);
            break;
        default:
            return make_error("TP-MTI", "reserved message type 3");
        }
        note_trailing(in.rest(), pdu);
        return pdu;
    } catch (const DecodeFailure& f) {
        return Error{f.field, f.message};
    }
}

Result<Pdu> decode_pdu_hex(std::string_view hex, const DecodeOptions& options)
{
    auto octets = from_hex(hex);
    if (!octets)
        return octets.error();
    return decode_pdu(*octets, options);
}

} // namespace smsgate::sms
