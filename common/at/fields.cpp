// fields.cpp - splitting the arguments of an information response into
// fields (V.250 5.7.2: comma-separated; strings in double quotes; the
// ranges and lists of a test command's answer in parentheses).
#include "at/fields.hpp"

#include <cctype>

namespace smsgate::at {

namespace {

bool blank(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trim_blanks(std::string_view text)
{
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    return text;
}

// Reads one field starting at `pos` (blanks already skipped) and leaves `pos`
// on the comma that ends it, or at the end.
Result<Field> read_field(std::string_view args, std::size_t& pos, std::string_view what)
{
    Field field;
    if (pos < args.size() && args[pos] == '"') {
        auto close = args.find('"', pos + 1);
        if (close == std::string_view::npos)
            return make_error(std::string(what), "quoted string without its closing quote");
        field.kind = Field::Kind::quoted;
        field.text = std::string(args.substr(pos + 1, close - pos - 1));
        pos = close + 1;
        while (pos < args.size() && blank(args[pos]))
            ++pos;
        if (pos < args.size() && args[pos] != ',')
            return make_error(std::string(what), "text after a closing quote");
        return field;
    }
    if (pos < args.size() && args[pos] == '(') {
        bool in_quotes = false;
        std::size_t end = pos + 1;
        for (; end < args.size(); ++end) {
            if (args[end] == '"')
                in_quotes = !in_quotes;
            else if (args[end] == ')' && !in_quotes)
                break;
        }
        if (end == args.size())
            return make_error(std::string(what), "list without its closing parenthesis");
        field.kind = Field::Kind::group;
        field.text = std::string(args.substr(pos, end - pos + 1));
        pos = end + 1;
        while (pos < args.size() && blank(args[pos]))
            ++pos;
        if (pos < args.size() && args[pos] != ',')
            return make_error(std::string(what), "text after a closing parenthesis");
        return field;
    }
    auto comma = args.find(',', pos);
    auto end = comma == std::string_view::npos ? args.size() : comma;
    field.text = std::string(trim_blanks(args.substr(pos, end - pos)));
    pos = end;
    return field;
}

} // namespace

Result<std::string_view> strip_prefix(std::string_view line, std::string_view prefix)
{
    if (!line.starts_with(prefix))
        return make_error(std::string(prefix), "line does not start with it");
    return trim_blanks(line.substr(prefix.size()));
}

Result<std::vector<Field>> split_fields(std::string_view args, std::string_view what)
{
    std::vector<Field> fields;
    std::size_t pos = 0;
    while (true) {
        while (pos < args.size() && blank(args[pos]))
            ++pos;
        auto field = read_field(args, pos, what);
        if (!field)
            return field.error();
        fields.push_back(std::move(field).value());
        if (pos >= args.size())
            return fields;
        ++pos; // the comma
    }
}

Result<std::vector<Field>> response_fields(std::string_view line, std::string_view prefix)
{
    auto args = strip_prefix(line, prefix);
    if (!args)
        return args.error();
    auto name = prefix;
    if (name.ends_with(':'))
        name.remove_suffix(1);
    return split_fields(*args, name);
}

Result<int> to_int(const Field& field, std::string_view name, int min, int max)
{
    std::string_view digits = trim_blanks(field.text);
    if (digits.empty())
        return make_error(std::string(name), "missing");
    if (digits.size() > 9)
        return make_error(std::string(name), "'" + std::string(digits) + "' is too long for a number");
    int value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return make_error(std::string(name), "'" + std::string(digits) + "' is not a number");
        value = value * 10 + (c - '0');
    }
    if (value < min || value > max)
        return make_error(std::string(name), std::to_string(value) + " is outside " + std::to_string(min) + "-" +
                                                 std::to_string(max));
    return value;
}

Result<Field> field_at(const std::vector<Field>& fields, std::size_t index, std::string_view name)
{
    if (index >= fields.size())
        return make_error(std::string(name), "missing (only " + std::to_string(fields.size()) + " fields)");
    return fields[index];
}

bool is_hex_line(std::string_view line)
{
    if (line.empty())
        return false;
    for (char c : line)
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

std::string fold_text(std::string_view text)
{
    std::string folded;
    folded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i).starts_with("(U)") || text.substr(i).starts_with("(u)")) {
            i += 2;
            continue;
        }
        char c = text[i];
        if (blank(c)) {
            if (!folded.empty() && folded.back() != ' ')
                folded.push_back(' ');
            continue;
        }
        folded.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (!folded.empty() && folded.back() == ' ')
        folded.pop_back();
    return folded;
}

} // namespace smsgate::at
