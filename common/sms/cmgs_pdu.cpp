// cmgs_pdu.cpp - an SMSC address in front of a TPDU.
#include "sms/cmgs_pdu.hpp"

#include "sms/hex.hpp"
#include "sms/pdu_fields.hpp"
#include "sms/submit.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace smsgate::sms {

std::string cmgs_pdu_hex(std::initializer_list<std::string_view> smscs, std::string_view tpdu_hex)
{
    std::optional<Address> smsc;
    for (std::string_view candidate : smscs) {
        auto parsed = parse_smsc_number(candidate);
        if (parsed && *parsed) {
            smsc = **parsed;
            break;
        }
    }
    std::vector<std::uint8_t> address;
    write_smsc_address(address, smsc);
    return to_hex(address) + std::string(tpdu_hex);
}

} // namespace smsgate::sms
