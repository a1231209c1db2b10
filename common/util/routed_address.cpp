// routed_address.cpp - an envelope address reduced to what routes it.
#include "util/routed_address.hpp"

#include "util/text.hpp"

namespace smsgate {

namespace {

// A quoted string from its opening quote: the text inside, with the
// backslash escapes undone, and where the rest begins.
std::string_view::size_type unquote(std::string_view s, std::string& out)
{
    std::string_view::size_type i = 1;
    for (; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size())
            out += s[++i];
        else if (s[i] == '"')
            return i + 1;
        else
            out += s[i];
    }
    return i; // unterminated: everything was text
}

} // namespace

std::string routed_domain(std::string_view domain)
{
    while (!domain.empty() && domain.back() == '.')
        domain.remove_suffix(1);
    return ascii_lower(domain);
}

RoutedAddress routed_address(std::string_view a)
{
    if (a.size() >= 2 && a.front() == '<' && a.back() == '>')
        a = a.substr(1, a.size() - 2);
    // "@relay1,@relay2:user@domain": the route goes, the mailbox stays.
    if (!a.empty() && a.front() == '@') {
        if (auto colon = a.find(':'); colon != std::string_view::npos)
            a = a.substr(colon + 1);
    }
    RoutedAddress r;
    if (!a.empty() && a.front() == '"') {
        auto rest = a.substr(unquote(a, r.local));
        auto at = rest.rfind('@');
        r.local.append(rest.substr(0, at == std::string_view::npos ? rest.size() : at));
        if (at != std::string_view::npos)
            r.domain = routed_domain(rest.substr(at + 1));
    } else {
        auto at = a.rfind('@');
        r.local = std::string(a.substr(0, at == std::string_view::npos ? a.size() : at));
        if (at != std::string_view::npos)
            r.domain = routed_domain(a.substr(at + 1));
    }
    // "site!user" without a domain is "user@site".
    if (r.domain.empty()) {
        auto bang = r.local.find('!');
        if (bang != std::string::npos && bang > 0) {
            r.domain = routed_domain(std::string_view(r.local).substr(0, bang));
            r.local.erase(0, bang + 1);
        }
    }
    return r;
}

} // namespace smsgate
