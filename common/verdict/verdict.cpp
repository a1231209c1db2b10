// verdict.cpp - enhanced status codes to and from text.
#include "verdict/verdict.hpp"

namespace smsgate {

std::string_view verdict_class_name(VerdictClass c)
{
    switch (c) {
    case VerdictClass::ok: return "ok";
    case VerdictClass::temporary: return "temporary";
    case VerdictClass::permanent: return "permanent";
    }
    return "temporary";
}

std::optional<StatusCode> StatusCode::parse(std::string_view text)
{
    int part[3] = {0, 0, 0};
    std::size_t at = 0;
    for (int i = 0; i < 3; ++i) {
        std::size_t digits = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            part[i] = part[i] * 10 + (text[at++] - '0');
            ++digits;
        }
        if (digits == 0 || digits > 3 || (i == 0 && digits != 1))
            return std::nullopt;
        if (i < 2) {
            if (at >= text.size() || text[at] != '.')
                return std::nullopt;
            ++at;
        }
    }
    if (at != text.size() || (part[0] != 2 && part[0] != 4 && part[0] != 5))
        return std::nullopt;
    return StatusCode(part[0], part[1], part[2]);
}

std::string StatusCode::str() const
{
    return std::to_string(klass) + "." + std::to_string(subject) + "." + std::to_string(detail);
}

} // namespace smsgate
