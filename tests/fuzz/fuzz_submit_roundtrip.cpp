// Fuzz target: any UTF-8 (or not) text encodes to SMS-SUBMIT parts that
// decode back to the planned text, each part within 140 octets of user data,
// with or without a national language allowed (bits 3-6 of the first octet:
// its identifier, 0 none, 14 and 15 none the standard defines).
#include "sms/pdu.hpp"
#include "sms/submit.hpp"
#include "sms/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0 || size > 4000)
        return 0;
    using namespace smsgate::sms;
    SubmitOptions options;
    options.text.transliterate = (data[0] & 0x01) != 0;
    options.text.force_ucs2 = (data[0] & 0x02) != 0;
    options.status_report = (data[0] & 0x04) != 0;
    if (auto language = static_cast<std::uint8_t>((data[0] >> 3) & 0x0F); language != 0)
        options.text.national_tables = {language};
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    auto plan = plan_text(text, options.text);
    Address to{0x91, "32477324847"};
    auto parts = encode_submit(to, plan, options, data[0]);
    if (!parts.ok()) {
        if (plan.parts <= max_parts)
            __builtin_trap(); // only an over-long text may be refused
        return 0;
    }
    if (parts->size() != plan.parts)
        __builtin_trap();
    std::string utf8;
    for (const auto& part : *parts) {
        // first octet, TP-MR, 8-octet TP-DA, TP-PID, TP-DCS, TP-UDL, 140 octets
        if (part.tpdu_length > 1 + 1 + 8 + 1 + 1 + 1 + 140)
            __builtin_trap();
        auto pdu = decode_pdu(part.octets);
        if (!pdu.ok() || !pdu->warnings.empty())
            __builtin_trap();
        utf8 += pdu->text;
    }
    if (utf8 != utf8_encode(plan.text))
        __builtin_trap();
    return 0;
}
