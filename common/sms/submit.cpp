// submit.cpp - the SMS-SUBMIT encoder (3GPP TS 23.040 9.2.2.2).
#include "sms/submit.hpp"

#include "sms/gsm7.hpp"
#include "sms/hex.hpp"
#include "sms/pdu_fields.hpp"
#include "sms/pdu_writer.hpp"
#include "sms/utf8.hpp"
#include "sms/validity.hpp"

#include <algorithm>
#include <span>

namespace smsgate::sms {

namespace {

constexpr std::uint8_t toa_international = 0x91;
constexpr std::uint8_t toa_unknown = 0x81;
constexpr std::uint8_t toa_alphanumeric = 0xD0;
constexpr std::size_t max_digits = 20;
constexpr std::size_t max_alphanumeric_septets = 11;

// TS 23.040 9.2.3.3: TP-VPF for a relative TP-VP.
constexpr unsigned vpf_relative = 2;
// The concatenation reference AT+CMGS parts carry has 8 bits.
constexpr int reference_bits = 8;

// TS 23.040 9.2.2.2: TP-RD, TP-VPF, TP-SRR, TP-UDHI of an SMS-SUBMIT.
FirstOctet submit_flags(const SubmitOptions& options, bool header)
{
    FirstOctet flags;
    flags.type = MessageType::submit;
    flags.reject_duplicates = options.reject_duplicates;
    flags.validity_format = options.validity_minutes ? vpf_relative : 0;
    flags.status_report = options.status_report;
    flags.user_data_header = header;
    return flags;
}

bool all_digits(std::string_view s)
{
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace

std::string SubmitPart::hex() const { return to_hex(octets); }

std::string SubmitPart::tpdu_hex() const
{
    return to_hex(std::span<const std::uint8_t>(octets).last(std::min(tpdu_length, octets.size())));
}

Result<Address> parse_address(std::string_view text)
{
    if (text.empty())
        return make_error("address", "empty address");
    if (text.front() == '+') {
        auto digits = text.substr(1);
        if (!all_digits(digits))
            return make_error("address", "'" + std::string(text) + "' has characters other than digits after +");
        if (digits.size() > max_digits)
            return make_error("address", "'" + std::string(text) + "' has more than 20 digits");
        return Address{toa_international, std::string(digits)};
    }
    if (valid_semi_octet_digits(text) && text.find_first_of("0123456789") != std::string_view::npos) {
        if (text.size() > max_digits)
            return make_error("address", "'" + std::string(text) + "' has more than 20 digits");
        return Address{toa_unknown, std::string(text)};
    }
    auto septets = gsm7_length(utf8_decode(text));
    if (!septets)
        return make_error("address", "'" + std::string(text) + "' is neither a number nor GSM 7-bit text");
    if (*septets > max_alphanumeric_septets)
        return make_error("address", "alphanumeric address '" + std::string(text) +
                                         "' is longer than 11 GSM characters");
    return Address{toa_alphanumeric, std::string(text)};
}

Result<std::optional<Address>> parse_smsc_number(std::string_view smsc)
{
    if (smsc.empty())
        return std::optional<Address>{};
    auto parsed = parse_address(smsc);
    if (!parsed || parsed->alphanumeric())
        return make_error("SMSC", "'" + std::string(smsc) + "' is not an SMSC number");
    return std::optional<Address>{*parsed};
}

Result<std::vector<SubmitPart>> encode_submit(const Address& destination, const TextPlan& plan,
                                              const SubmitOptions& options, std::uint8_t reference)
{
    if (plan.parts > max_parts)
        return make_error("text", "the text needs " + std::to_string(plan.parts) +
                                      " parts, more than the 255 a message can have");
    auto smsc = parse_smsc_number(options.smsc);
    if (!smsc)
        return smsc.error();
    if (options.message_class && (*options.message_class < 0 || *options.message_class > 3))
        return make_error("TP-DCS", "message class must be 0, 1, 2 or 3");
    if (options.validity_minutes && *options.validity_minutes <= 0)
        return make_error("TP-VP", "validity period must be at least one minute");

    auto segments = split_for_reference(plan, reference_bits);
    bool concatenated = segments.size() > 1;
    std::vector<SubmitPart> parts;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        std::optional<Concatenation> part;
        if (concatenated)
            part = Concatenation{reference, reference_bits, segments.size(), i + 1};
        PduWriter pdu(*smsc);
        pdu.first(submit_flags(options, concatenated || plan.shifts.national()))
            .octet(0x00) // TP-MR: the modem assigns it and reports it in +CMGS
            .address(destination)
            .octet(options.pid)
            .coding(plan.alphabet, options.message_class);
        if (options.validity_minutes)
            pdu.octet(relative_vp_from_minutes(*options.validity_minutes));
        pdu.user_data(segments[i], plan.alphabet, part, plan.shifts);
        std::size_t tpdu_length = pdu.tpdu_length();
        parts.push_back(SubmitPart{pdu.take(), tpdu_length});
    }
    return parts;
}

Result<std::vector<SubmitPart>> encode_submit(std::string_view destination, std::string_view text_utf8,
                                              const SubmitOptions& options, std::uint8_t reference)
{
    auto address = parse_address(destination);
    if (!address)
        return address.error();
    return encode_submit(*address, plan_text(text_utf8, options.text), options, reference);
}

} // namespace smsgate::sms
