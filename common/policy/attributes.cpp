// attributes.cpp - one reader per attribute, checked against the values
// that smsgate-senders(5) lists.
#include "policy/attributes.hpp"

#include "sms/utf8.hpp"

#include <algorithm>
#include <charconv>

namespace smsgate::policy {

namespace {

Status bad(std::string message) { return make_error("", std::move(message)); }

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string joined(std::span<const std::string_view> names, std::string_view last_separator)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += i + 1 == names.size() ? last_separator : ", ";
        out += names[i];
    }
    return out;
}

std::vector<std::string_view> split(std::string_view list)
{
    std::vector<std::string_view> items;
    for (;;) {
        const auto comma = list.find(',');
        items.push_back(list.substr(0, comma));
        if (comma == std::string_view::npos)
            return items;
        list.remove_prefix(comma + 1);
    }
}

// Decimal digits only, within [min, max].
std::optional<int> number(std::string_view text, int min, int max)
{
    int n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || text.front() == '-' || ec != std::errc() || end != text.data() + text.size() || n < min ||
        n > max)
        return std::nullopt;
    return n;
}

bool all_of(std::string_view text, char low, char high)
{
    return std::all_of(text.begin(), text.end(), [=](char c) { return c >= low && c <= high; });
}

// E.164 allows 15 digits, country code included.
bool destination(std::string_view item)
{
    if (item.size() >= 2 && item.size() <= 16 && item.front() == '+')
        return all_of(item.substr(1), '0', '9');
    return item.size() == 2 && all_of(item, 'A', 'Z');
}

Status read_auth(Attributes& a, std::string_view value)
{
    if (value != "yes" && value != "no")
        return bad("bad value " + quoted(value) + " for auth: yes or no");
    a.require_auth = value == "yes";
    return Done{};
}

Status read_destinations(Attributes& a, std::string_view value)
{
    std::vector<std::string> list;
    if (value != "all") {
        for (auto item : split(value)) {
            if (!destination(item))
                return bad("bad destination " + quoted(item) +
                           ": a prefix such as +32 or an upper-case region code such as LU, or all");
            list.emplace_back(item);
        }
    }
    a.destinations = std::move(list);
    return Done{};
}

Status read_types(Attributes& a, std::string_view value)
{
    std::vector<std::string> list;
    for (auto item : split(value)) {
        if (std::find(number_type_names.begin(), number_type_names.end(), item) == number_type_names.end())
            return bad("unknown number type " + quoted(item) + " in types: " + joined(number_type_names, " or "));
        list.emplace_back(item);
    }
    a.types = std::move(list);
    return Done{};
}

Status read_parts(Attributes& a, std::string_view value)
{
    a.max_parts = number(value, 1, 255);
    if (!a.max_parts)
        return bad("bad value " + quoted(value) + " for parts: a number from 1 to 255");
    return Done{};
}

Status read_recipients(Attributes& a, std::string_view value)
{
    a.max_recipients = number(value, 1, 1000);
    if (!a.max_recipients)
        return bad("bad value " + quoted(value) + " for recipients: a number from 1 to 1000");
    return Done{};
}

Status read_quota(Attributes& a, std::string_view value)
{
    const auto wrong = [&] {
        return bad("bad value " + quoted(value) + " for quota: N/hour, N/day, both (50/hour,200/day) or none");
    };
    Quota quota;
    if (value != "none") {
        for (auto item : split(value)) {
            const auto slash = item.find('/');
            if (slash == std::string_view::npos)
                return wrong();
            const auto n = number(item.substr(0, slash), 1, 1'000'000);
            const auto unit = item.substr(slash + 1);
            int* limit = unit == "hour" ? &quota.per_hour : unit == "day" ? &quota.per_day : nullptr;
            if (!n || !limit || *limit != 0)
                return wrong();
            *limit = *n;
        }
    }
    a.quota = quota;
    return Done{};
}

Status read_notify(Attributes& a, std::string_view value)
{
    auto level = notify_level_from_word(value);
    if (!level)
        return bad("bad value " + quoted(value) + " for notify: " + joined(notify_level_words, " or "));
    a.notify = *level;
    return Done{};
}

Status read_prefix(Attributes& a, std::string_view value)
{
    // Valid UTF-8 survives decoding and encoding unchanged.
    if (sms::utf8_encode(sms::utf8_decode(value)) != value)
        return bad("bad value for prefix: not UTF-8");
    a.prefix = std::string(value);
    return Done{};
}

Status read_language(Attributes& a, std::string_view value)
{
    if (value.size() != 2 || !all_of(value, 'a', 'z'))
        return bad("bad value " + quoted(value) + " for language: two lower-case letters (en, nl)");
    a.language = std::string(value);
    return Done{};
}

struct Spec {
    std::string_view name;
    Status (*read)(Attributes&, std::string_view);
    bool (*set)(const Attributes&);
};

constexpr Spec specs[] = {
    {"auth", read_auth, [](const Attributes& a) { return a.require_auth.has_value(); }},
    {"destinations", read_destinations, [](const Attributes& a) { return a.destinations.has_value(); }},
    {"types", read_types, [](const Attributes& a) { return a.types.has_value(); }},
    {"parts", read_parts, [](const Attributes& a) { return a.max_parts.has_value(); }},
    {"recipients", read_recipients, [](const Attributes& a) { return a.max_recipients.has_value(); }},
    {"quota", read_quota, [](const Attributes& a) { return a.quota.has_value(); }},
    {"notify", read_notify, [](const Attributes& a) { return a.notify.has_value(); }},
    {"prefix", read_prefix, [](const Attributes& a) { return a.prefix.has_value(); }},
    {"language", read_language, [](const Attributes& a) { return a.language.has_value(); }},
};

constexpr auto names = [] {
    std::array<std::string_view, std::size(specs)> out{};
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = specs[i].name;
    return out;
}();

const Spec* find_spec(std::string_view name)
{
    for (const auto& spec : specs)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

template <typename T>
void over(const std::optional<T>& setting, T& value)
{
    if (setting)
        value = *setting;
}

} // namespace

std::span<const std::string_view> attribute_names() { return names; }

bool is_attribute(std::string_view word)
{
    const auto equals = word.find('=');
    return equals != std::string_view::npos && find_spec(word.substr(0, equals));
}

Status set_attribute(Attributes& attributes, const Attribute& attribute)
{
    const auto at_line = [&](std::string message) { return make_error(std::to_string(attribute.line), message); };
    const Spec* spec = find_spec(attribute.name);
    if (!spec)
        return at_line("unknown attribute " + quoted(attribute.name));
    if (spec->set(attributes))
        return at_line("attribute " + quoted(attribute.name) + " given twice");
    if (attribute.value.empty() && !attribute.quoted)
        return at_line("attribute " + quoted(attribute.name) + " has no value");
    if (auto read = spec->read(attributes, attribute.value); !read)
        return at_line(read.error().message);
    return Done{};
}

void apply(const Attributes& attributes, SenderPolicy& policy)
{
    over(attributes.require_auth, policy.require_auth);
    over(attributes.destinations, policy.destinations);
    over(attributes.types, policy.types);
    over(attributes.max_parts, policy.max_parts);
    over(attributes.max_recipients, policy.max_recipients);
    over(attributes.quota, policy.quota);
    over(attributes.notify, policy.notify);
    over(attributes.prefix, policy.prefix);
    over(attributes.language, policy.language);
}

} // namespace smsgate::policy
