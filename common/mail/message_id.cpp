// message_id.cpp - the gateway's Message-IDs (see message_id.hpp).
#include "mail/message_id.hpp"

#include <cctype>

namespace smsgate::mail {

namespace {

constexpr std::string_view id_start = "smsgate.";

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

} // namespace

std::string gateway_message_id(std::string_view key, long long now, std::string_view unique)
{
    std::string id = std::string(id_start) + std::to_string(now) + ".";
    for (char c : key)
        id += (c == ':' ? '.' : c);
    if (!unique.empty())
        id += "." + std::string(unique);
    return id;
}

bool is_gateway_message_id(std::string_view id)
{
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
        id = id.substr(1, id.size() - 2);
    auto at = id.rfind('@');
    if (at == std::string_view::npos || at + 1 == id.size())
        return false;
    std::string_view left = id.substr(0, at);
    if (left.substr(0, id_start.size()) != id_start)
        return false;
    std::size_t i = id_start.size();
    std::size_t digits = i;
    while (i < left.size() && digit(left[i]))
        ++i;
    return i > digits && i + 1 < left.size() && left[i] == '.';
}

} // namespace smsgate::mail
