// directives.cpp - reading "@set", "@submit" and "!" lines.
#include "directives.hpp"

#include <algorithm>

namespace smsgate::transcript {

namespace {

bool blank(char c)
{
    return c == ' ' || c == '\t';
}

// A quoted value at text[i] (the opening quote); i moves past its end.
Result<std::string> quoted(std::string_view text, std::size_t& i)
{
    std::string out;
    for (++i; i < text.size(); ++i) {
        if (text[i] == '"') {
            ++i;
            return out;
        }
        if (text[i] == '\\') {
            if (i + 1 >= text.size() || (text[i + 1] != '"' && text[i + 1] != '\\'))
                return make_error("value", "inside quotes, a backslash comes before \" or \\ only");
            ++i;
        }
        out += text[i];
    }
    return make_error("value", "a quoted value has no closing quote");
}

bool has_key(const std::vector<std::string_view>& keys, std::string_view key)
{
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string joined(const std::vector<std::string_view>& keys)
{
    std::string out;
    for (auto k : keys)
        out += (out.empty() ? "" : ", ") + std::string(k);
    return out.empty() ? "none" : out;
}

} // namespace

Result<std::vector<Field>> parse_fields(std::string_view text)
{
    std::vector<Field> fields;
    std::size_t i = 0;
    while (true) {
        while (i < text.size() && blank(text[i]))
            ++i;
        if (i == text.size())
            return fields;
        auto eq = text.find('=', i);
        auto end = std::find_if(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), blank) - text.begin();
        if (eq == std::string_view::npos || eq > static_cast<std::size_t>(end) || eq == i)
            return make_error("field", "expected key=value, found \"" + std::string(text.substr(i, end - i)) + "\"");
        Field f{std::string(text.substr(i, eq - i)), {}};
        i = eq + 1;
        if (i < text.size() && text[i] == '"') {
            auto value = quoted(text, i);
            if (!value)
                return value.error();
            f.value = std::move(value).value();
            if (i < text.size() && !blank(text[i]))
                return make_error("field", f.key + ": a blank must follow the closing quote");
        } else {
            auto stop = i;
            while (stop < text.size() && !blank(text[stop]))
                ++stop;
            f.value = std::string(text.substr(i, stop - i));
            i = stop;
        }
        if (std::any_of(fields.begin(), fields.end(), [&](const Field& g) { return g.key == f.key; }))
            return make_error("field", f.key + " is given twice");
        fields.push_back(std::move(f));
    }
}

Result<Setting> parse_setting(std::string_view text, int line)
{
    auto fields = parse_fields(text);
    if (!fields)
        return fields.error();
    if (fields->size() != 1)
        return make_error("@set", "wants one key=value");
    return Setting{line, {}, (*fields)[0].key, (*fields)[0].value};
}

Result<Submission> parse_submission(std::string_view text, int line)
{
    auto fields = parse_fields(text);
    if (!fields)
        return fields.error();
    Submission s{line, {}, {}};
    bool has_text = false;
    for (const auto& f : *fields) {
        if (f.key == "text") {
            s.text = f.value;
            has_text = true;
        } else if (f.key == "number") {
            s.number = f.value;
        } else {
            return make_error("@submit", "unknown key " + f.key + " (text=, number=)");
        }
    }
    if (!has_text)
        return make_error("@submit", "wants text=...");
    return s;
}

const std::vector<ExpectationKind>& expectation_kinds()
{
    // README.md says what each one checks.
    static const std::vector<ExpectationKind> kinds = {
        {"sent", {"mr"}, {"job"}},
        {"retry", {"dsn"}, {"job", "reason", "attempts"}},
        {"failed", {"dsn"}, {"job", "reason"}},
        {"deferred", {"dsn"}, {"job", "reason", "attempts"}},
        {"report", {"st"}, {"job", "part"}},
        {"received", {"from", "text"}, {"smsc"}},
        {"deleted", {"storage", "index"}, {"pdu"}},
        {"undecodable", {"pdu"}, {}},
        {"status", {}, {"model", "operator", "signal", "registration", "sent", "failed", "received", "error"}},
        {"told", {"jobs"}, {}},
        {"took", {"min_ms"}, {}},
    };
    return kinds;
}

Result<Expectation> parse_expectation(std::string_view text, int line)
{
    auto space = std::find_if(text.begin(), text.end(), blank) - text.begin();
    Expectation e{line, std::string(text.substr(0, space)), {}, std::string(text)};
    const auto& kinds = expectation_kinds();
    auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const ExpectationKind& k) { return k.name == e.kind; });
    if (kind == kinds.end()) {
        std::string names;
        for (const auto& k : kinds)
            names += (names.empty() ? "" : ", ") + std::string(k.name);
        return make_error("!", "unknown expectation \"" + e.kind + "\" (" + names + ")");
    }
    auto fields = parse_fields(text.substr(space));
    if (!fields)
        return fields.error();
    e.fields = std::move(fields).value();
    for (const auto& f : e.fields)
        if (!has_key(kind->required, f.key) && !has_key(kind->optional, f.key))
            return make_error("!", e.kind + ": unknown key " + f.key + " (required: " + joined(kind->required) +
                                       "; optional: " + joined(kind->optional) + ")");
    for (auto key : kind->required)
        if (!e.get(key))
            return make_error("!", e.kind + ": " + std::string(key) + "= is missing");
    if (e.fields.empty())
        return make_error("!", e.kind + ": says nothing (keys: " + joined(kind->optional) + ")");
    return e;
}

const std::string* Expectation::get(std::string_view key) const
{
    for (const auto& f : fields)
        if (f.key == key)
            return &f.value;
    return nullptr;
}

} // namespace smsgate::transcript
