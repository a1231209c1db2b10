// number_map.cpp - reading the number map, and finding an originator in it.
#include "config/number_map.hpp"

#include "phone/number.hpp"
#include "policy/table_text.hpp"
#include "util/address.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace smsgate::config {

namespace {

// TS 23.040 9.1.2.5: an alphanumeric TP-OA holds at most 11 septets.
constexpr std::size_t alphanumeric_max = 11;

bool has_letter(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
}

// A number's key: E.164, or for a short code (no E.164) its digits.
std::string number_key(const phone::PhoneNumber& number) { return number.e164.empty() ? number.national : number.e164; }

// The characters of an alphanumeric originator as a key may write them:
// letters, digits and the punctuation of the GSM 7-bit basic set (one
// septet each, so that 11 characters fit).
bool alphanumeric_char(unsigned char c)
{
    static constexpr std::string_view punctuation = "!\"#$%&'()*+,-./:;<=>?@_";
    return std::isalnum(c) || punctuation.find(static_cast<char>(c)) != std::string_view::npos;
}

Result<std::string> alphanumeric_key(std::string_view key)
{
    for (unsigned char c : key)
        if (!alphanumeric_char(c))
            return make_error("key", "alphanumeric originator '" + std::string(key) +
                                         "' may have only ASCII letters, digits and GSM punctuation");
    if (key.size() > alphanumeric_max)
        return make_error("key", "alphanumeric originator '" + std::string(key) + "' is longer than " +
                                     std::to_string(alphanumeric_max) + " characters (TS 23.040)");
    return ascii_lower(key);
}

// The normal form of a key or an originator: a name in lower case, a
// number as number_key(); the error says why a number cannot be read.
Result<std::string> normal_key(std::string_view key, const std::string& default_region)
{
    if (has_letter(key))
        return ascii_lower(key);
    auto number = phone::parse_number(key, default_region);
    if (!number)
        return make_error("key", number.error().message);
    return number_key(*number);
}

Result<std::string> file_key(std::string_view key, const std::string& default_region)
{
    if (has_letter(key))
        return alphanumeric_key(key);
    return normal_key(key, default_region);
}

} // namespace

std::optional<std::string> NumberMap::find(std::string_view originator) const
{
    // An originator that is no readable number is in no entry either.
    auto key = normal_key(originator, default_region_);
    if (!key)
        return std::nullopt;
    auto it = entries_.find(*key);
    if (it == entries_.end())
        return std::nullopt;
    return it->second;
}

Result<NumberMap> parse_number_map(std::istream& in, const std::string& name, const std::string& default_region)
{
    const auto fail = [&](int line, const std::string& message) {
        return make_error("number_map", name + ":" + std::to_string(line) + ": " + message);
    };
    if (!default_region.empty() && !phone::is_region_code(default_region))
        return make_error("number_map", name + ": '" + default_region + "' is not a region code (default_region)");
    auto lines = policy::read_logical_lines(in);
    if (!lines)
        return make_error("number_map", name + ":" + lines.error().field + ": " + lines.error().message);

    NumberMap map;
    map.default_region_ = default_region;
    std::unordered_map<std::string, int> first_line;
    for (const auto& entry : *lines) {
        policy::Words words(entry);
        const std::string key_text(words.word());
        words.done();
        const int address_line = words.line();
        const std::string address(words.word());
        if (address.empty())
            return fail(entry.number(), "'" + key_text + "' without an address (ORIGINATOR ADDRESS)");
        if (!words.done())
            return fail(words.line(), "text after the address '" + address + "' (ORIGINATOR ADDRESS)");

        auto key = file_key(key_text, default_region);
        if (!key)
            return fail(entry.number(), key.error().message);
        if (auto problem = address_problem(address))
            return fail(address_line, "'" + address + "' is not a mail address local@domain: " + *problem);
        if (auto [it, fresh] = first_line.emplace(*key, entry.number()); !fresh)
            return fail(entry.number(), "duplicate originator '" + key_text + "' (" +
                                            (*key == key_text ? "" : *key + ", ") + "first on line " +
                                            std::to_string(it->second) + ")");
        map.entries_.emplace(std::move(*key), address);
    }
    return map;
}

Result<NumberMap> load_number_map(const std::string& path, const std::string& default_region)
{
    if (path.empty()) {
        std::istringstream nothing;
        return parse_number_map(nothing, "(none)", default_region);
    }
    std::ifstream in(path);
    if (!in)
        return make_error("number_map", path + ": " + std::strerror(errno));
    return parse_number_map(in, path, default_region);
}

} // namespace smsgate::config
