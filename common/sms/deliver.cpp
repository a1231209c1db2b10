// deliver.cpp - the SMS-DELIVER and SMS-STATUS-REPORT encoders (3GPP TS
// 23.040 9.2.2.1, 9.2.2.3).
#include "sms/deliver.hpp"

#include "sms/pdu_writer.hpp"
#include "sms/submit.hpp"

namespace smsgate::sms {

namespace {

// TS 23.040 9.2.2.1: the first octet of an SMS-DELIVER as the SC writes it.
FirstOctet deliver_flags(const DeliverOptions& options, bool header)
{
    FirstOctet flags;
    flags.type = MessageType::deliver;
    flags.no_more_messages = !options.more_messages;
    flags.status_report = options.status_report_indication;
    flags.user_data_header = header;
    return flags;
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

    TextPlan plan = plan_text(text_utf8, TextOptions{options.transliterate, options.force_ucs2, options.national_tables});
    auto segments = split_for_reference(plan, options.reference_bits);
    if (segments.size() > max_parts)
        return make_error("text", "the text needs " + std::to_string(segments.size()) +
                                      " parts, more than the 255 a message can have");

    bool concatenated = segments.size() > 1;
    std::vector<std::vector<std::uint8_t>> pdus;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        std::optional<Concatenation> part;
        if (concatenated)
            part = Concatenation{options.reference, options.reference_bits, segments.size(), i + 1};
        PduWriter pdu(*smsc);
        pdu.first(deliver_flags(options, concatenated || plan.shifts.national()))
            .address(*from)
            .octet(options.pid)
            .coding(plan.alphabet) // no class
            .timestamp(scts)
            .user_data(segments[i], plan.alphabet, part, plan.shifts);
        pdus.push_back(pdu.take());
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
    FirstOctet flags;
    flags.type = MessageType::status_report;
    flags.no_more_messages = true;
    PduWriter pdu(*sc);
    pdu.first(flags).octet(mr).address(recipient).timestamp(scts).timestamp(discharge).octet(status);
    return pdu.take();
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
