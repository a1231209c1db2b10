// at_commands.hpp - the command table: a handler per command name, and what
// it needs before it may run (an unlocked SIM). Handlers add lines of
// information response and give the final result.
#pragma once

#include "at_server.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sim {

class Modem;

struct CommandContext {
    Modem& modem;
    const Command& command;
    std::vector<std::string>& info;

    std::vector<std::string> args() const { return split_args(command.args); }
    bool is(Command::Form form) const { return command.form == form; }
};

using Handler = Final (*)(CommandContext&);

enum class Needs {
    nothing,
    sim_cme, // a locked SIM answers +CME ERROR: 11 (SIM PIN required)
    sim_cms, // a locked SIM answers +CMS ERROR: 311 (SIM PIN required)
};

struct CommandSpec {
    std::string_view name;
    Handler handler;
    Needs needs;
};

// at_general.cpp: V.250 basics, identity, SIM, signal and registration.
std::span<const CommandSpec> general_commands();
// at_sms.cpp: the TS 27.005 message commands but AT+CMGS.
std::span<const CommandSpec> sms_commands();
// at_send.cpp: AT+CMGS.
Final cmgs_command(CommandContext& ctx);

// Nothing for a command the modem does not know.
const CommandSpec* find_command(std::string_view name);

// "<stat>" or, for <n> 2, "<stat>,<lac>,<ci>": +CREG and +CEREG, read
// form and unsolicited (TS 27.007 7.2).
std::string registration_fields(int stat, int n);

// A whole number in a parameter, within bounds; nothing otherwise.
std::optional<int> int_arg(const std::string& text, int min, int max);

} // namespace smsgate::sim
