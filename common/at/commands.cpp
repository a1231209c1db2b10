// commands.cpp - the command table of the worker, in the order of the
// Command enumeration (checked below), and the building of command lines.
#include "at/commands.hpp"

#include <algorithm>
#include <iterator>

namespace smsgate::at {

namespace {

using namespace timeouts;
constexpr bool pdu = true;
constexpr bool no_pdu = false;
constexpr bool prompt = true;
constexpr bool bare = true;

constexpr CommandSpec commands[] = {
    // V.250: the channel itself.
    {Command::attention, "attention", "AT", quick_ms, ""},
    {Command::reset, "reset", "ATZ", reset_ms, ""},
    {Command::echo_off, "echo_off", "ATE0", quick_ms, ""},
    // TS 27.007 9.1: +CME ERROR with numbers.
    {Command::numeric_errors, "numeric_errors", "AT+CMEE=1", quick_ms, ""},
    // TS 27.007 8.3: SIM PIN.
    {Command::pin_query, "pin_query", "AT+CPIN?", sim_ms, "+CPIN:"},
    {Command::pin_enter, "pin_enter", "AT+CPIN=\"{}\"", pin_ms, ""},
    // TS 27.005 3.2: message format and storage, services.
    {Command::pdu_mode, "pdu_mode", "AT+CMGF=0", setting_ms, ""},
    {Command::storage_query, "storage_query", "AT+CPMS?", sim_ms, "+CPMS:"},
    {Command::storage_select, "storage_select", "AT+CPMS=\"{}\",\"{}\",\"{}\"", sim_ms, "+CPMS:"},
    // Some storages ("SR") may be <mem1> only: read and delete, never write or receive.
    {Command::storage_read_select, "storage_read_select", "AT+CPMS=\"{}\"", sim_ms, "+CPMS:"},
    // TS 27.005 3.4.1: new message indications (<mode>,<mt>,<bm>,<ds>,<bfr>).
    {Command::indications_set, "indications_set", "AT+CNMI={},{},{},{},{}", setting_ms, ""},
    {Command::indications_support, "indications_support", "AT+CNMI=?", quick_ms, "+CNMI:"},
    // TS 27.005 3.2.1: phase 2+ service, needed for +CNMA of routed messages.
    {Command::sms_service, "sms_service", "AT+CSMS=1", setting_ms, "+CSMS:"},
    // TS 27.005 3.3.1: service centre address on the SIM.
    {Command::smsc_query, "smsc_query", "AT+CSCA?", sim_ms, "+CSCA:"},
    {Command::smsc_set, "smsc_set", "AT+CSCA=\"{}\",{}", sim_ms, ""},
    // TS 27.007 8.5, 7.2, 10.1.22, 7.3: radio and network.
    {Command::signal_quality, "signal_quality", "AT+CSQ", quick_ms, "+CSQ:"},
    {Command::registration_query, "registration_query", "AT+CREG?", quick_ms, "+CREG:"},
    {Command::registration_enable, "registration_enable", "AT+CREG=2", quick_ms, ""},
    {Command::eps_registration_query, "eps_registration_query", "AT+CEREG?", quick_ms, "+CEREG:"},
    {Command::eps_registration_enable, "eps_registration_enable", "AT+CEREG=2", quick_ms, ""},
    {Command::operator_format, "operator_format", "AT+COPS=3,0", setting_ms, ""},
    {Command::operator_query, "operator_query", "AT+COPS?", setting_ms, "+COPS:"},
    // TS 27.005 3.5.1, 3.4.2, 3.4.3, 3.5.4, 3.4.4: messages in PDU mode.
    {Command::send, "send", "AT+CMGS={}", submit_ms, "+CMGS:", no_pdu, prompt},
    {Command::list_all, "list_all", "AT+CMGL=4", list_ms, "+CMGL:", pdu},
    {Command::read, "read", "AT+CMGR={}", sim_ms, "+CMGR:", pdu},
    {Command::erase, "erase", "AT+CMGD={}", sim_ms, ""},
    {Command::acknowledge, "acknowledge", "AT+CNMA", ack_ms, ""},
    // TS 27.007 5.1-5.4, 7.1: identification; some modems add the prefix.
    {Command::manufacturer, "manufacturer", "AT+CGMI", quick_ms, "+CGMI:", no_pdu, false, bare},
    {Command::model, "model", "AT+CGMM", quick_ms, "+CGMM:", no_pdu, false, bare},
    {Command::revision, "revision", "AT+CGMR", quick_ms, "+CGMR:", no_pdu, false, bare},
    {Command::serial_number, "serial_number", "AT+CGSN", quick_ms, "+CGSN:", no_pdu, false, bare},
    {Command::imsi, "imsi", "AT+CIMI", sim_ms, "+CIMI:", no_pdu, false, bare},
};

constexpr bool in_enum_order()
{
    for (std::size_t i = 0; i < std::size(commands); ++i)
        if (static_cast<std::size_t>(commands[i].id) != i)
            return false;
    return true;
}

static_assert(in_enum_order(), "commands[] must list every Command in the order of the enumeration");
static_assert(std::size(commands) == static_cast<std::size_t>(Command::imsi) + 1, "a Command has no entry");

// No argument may end the command (CR, Ctrl-Z, ESC), close its quotes, or
// chain another command (";").
bool safe_argument(std::string_view arg)
{
    return std::ranges::all_of(arg, [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7F && c != '"' && c != ';';
    });
}

} // namespace

std::span<const CommandSpec> command_table()
{
    return commands;
}

const CommandSpec& command_spec(Command id)
{
    return commands[static_cast<std::size_t>(id)];
}

Result<std::string> command_text(const CommandSpec& spec, std::span<const std::string_view> args)
{
    std::string text;
    auto next = args.begin();
    std::string_view format = spec.format;
    for (auto hole = format.find("{}"); hole != std::string_view::npos; hole = format.find("{}")) {
        if (next == args.end())
            return make_error(std::string(spec.name), "too few arguments for " + std::string(spec.format));
        if (next->empty() || !safe_argument(*next))
            return make_error(std::string(spec.name), "argument '" + std::string(*next) + "' is empty or holds a "
                                                      "quote, a semicolon or a control character");
        text += format.substr(0, hole);
        text += *next++;
        format.remove_prefix(hole + 2);
    }
    if (next != args.end())
        return make_error(std::string(spec.name), "too many arguments for " + std::string(spec.format));
    text += format;
    return text;
}

Expect expect_for(const CommandSpec& spec, std::string text)
{
    Expect expect;
    expect.command = std::move(text);
    if (!spec.prefix.empty())
        expect.prefixes.emplace_back(spec.prefix);
    expect.pdu_follows = spec.pdu_follows;
    expect.prompt = spec.prompt;
    expect.bare_lines = spec.bare_lines;
    return expect;
}

Result<std::string> command_text(const CommandSpec& spec, std::initializer_list<std::string_view> args)
{
    return command_text(spec, std::span(args.begin(), args.size()));
}

Result<Expect> prepare(Command id, std::span<const std::string_view> args)
{
    const auto& spec = command_spec(id);
    auto text = command_text(spec, args);
    if (!text)
        return text.error();
    return expect_for(spec, std::move(text).value());
}

Result<Expect> prepare(Command id, std::initializer_list<std::string_view> args)
{
    return prepare(id, std::span(args.begin(), args.size()));
}

} // namespace smsgate::at
