// hex.cpp - hexadecimal text to octets and back.
#include "sms/hex.hpp"

namespace smsgate::sms {

std::string to_hex(std::span<const std::uint8_t> octets)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(octets.size() * 2);
    for (std::uint8_t o : octets) {
        out.push_back(digits[o >> 4]);
        out.push_back(digits[o & 0x0F]);
    }
    return out;
}

namespace {

int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

} // namespace

Result<std::vector<std::uint8_t>> from_hex(std::string_view text)
{
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 2);
    int high = -1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (blank(c))
            continue;
        int n = nibble(c);
        if (n < 0)
            return make_error("hex", "character " + std::to_string(i + 1) + " is not a hex digit");
        if (high < 0) {
            high = n;
        } else {
            out.push_back(static_cast<std::uint8_t>(high << 4 | n));
            high = -1;
        }
    }
    if (high >= 0)
        return make_error("hex", "odd number of hex digits");
    return out;
}

} // namespace smsgate::sms
