// table_text.cpp - logical lines and the words of an entry.
#include "policy/table_text.hpp"

#include <cstdio>

namespace smsgate::policy {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

Error at_line(int line, std::string message) { return make_error(std::to_string(line), std::move(message)); }

// Tabs are blanks; other control characters have no place in a table and
// would end up in an SMTP reply or an SMS.
std::string control_character(std::string_view text)
{
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", u);
            return hex;
        }
    }
    return {};
}

} // namespace

Result<std::vector<LogicalLine>> read_logical_lines(std::istream& in)
{
    std::vector<LogicalLine> entries;
    std::string text;
    int number = 0;
    while (std::getline(in, text)) {
        ++number;
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        const auto first = text.find_first_not_of(" \t");
        if (first == std::string::npos || text[first] == '#')
            continue;
        if (auto c = control_character(text); !c.empty())
            return at_line(number, "control character " + c + " in the line");
        if (first > 0) {
            if (entries.empty())
                return at_line(number, "continuation line (it starts with a blank) with no entry before it");
            entries.back().lines.push_back({number, std::move(text)});
        } else {
            entries.push_back({{{number, std::move(text)}}});
        }
    }
    if (in.bad())
        return at_line(number + 1, "read error");
    return entries;
}

void Words::skip_blanks()
{
    while (line_ < entry_.lines.size()) {
        while (pos_ < text().size() && blank(text()[pos_]))
            ++pos_;
        if (pos_ < text().size())
            return;
        if (line_ + 1 == entry_.lines.size())
            return; // stay on the last line, at its end
        ++line_;
        pos_ = 0;
    }
}

bool Words::done()
{
    skip_blanks();
    return pos_ >= text().size();
}

int Words::line() const { return entry_.lines[line_].number; }

std::string_view Words::word()
{
    skip_blanks();
    const auto start = pos_;
    while (pos_ < text().size() && !blank(text()[pos_]))
        ++pos_;
    return std::string_view(text()).substr(start, pos_ - start);
}

Result<std::string> Words::quoted_value(const std::string& name)
{
    std::string value;
    ++pos_; // the opening quote
    while (pos_ < text().size() && text()[pos_] != '"') {
        if (text()[pos_] == '\\' && pos_ + 1 < text().size())
            ++pos_;
        value.push_back(text()[pos_++]);
    }
    if (pos_ >= text().size())
        return at_line(line(), "the quoted value of '" + name + "' does not end on its line");
    ++pos_; // the closing quote
    if (pos_ < text().size() && !blank(text()[pos_]))
        return at_line(line(), "text right after the quoted value of '" + name + "'");
    return value;
}

Result<Attribute> Words::attribute()
{
    skip_blanks();
    const auto start = pos_;
    while (pos_ < text().size() && !blank(text()[pos_]) && text()[pos_] != '=')
        ++pos_;
    Attribute a{text().substr(start, pos_ - start), {}, false, line()};
    if (pos_ >= text().size() || text()[pos_] != '=')
        return at_line(a.line, "expected ATTRIBUTE=VALUE, found '" + a.name + "'");
    ++pos_; // '='
    if (pos_ < text().size() && text()[pos_] == '"') {
        auto value = quoted_value(a.name);
        if (!value)
            return value.error();
        a.value = std::move(*value);
        a.quoted = true;
        return a;
    }
    const auto value_start = pos_;
    while (pos_ < text().size() && !blank(text()[pos_]))
        ++pos_;
    a.value = text().substr(value_start, pos_ - value_start);
    if (a.value.find('"') != std::string::npos)
        return at_line(a.line, "a quote inside the value of '" + a.name + "' (quote the whole value: " + a.name +
                                   "=\"...\")");
    return a;
}

} // namespace smsgate::policy
