// Fuzz target: the PDU decoder, and the reports smsgatectl makes of what it
// decodes, must give a value or an error for any octets, never a crash or a
// sanitizer report. The first octet chooses the decoding options, so that
// the SMSC and +CMGL-length paths are fuzzed too.
#include "pdu_report.hpp"
#include "sms/pdu.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    smsgate::sms::DecodeOptions options;
    options.has_smsc = (data[0] & 0x01) != 0;
    if (data[0] & 0x02)
        options.tpdu_length = data[0] >> 2;
    auto pdu = smsgate::sms::decode_pdu(std::span(data + 1, size - 1), options);
    if (pdu.ok()) {
        auto text = smsgate::ctl::describe_pdu(*pdu);
        auto json = smsgate::ctl::pdu_json(*pdu);
        if (text.empty() || json.empty())
            __builtin_trap();
    } else if (pdu.error().message.empty()) {
        __builtin_trap(); // every error says what is wrong
    }
    return 0;
}
