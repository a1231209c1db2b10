// text.hpp - small text helpers shared by the configuration, the policy
// and the mail code.
#pragma once

#include <string>
#include <string_view>

namespace smsgate {

// ASCII letters to lower case; every other octet as it is (UTF-8 stays intact).
inline std::string ascii_lower(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace smsgate
