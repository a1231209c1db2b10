// settings.cpp - "set KEY VALUE": the behaviour and faults a test changes
// while the simulator runs. One table; the command line feeds the same
// parsers for its NUMBER=VALUE options.
#include "options.hpp"

#include <functional>

namespace smsgate::sim {

namespace {

constexpr int max_delay_ms = 3'600'000; // an hour: longer is a mistake, not a test

std::optional<bool> parse_bool(const std::string& v)
{
    if (v == "1" || v == "on" || v == "true" || v == "yes")
        return true;
    if (v == "0" || v == "off" || v == "false" || v == "no")
        return false;
    return std::nullopt;
}

std::optional<Registration> parse_registration(const std::string& v)
{
    static const std::map<std::string, Registration> names = {
        {"on", Registration::home},           {"off", Registration::not_registered},
        {"home", Registration::home},         {"roaming", Registration::roaming},
        {"searching", Registration::searching}, {"denied", Registration::denied},
        {"unknown", Registration::unknown},
    };
    if (auto it = names.find(v); it != names.end())
        return it->second;
    if (auto n = parse_int(v, 0, 5))
        return static_cast<Registration>(*n);
    return std::nullopt;
}

using Words = std::vector<std::string>;
using Setter = std::function<std::optional<std::string>(Settings&, const Words&)>;

Setter boolean(bool Settings::*field)
{
    return [field](Settings& s, const Words& w) -> std::optional<std::string> {
        auto b = parse_bool(w[1]);
        if (!b)
            return "'" + w[1] + "' is not on or off";
        s.*field = *b;
        return std::nullopt;
    };
}

template <typename Field>
Setter number(Field Settings::*field, int min, int max)
{
    return [field, min, max](Settings& s, const Words& w) -> std::optional<std::string> {
        auto n = parse_int(w[1], min, max);
        if (!n)
            return "'" + w[1] + "' is not a number from " + std::to_string(min) + " to " + std::to_string(max);
        s.*field = static_cast<Field>(*n);
        return std::nullopt;
    };
}

// KEY NUMBER VALUE, or KEY NUMBER none to remove the number.
Setter per_number(std::map<std::string, int> Settings::*field, int min, int max)
{
    return [field, min, max](Settings& s, const Words& w) -> std::optional<std::string> {
        if (w.size() != 3)
            return "usage: set " + w[0] + " NUMBER VALUE|none";
        if (w[2] == "none") {
            (s.*field).erase(w[1]);
            return std::nullopt;
        }
        return add_number_value(s.*field, w[1] + "=" + w[2], min, max);
    };
}

struct Key {
    std::string name;
    Setter set;
};

const std::vector<Key>& keys()
{
    static const std::vector<Key> table = {
        {"echo", boolean(&Settings::echo)},
        {"cmgs-delay-ms", number(&Settings::cmgs_delay_ms, 0, max_delay_ms)},
        {"prompt-delay-ms", number(&Settings::prompt_delay_ms, 0, max_delay_ms)},
        {"report-delay-ms", number(&Settings::report_delay_ms, 0, max_delay_ms)},
        {"report-status", number(&Settings::report_status, 0, 255)},
        {"report-status-for", per_number(&Settings::report_status_for, 0, 255)},
        {"cms-error", per_number(&Settings::cms_errors, 0, 999)},
        {"urc-in-response", boolean(&Settings::urc_in_response)},
        {"registration",
         [](Settings& s, const Words& w) -> std::optional<std::string> {
             auto r = parse_registration(w[1]);
             if (!r)
                 return "'" + w[1] + "' is not 0-5, on, off, home, roaming, searching, denied or unknown";
             s.registration = *r;
             return std::nullopt;
         }},
        {"register-delay-ms", number(&Settings::register_delay_ms, 0, max_delay_ms)},
        {"silent", boolean(&Settings::silent)},
        {"cnmi", boolean(&Settings::cnmi)},
        {"sim-pin",
         [](Settings& s, const Words& w) -> std::optional<std::string> {
             s.sim_pin = w[1] == "none" ? "" : w[1];
             return std::nullopt;
         }},
        {"rssi", number(&Settings::rssi, 0, 99)},
        {"operator",
         [](Settings& s, const Words& w) -> std::optional<std::string> {
             std::string name = w[1];
             for (std::size_t i = 2; i < w.size(); ++i)
                 name += " " + w[i];
             s.operator_name = name;
             return std::nullopt;
         }},
        {"ack-timeout-ms", number(&Settings::ack_timeout_ms, 0, max_delay_ms)},
        {"reopen-delay-ms", number(&Settings::reopen_delay_ms, 0, max_delay_ms)},
        {"storage-size", number(&Settings::storage_size, 1, 1000)},
        {"cmms", boolean(&Settings::cmms)},
        {"cmgs-burst-delay-ms", number(&Settings::cmgs_burst_delay_ms, 0, max_delay_ms)},
        {"cmms-idle-ms", number(&Settings::cmms_idle_ms, 0, max_delay_ms)},
    };
    return table;
}

} // namespace

std::optional<int> parse_int(const std::string& text, int min, int max)
{
    bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    std::string digits = hex ? text.substr(2) : text;
    if (digits.empty() || digits.size() > 9)
        return std::nullopt;
    long value = 0;
    for (char c : digits) {
        int d = (c >= '0' && c <= '9') ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0)
            return std::nullopt;
        value = value * (hex ? 16 : 10) + d;
    }
    if (value < min || value > max)
        return std::nullopt;
    return static_cast<int>(value);
}

std::optional<std::string> add_number_value(std::map<std::string, int>& map, const std::string& pair, int min,
                                            int max)
{
    auto eq = pair.rfind('=');
    if (eq == std::string::npos || eq == 0)
        return "'" + pair + "' is not NUMBER=VALUE";
    auto value = parse_int(pair.substr(eq + 1), min, max);
    if (!value)
        return "'" + pair.substr(eq + 1) + "' is not a number from " + std::to_string(min) + " to " +
               std::to_string(max);
    map[pair.substr(0, eq)] = *value;
    return std::nullopt;
}

std::optional<std::string> apply_setting(Settings& settings, const std::vector<std::string>& words)
{
    std::string known;
    for (const auto& key : keys()) {
        if (!words.empty() && key.name == words[0])
            return words.size() < 2 ? "usage: set " + key.name + " VALUE" : key.set(settings, words);
        known += " " + key.name;
    }
    if (words.empty())
        return "usage: set KEY VALUE; keys:" + known;
    return "unknown setting '" + words[0] + "'; keys:" + known;
}

} // namespace smsgate::sim
