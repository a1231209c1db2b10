// postfix_list.cpp - Postfix lists, time values and domain lists.
#include "postfix_list.hpp"

#include "util/text.hpp"

#include <cctype>

namespace smsgate::ctl {

std::vector<std::string> postfix_list(std::string_view value)
{
    std::vector<std::string> items;
    std::string item;
    int depth = 0;
    for (char c : value) {
        bool separator = c == ',' || std::isspace(static_cast<unsigned char>(c));
        if (separator && depth == 0) {
            if (!item.empty())
                items.push_back(std::move(item));
            item.clear();
            continue;
        }
        depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
        item += c;
    }
    if (!item.empty())
        items.push_back(std::move(item));
    return items;
}

std::optional<long> postfix_seconds(std::string_view value)
{
    std::size_t digits = 0;
    while (digits < value.size() && std::isdigit(static_cast<unsigned char>(value[digits])))
        ++digits;
    if (digits == 0 || digits > 9 || value.size() > digits + 1)
        return std::nullopt;
    long number = std::stol(std::string(value.substr(0, digits)));
    char unit = digits < value.size() ? value[digits] : 's';
    switch (unit) {
    case 's': return number;
    case 'm': return number * 60;
    case 'h': return number * 3600;
    case 'd': return number * 86400;
    case 'w': return number * 604800;
    default: return std::nullopt;
    }
}

bool is_table(std::string_view item)
{
    auto colon = item.find(':');
    return colon != std::string_view::npos && colon > 0 && item.front() != '/';
}

namespace {

// The domain and, when subdomains count, each of its parents.
std::vector<std::string> keys_for(const std::string& domain, bool subdomains)
{
    std::vector<std::string> keys{domain};
    for (auto dot = domain.find('.'); subdomains && dot != std::string::npos; dot = domain.find('.', dot + 1))
        keys.push_back(domain.substr(dot + 1));
    return keys;
}

bool item_matches(const std::string& item, const std::string& domain, bool subdomains, const TableLookup& lookup)
{
    if (is_table(item)) {
        for (const auto& key : keys_for(domain, subdomains))
            if (lookup(item, key))
                return true;
        return false;
    }
    if (item == domain)
        return true;
    if (item.size() > 1 && item.front() == '.')
        return domain.size() > item.size() && domain.ends_with(item);
    return subdomains && domain.ends_with("." + item);
}

} // namespace

bool domain_in_list(std::string_view value, std::string_view domain, bool subdomains, const TableLookup& lookup)
{
    auto name = ascii_lower(domain);
    while (!name.empty() && name.back() == '.')
        name.pop_back();
    for (const auto& raw : postfix_list(value)) {
        bool negated = raw.front() == '!';
        auto item = negated ? raw.substr(1) : raw;
        if (!is_table(item))
            item = ascii_lower(item);
        if (item_matches(item, name, subdomains, lookup))
            return !negated;
    }
    return false;
}

} // namespace smsgate::ctl
