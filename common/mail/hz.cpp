// hz.cpp - RFC 1843 HZ to EUC-CN.
#include "mail/hz.hpp"

namespace smsgate::mail {

std::string hz_to_euc_cn(std::string_view hz)
{
    std::string out;
    out.reserve(hz.size());
    bool gb = false;
    for (std::size_t i = 0; i < hz.size(); ++i) {
        char c = hz[i];
        char next = i + 1 < hz.size() ? hz[i + 1] : '\0';
        if (c == '~' && next == '}' && gb) {
            gb = false;
            ++i;
        } else if (c == '~' && next == '{' && !gb) {
            gb = true;
            ++i;
        } else if (c == '~' && next == '~' && !gb) {
            out += '~';
            ++i;
        } else if (c == '~' && (next == '\n' || next == '\r') && !gb) {
            ++i; // a soft line break: the line goes on
            if (next == '\r' && i + 1 < hz.size() && hz[i + 1] == '\n')
                ++i;
        } else if (c == '\n' || c == '\r') {
            gb = false;
            out += c;
        } else if (gb && c >= 0x21 && c <= 0x7E) {
            out += static_cast<char>(static_cast<unsigned char>(c) | 0x80);
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace smsgate::mail
