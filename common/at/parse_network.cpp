// parse_network.cpp - SIM, radio and network responses of TS 27.007.
#include "at/parse_network.hpp"

#include "at/fields.hpp"

#include <array>
#include <utility>

namespace smsgate::at {

namespace {

constexpr std::array<std::string_view, 3> registration_prefixes = {"+CREG:", "+CGREG:", "+CEREG:"};

std::string_view registration_prefix(std::string_view line)
{
    for (auto prefix : registration_prefixes)
        if (line.starts_with(prefix))
            return prefix;
    return {};
}

// The response form's second field is <stat>, one or two decimal digits;
// the unsolicited form's is a <lac>/<tac>, quoted, omitted or four hex digits.
RegForm form_of(const std::vector<Field>& fields)
{
    if (fields.size() == 1 || fields.size() == 3)
        return RegForm::unsolicited;
    const auto& second = fields[1];
    if (second.kind != Field::Kind::bare || second.text.empty() || second.text.size() > 2)
        return RegForm::unsolicited;
    for (char c : second.text)
        if (c < '0' || c > '9')
            return RegForm::unsolicited;
    return RegForm::response;
}

std::optional<std::string> text_unless_omitted(const std::vector<Field>& fields, std::size_t index)
{
    if (index >= fields.size() || fields[index].omitted())
        return std::nullopt;
    return fields[index].text;
}

} // namespace

std::optional<int> rssi_to_dbm(int rssi)
{
    if (rssi < 0 || rssi > 31)
        return std::nullopt;
    return -113 + 2 * rssi;
}

Result<SignalQuality> parse_csq(std::string_view line)
{
    auto fields = response_fields(line, "+CSQ:");
    if (!fields)
        return fields.error();
    auto rssi_field = field_at(*fields, 0, "+CSQ <rssi>");
    if (!rssi_field)
        return rssi_field.error();
    auto rssi = to_int(*rssi_field, "+CSQ <rssi>", 0, 99);
    if (!rssi)
        return rssi.error();
    if (*rssi > 31 && *rssi != 99)
        return make_error("+CSQ <rssi>", std::to_string(*rssi) + " is neither 0-31 nor 99");
    auto ber_field = field_at(*fields, 1, "+CSQ <ber>");
    if (!ber_field)
        return ber_field.error();
    auto ber = to_int(*ber_field, "+CSQ <ber>", 0, 99);
    if (!ber)
        return ber.error();
    if (*ber > 7 && *ber != 99)
        return make_error("+CSQ <ber>", std::to_string(*ber) + " is neither 0-7 nor 99");
    return SignalQuality{*rssi, *ber, rssi_to_dbm(*rssi)};
}

std::string_view reg_stat_text(RegStat stat)
{
    switch (stat) {
    case RegStat::not_registered: return "not registered, not searching";
    case RegStat::home: return "registered, home network";
    case RegStat::searching: return "not registered, searching";
    case RegStat::denied: return "registration denied";
    case RegStat::unknown: return "unknown";
    case RegStat::roaming: return "registered, roaming";
    case RegStat::home_sms_only: return "registered for SMS only, home network";
    case RegStat::roaming_sms_only: return "registered for SMS only, roaming";
    case RegStat::emergency_only: return "attached for emergency bearer services only";
    case RegStat::home_csfb_not_preferred: return "registered for CSFB not preferred, home network";
    case RegStat::roaming_csfb_not_preferred: return "registered for CSFB not preferred, roaming";
    }
    return "?";
}

bool is_registered(RegStat stat)
{
    switch (stat) {
    case RegStat::home:
    case RegStat::roaming:
    case RegStat::home_sms_only:
    case RegStat::roaming_sms_only:
    case RegStat::home_csfb_not_preferred:
    case RegStat::roaming_csfb_not_preferred: return true;
    default: return false;
    }
}

RegForm registration_form(std::string_view line)
{
    auto prefix = registration_prefix(line);
    if (prefix.empty())
        return RegForm::response;
    auto fields = response_fields(line, prefix);
    if (!fields)
        return RegForm::response; // the parser will say what is wrong with it
    return form_of(*fields);
}

Result<Registration> parse_registration(std::string_view line)
{
    auto prefix = registration_prefix(line);
    if (prefix.empty())
        return make_error("+CREG", "not a +CREG, +CGREG or +CEREG line");
    auto fields = response_fields(line, prefix);
    if (!fields)
        return fields.error();
    Registration reg;
    reg.prefix = std::string(prefix.substr(0, prefix.size() - 1));
    std::size_t i = 0;
    if (form_of(*fields) == RegForm::response) {
        auto n = to_int((*fields)[0], reg.prefix + " <n>", 0, 5);
        if (!n)
            return n.error();
        reg.n = *n;
        i = 1;
    }
    auto stat = to_int((*fields)[i], reg.prefix + " <stat>", 0, 10);
    if (!stat)
        return stat.error();
    reg.stat = static_cast<RegStat>(*stat);
    reg.area = text_unless_omitted(*fields, i + 1);
    reg.cell = text_unless_omitted(*fields, i + 2);
    if (i + 3 < fields->size() && !(*fields)[i + 3].omitted()) {
        auto act = to_int((*fields)[i + 3], reg.prefix + " <AcT>", 0, 99);
        if (!act)
            return act.error();
        reg.act = *act;
    }
    return reg;
}

Result<Operator> parse_cops(std::string_view line)
{
    auto fields = response_fields(line, "+COPS:");
    if (!fields)
        return fields.error();
    Operator op;
    auto mode = to_int((*fields)[0], "+COPS <mode>", 0, 4);
    if (!mode)
        return mode.error();
    op.mode = *mode;
    if (fields->size() >= 2 && !(*fields)[1].omitted()) {
        auto format = to_int((*fields)[1], "+COPS <format>", 0, 3);
        if (!format)
            return format.error();
        op.format = *format;
        auto name = field_at(*fields, 2, "+COPS <oper>");
        if (!name)
            return name.error();
        op.name = name->text;
    }
    if (fields->size() >= 4 && !(*fields)[3].omitted()) {
        auto act = to_int((*fields)[3], "+COPS <AcT>", 0, 99);
        if (!act)
            return act.error();
        op.act = *act;
    }
    return op;
}

Result<PinStatus> parse_cpin(std::string_view line)
{
    auto fields = response_fields(line, "+CPIN:");
    if (!fields)
        return fields.error();
    const auto& code = (*fields)[0].text;
    if (code.empty())
        return make_error("+CPIN <code>", "missing");
    static constexpr std::array<std::pair<std::string_view, PinState>, 6> states = {{
        {"READY", PinState::ready},
        {"SIM PIN", PinState::sim_pin},
        {"SIM PUK", PinState::sim_puk},
        {"SIM PIN2", PinState::sim_pin2},
        {"SIM PUK2", PinState::sim_puk2},
        {"PH-SIM PIN", PinState::ph_sim_pin},
    }};
    PinStatus status{PinState::other, code};
    for (const auto& [text, state] : states)
        if (code == text)
            status.state = state;
    return status;
}

Result<int> parse_cmee(std::string_view line)
{
    auto fields = response_fields(line, "+CMEE:");
    if (!fields)
        return fields.error();
    return to_int((*fields)[0], "+CMEE <n>", 0, 2);
}

Result<std::string> parse_identification(std::string_view line, std::string_view prefix)
{
    std::string_view text = line;
    if (!prefix.empty() && line.starts_with(prefix)) {
        auto args = strip_prefix(line, prefix);
        if (!args)
            return args.error();
        text = *args;
    }
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    if (text.empty())
        return make_error(prefix.empty() ? std::string("identification") : std::string(prefix), "empty");
    return std::string(text);
}

} // namespace smsgate::at
