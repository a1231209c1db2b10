// address.cpp - the plain-address rule of the [mail] section and the
// number map, and the written form of the addresses mails go back to.
#include "util/address.hpp"

#include "sms/utf8.hpp"

#include <algorithm>

namespace smsgate {

std::optional<std::string> address_problem(std::string_view address)
{
    if (address.size() > 254)
        return "longer than 254 octets";
    for (unsigned char c : address) {
        if (c <= 0x20 || c == 0x7F)
            return "white space or a control character";
        if (c > 0x7F)
            return "a character outside ASCII";
        if (std::string_view("<>\"()[],;:\\").find(static_cast<char>(c)) != std::string_view::npos)
            return std::string("'") + static_cast<char>(c) + "'";
    }
    auto at = address.find('@');
    if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos)
        return "not exactly one '@'";
    if (at == 0 || at + 1 == address.size())
        return "nothing on one side of the '@'";
    return std::nullopt;
}

namespace {

bool is_ascii_letter_or_digit(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext, with RFC 6532's UTF-8 (checked well-formed elsewhere).
bool is_atext(unsigned char c)
{
    return is_ascii_letter_or_digit(c) || c >= 0x80 ||
           std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) != std::string_view::npos;
}

// No C0, DEL or C1 control, and well-formed UTF-8.
std::optional<std::string> text_problem(std::string_view address)
{
    for (unsigned char c : address)
        if (c < 0x20 || c == 0x7F)
            return "a control character";
    if (std::any_of(address.begin(), address.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        auto points = sms::utf8_decode(address);
        if (sms::utf8_encode(points) != address)
            return "ill-formed UTF-8";
        if (std::any_of(points.begin(), points.end(), [](char32_t p) { return p >= 0x80 && p <= 0x9F; }))
            return "a control character";
    }
    return std::nullopt;
}

bool is_dot_atom(std::string_view text)
{
    if (text.empty() || text.front() == '.' || text.back() == '.' || text.find("..") != std::string_view::npos)
        return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == '.' || is_atext(static_cast<unsigned char>(c)); });
}

// "\"...\"" with every '"' and '\\' inside escaped.
bool is_quoted_string(std::string_view text)
{
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return false;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\') {
            if (++i + 1 >= text.size())
                return false; // the closing quote escaped
        } else if (text[i] == '"') {
            return false;
        }
    }
    return true;
}

std::string quoted(std::string_view local)
{
    std::string out = "\"";
    for (char c : local) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

bool is_domain(std::string_view domain)
{
    if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']')
        return std::none_of(domain.begin() + 1, domain.end() - 1, [](char c) {
            return c == '[' || c == ']' || c == '\\' || c == ' ';
        });
    if (domain.empty() || domain.front() == '.' || domain.find("..") != std::string_view::npos)
        return false;
    return std::all_of(domain.begin(), domain.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return is_ascii_letter_or_digit(u) || u >= 0x80 || c == '-' || c == '_' || c == '.';
    });
}

} // namespace

Result<std::string> written_address(std::string_view address)
{
    if (auto problem = text_problem(address))
        return make_error("address", *problem);
    auto at = address.rfind('@');
    if (at == std::string_view::npos)
        return make_error("address", "no '@'");
    auto local = address.substr(0, at);
    auto domain = address.substr(at + 1);
    if (!domain.empty() && domain.back() == '.' && domain.front() != '[')
        domain.remove_suffix(1);
    if (local.empty() || domain.empty())
        return make_error("address", "nothing on one side of the '@'");
    if (!is_domain(domain))
        return make_error("address", "not a domain after the '@'");
    std::string out = is_dot_atom(local) || is_quoted_string(local) ? std::string(local) : quoted(local);
    out += '@';
    out += domain;
    if (out.size() > max_address_octets)
        return make_error("address", "longer than " + std::to_string(max_address_octets) + " octets");
    return out;
}

} // namespace smsgate
