// pdu_writer.cpp - the fields of an SMS PDU written in one place (3GPP TS
// 23.040 9.2.3).
#include "sms/pdu_writer.hpp"

#include "sms/gsm7.hpp"
#include "sms/pdu_fields.hpp"

namespace smsgate::sms {

namespace {

constexpr std::uint8_t bit_mms_or_rd = 0x04;
constexpr unsigned vpf_shift = 3;
constexpr std::uint8_t bit_status_report = 0x20;
constexpr std::uint8_t bit_udhi = 0x40;
constexpr std::uint8_t bit_reply_path = 0x80;

constexpr std::uint8_t iei_concat_8 = 0x00;
constexpr std::uint8_t iei_concat_16 = 0x08;
constexpr std::uint8_t iei_single_shift = 0x24;
constexpr std::uint8_t iei_locking_shift = 0x25;

constexpr std::size_t concat_16_header_octets = 7; // UDHL, IEI, IEDL, 4 octets

// Units that belong together: an escape pair, or a surrogate pair.
std::size_t unit_group(const std::vector<std::uint8_t>& units, std::size_t i, Alphabet alphabet)
{
    if (alphabet == Alphabet::gsm7)
        return units[i] == gsm7_escape && i + 1 < units.size() ? 2 : 1;
    bool high_surrogate = (units[i] & 0xFC) == 0xD8;
    return high_surrogate && i + 3 < units.size() ? 4 : 2;
}

// The parts split_text() made for an 8-bit reference, cut again for a
// header that leaves less room; a pair of units is never cut.
std::vector<std::vector<std::uint8_t>> recut(const std::vector<std::vector<std::uint8_t>>& parts,
                                             Alphabet alphabet, std::size_t room)
{
    std::vector<std::uint8_t> all;
    for (const auto& p : parts)
        all.insert(all.end(), p.begin(), p.end());
    std::vector<std::vector<std::uint8_t>> out(1);
    for (std::size_t i = 0; i < all.size();) {
        std::size_t n = unit_group(all, i, alphabet);
        if (out.back().size() + n > room)
            out.emplace_back();
        out.back().insert(out.back().end(), all.begin() + static_cast<std::ptrdiff_t>(i),
                          all.begin() + static_cast<std::ptrdiff_t>(i + n));
        i += n;
    }
    return out;
}

} // namespace

std::uint8_t first_octet(const FirstOctet& flags)
{
    auto octet = static_cast<std::uint8_t>(flags.type);
    if (flags.no_more_messages || flags.reject_duplicates)
        octet |= bit_mms_or_rd;
    octet |= static_cast<std::uint8_t>((flags.validity_format & 0x03) << vpf_shift);
    if (flags.status_report)
        octet |= bit_status_report;
    if (flags.user_data_header)
        octet |= bit_udhi;
    if (flags.reply_path)
        octet |= bit_reply_path;
    return octet;
}

std::vector<std::uint8_t> concatenation_header(const Concatenation& part)
{
    auto total = static_cast<std::uint8_t>(part.total);
    auto sequence = static_cast<std::uint8_t>(part.sequence);
    if (part.reference_bits == 16)
        return {0x06, iei_concat_16, 0x04, static_cast<std::uint8_t>(part.reference >> 8),
                static_cast<std::uint8_t>(part.reference & 0xFF), total, sequence};
    return {0x05, iei_concat_8, 0x03, static_cast<std::uint8_t>(part.reference & 0xFF), total, sequence};
}

std::vector<std::uint8_t> user_data_header(const std::optional<Concatenation>& part, const ShiftTables& shifts)
{
    std::vector<std::uint8_t> header{0x00}; // UDHL, set below
    if (part) {
        auto concat = concatenation_header(*part);
        header.insert(header.end(), concat.begin() + 1, concat.end());
    }
    if (shifts.single != 0)
        header.insert(header.end(), {iei_single_shift, 0x01, shifts.single});
    if (shifts.locking != 0)
        header.insert(header.end(), {iei_locking_shift, 0x01, shifts.locking});
    if (header.size() == 1)
        return {};
    header[0] = static_cast<std::uint8_t>(header.size() - 1);
    return header;
}

std::uint8_t data_coding(Alphabet alphabet, std::optional<int> message_class)
{
    std::uint8_t dcs = alphabet == Alphabet::ucs2 ? 0x08 : 0x00;
    if (message_class)
        dcs |= static_cast<std::uint8_t>(0x10 | (*message_class & 0x03)); // class meaningful
    return dcs;
}

std::vector<std::vector<std::uint8_t>> split_for_reference(const TextPlan& plan, int reference_bits)
{
    auto parts = split_text(plan);
    if (parts.size() > 1 && reference_bits == 16)
        return recut(parts, plan.alphabet,
                     part_room(plan.alphabet, concat_16_header_octets + shift_header_octets(plan.shifts)));
    return parts;
}

PduWriter::PduWriter(const std::optional<Address>& smsc)
{
    write_smsc_address(octets_, smsc);
    tpdu_start_ = octets_.size();
}

PduWriter& PduWriter::first(const FirstOctet& flags)
{
    octets_.push_back(first_octet(flags));
    return *this;
}

PduWriter& PduWriter::octet(std::uint8_t value)
{
    octets_.push_back(value);
    return *this;
}

PduWriter& PduWriter::address(const Address& address)
{
    write_address(octets_, address);
    return *this;
}

PduWriter& PduWriter::coding(Alphabet alphabet, std::optional<int> message_class)
{
    octets_.push_back(data_coding(alphabet, message_class));
    return *this;
}

PduWriter& PduWriter::timestamp(const Timestamp& timestamp)
{
    write_timestamp(octets_, timestamp);
    return *this;
}

PduWriter& PduWriter::user_data(const std::vector<std::uint8_t>& units, Alphabet alphabet,
                                const std::optional<Concatenation>& part, const ShiftTables& shifts)
{
    write_user_data(octets_, user_data_header(part, shifts), units, alphabet);
    return *this;
}

} // namespace smsgate::sms
