// deliver.cpp - the SMS-DELIVER and SMS-STATUS-REPORT encoders (3GPP TS
// 23.040 9.2.2.1, 9.2.2.3).
#include "sms/deliver.hpp"

#include "sms/gsm7.hpp"
#include "sms/pdu_fields.hpp"
#include "sms/submit.hpp"

namespace smsgate::sms {

namespace {

// First octets: TP-MTI 00 (DELIVER) or 10 (STATUS-REPORT); TP-MMS is set
// when no more messages are waiting.
constexpr std::uint8_t mti_deliver = 0x00;
constexpr std::uint8_t mti_status_report = 0x02;
constexpr std::uint8_t bit_no_more_messages = 0x04;
constexpr std::uint8_t bit_sri = 0x20;
constexpr std::uint8_t bit_udhi = 0x40;

constexpr std::size_t max_ud_octets = 140;
constexpr std::size_t max_ud_septets = 160;

// TS 23.040 9.2.3.24.1 (IEI 00) and 9.2.3.24.8 (IEI 08), with the UDHL.
std::vector<std::uint8_t> concat_header(const DeliverOptions& o, std::size_t total, std::size_t seq)
{
    auto t = static_cast<std::uint8_t>(total);
    auto s = static_cast<std::uint8_t>(seq);
    if (o.reference_bits == 16)
        return {0x06, 0x08, 0x04, static_cast<std::uint8_t>(o.reference >> 8),
                static_cast<std::uint8_t>(o.reference & 0xFF), t, s};
    return {0x05, 0x00, 0x03, static_cast<std::uint8_t>(o.reference & 0xFF), t, s};
}

// Units of user data left after a header of this many octets.
std::size_t capacity(Alphabet alphabet, std::size_t header_octets)
{
    if (alphabet == Alphabet::gsm7)
        return max_ud_septets - (header_octets * 8 + 6) / 7;
    return (max_ud_octets - header_octets) & ~std::size_t{1}; // whole UTF-16 units
}

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

Result<std::vector<std::vector<std::uint8_t>>> encode_deliver(std::string_view originator,
                                                              std::string_view text_utf8,
                                                              const Timestamp& scts,
                                                              const DeliverOptions& options)
{
    auto from = parse_address(originator);
    if (!from)
        return make_error("TP-OA", from.error().message);
    auto smsc = parse_smsc_number(options.smsc);
    if (!smsc)
        return smsc.error();
    if (options.reference_bits != 8 && options.reference_bits != 16)
        return make_error("concatenation", "the reference has 8 or 16 bits");
    if (options.reference > (options.reference_bits == 8 ? 0xFFu : 0xFFFFu))
        return make_error("concatenation", "reference " + std::to_string(options.reference) +
                                               " does not fit in " +
                                               std::to_string(options.reference_bits) + " bits");

    TextPlan plan = plan_text(text_utf8, TextOptions{options.transliterate, options.force_ucs2});
    auto segments = split_text(plan);
    std::size_t header_octets = options.reference_bits == 16 ? 7 : 6;
    if (segments.size() > 1 && options.reference_bits == 16)
        segments = recut(segments, plan.alphabet, capacity(plan.alphabet, header_octets));
    if (segments.size() > max_parts)
        return make_error("text", "the text needs " + std::to_string(segments.size()) +
                                      " parts, more than the 255 a message can have");

    bool concatenated = segments.size() > 1;
    std::vector<std::vector<std::uint8_t>> pdus;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        std::vector<std::uint8_t> pdu;
        write_smsc_address(pdu, *smsc);
        std::uint8_t first = mti_deliver;
        if (!options.more_messages)
            first |= bit_no_more_messages;
        if (options.status_report_indication)
            first |= bit_sri;
        if (concatenated)
            first |= bit_udhi;
        pdu.push_back(first);
        write_address(pdu, *from);
        pdu.push_back(options.pid);
        pdu.push_back(plan.alphabet == Alphabet::ucs2 ? 0x08 : 0x00); // TP-DCS, no class
        write_timestamp(pdu, scts);
        std::vector<std::uint8_t> header;
        if (concatenated)
            header = concat_header(options, segments.size(), i + 1);
        write_user_data(pdu, header, segments[i], plan.alphabet);
        pdus.push_back(std::move(pdu));
    }
    return pdus;
}

Result<std::vector<std::uint8_t>> encode_status_report(std::uint8_t mr, const Address& recipient,
                                                       const Timestamp& scts, const Timestamp& discharge,
                                                       std::uint8_t status, std::string_view smsc)
{
    auto sc = parse_smsc_number(smsc);
    if (!sc)
        return sc.error();
    std::vector<std::uint8_t> pdu;
    write_smsc_address(pdu, *sc);
    pdu.push_back(mti_status_report | bit_no_more_messages);
    pdu.push_back(mr);
    write_address(pdu, recipient);
    write_timestamp(pdu, scts);
    write_timestamp(pdu, discharge);
    pdu.push_back(status);
    return pdu;
}

Result<std::vector<std::uint8_t>> encode_status_report(std::uint8_t mr, std::string_view recipient,
                                                       const Timestamp& scts, const Timestamp& discharge,
                                                       std::uint8_t status, std::string_view smsc)
{
    auto to = parse_address(recipient);
    if (!to)
        return make_error("TP-RA", to.error().message);
    return encode_status_report(mr, *to, scts, discharge, status, smsc);
}

std::size_t tpdu_length(std::span<const std::uint8_t> octets)
{
    if (octets.empty() || std::size_t{octets[0]} + 1 > octets.size())
        return 0;
    return octets.size() - 1 - octets[0];
}

} // namespace smsgate::sms
