// at_general.cpp - V.250 basic commands, identification (TS 27.007 5),
// the SIM PIN (8.3), signal quality (8.5), registration (7.2, 10.1.22) and
// the operator (7.3).
#include "at_commands.hpp"
#include "modem.hpp"

namespace smsgate::sim {

namespace {

using Form = Command::Form;

// Location of the simulated cell, for +CREG with <n> 2.
constexpr const char* cell_lac = "\"1A2B\"";
constexpr const char* cell_ci = "\"00C0FFEE\"";

Final echo(CommandContext& ctx)
{
    if (ctx.command.args != "" && ctx.command.args != "0" && ctx.command.args != "1")
        return Final::error();
    ctx.modem.profile().echo = ctx.command.args == "1";
    return Final::ok();
}

Final reset(CommandContext& ctx)
{
    ctx.modem.reset_profile();
    return Final::ok();
}

// V1 and Q0 are what every driver wants; numeric or quiet results are not
// simulated.
Final verbose(CommandContext& ctx) { return ctx.command.args == "0" ? Final::error() : Final::ok(); }
Final quiet(CommandContext& ctx) { return ctx.command.args == "1" ? Final::error() : Final::ok(); }

// &C, &D, &K, &W, S registers: accepted, without effect.
Final accepted(CommandContext& ctx)
{
    if (ctx.command.name.starts_with("S") && ctx.is(Form::read))
        ctx.info.push_back(ctx.command.name == "S3" ? "013" : ctx.command.name == "S4" ? "010" : "000");
    return Final::ok();
}

Final information(CommandContext& ctx)
{
    const Identity& id = ctx.modem.identity();
    ctx.info = {id.manufacturer, id.model, "Revision: " + id.revision};
    return Final::ok();
}

Final identity_line(CommandContext& ctx, const std::string& value)
{
    if (!ctx.is(Form::test))
        ctx.info.push_back(value);
    return Final::ok();
}

Final manufacturer(CommandContext& ctx) { return identity_line(ctx, ctx.modem.identity().manufacturer); }
Final model(CommandContext& ctx) { return identity_line(ctx, ctx.modem.identity().model); }
Final revision(CommandContext& ctx) { return identity_line(ctx, ctx.modem.identity().revision); }
Final serial(CommandContext& ctx) { return identity_line(ctx, ctx.modem.identity().imei); }
Final imsi(CommandContext& ctx) { return identity_line(ctx, ctx.modem.identity().imsi); }

Final cmee(CommandContext& ctx)
{
    if (ctx.is(Form::read))
        ctx.info.push_back("+CMEE: " + std::to_string(ctx.modem.profile().cmee));
    else if (ctx.is(Form::test))
        ctx.info.push_back("+CMEE: (0-2)");
    else if (auto n = int_arg(ctx.command.args, 0, 2))
        ctx.modem.profile().cmee = *n;
    else
        return Final::error();
    return Final::ok();
}

Final cpin(CommandContext& ctx)
{
    if (ctx.is(Form::read)) {
        ctx.info.push_back(ctx.modem.sim_locked() ? "+CPIN: SIM PIN" : "+CPIN: READY");
        return Final::ok();
    }
    if (ctx.is(Form::test))
        return Final::ok();
    auto args = ctx.args();
    if (!ctx.is(Form::set) || args.empty())
        return Final::error();
    if (!ctx.modem.sim_locked())
        return Final::cme(3); // operation not allowed: no PIN is asked for
    return ctx.modem.enter_pin(args[0]) ? Final::ok() : Final::cme(16); // incorrect password
}

Final csq(CommandContext& ctx)
{
    if (ctx.is(Form::test))
        ctx.info.push_back("+CSQ: (0-31,99),(0-7,99)");
    else
        ctx.info.push_back("+CSQ: " + std::to_string(ctx.modem.settings().rssi) + ",99");
    return Final::ok();
}

Final registration(CommandContext& ctx, const char* name, int& n)
{
    if (ctx.is(Form::read))
        ctx.info.push_back(std::string(name) + ": " + std::to_string(n) + "," +
                           registration_fields(static_cast<int>(ctx.modem.registration()), n));
    else if (ctx.is(Form::test))
        ctx.info.push_back(std::string(name) + ": (0-2)");
    else if (auto value = int_arg(ctx.command.args, 0, 2))
        n = *value;
    else
        return Final::error();
    return Final::ok();
}

Final creg(CommandContext& ctx) { return registration(ctx, "+CREG", ctx.modem.profile().creg_n); }
Final cereg(CommandContext& ctx) { return registration(ctx, "+CEREG", ctx.modem.profile().cereg_n); }

Final cops(CommandContext& ctx)
{
    Modem& m = ctx.modem;
    const std::string& name = m.settings().operator_name;
    if (ctx.is(Form::test)) {
        ctx.info.push_back("+COPS: (2,\"" + name + "\",\"" + name + "\",\"" + m.identity().plmn +
                           "\",0),,(0-4),(0-2)");
        return Final::ok();
    }
    if (ctx.is(Form::read)) {
        int format = m.profile().cops_format;
        if (!m.can_send())
            ctx.info.push_back("+COPS: 0");
        else
            ctx.info.push_back("+COPS: 0," + std::to_string(format) + ",\"" +
                               (format == 2 ? m.identity().plmn : name) + "\",0");
        return Final::ok();
    }
    auto args = ctx.args();
    auto mode = args.empty() ? std::nullopt : int_arg(args[0], 0, 4);
    if (!mode || (*mode != 0 && *mode != 3))
        return Final::cme(3); // manual selection and deregistration are not simulated
    if (args.size() > 1) {
        auto format = int_arg(args[1], 0, 2);
        if (!format)
            return Final::error();
        m.profile().cops_format = *format;
    }
    return Final::ok();
}

// +CFUN and +CSCS: accepted; the simulator is always fully on, and PDU
// mode has no character set.
Final cfun(CommandContext& ctx)
{
    if (ctx.is(Form::read))
        ctx.info.push_back("+CFUN: 1");
    return Final::ok();
}

Final cscs(CommandContext& ctx)
{
    if (ctx.is(Form::read))
        ctx.info.push_back("+CSCS: \"GSM\"");
    else if (ctx.is(Form::test))
        ctx.info.push_back("+CSCS: (\"GSM\",\"IRA\",\"UCS2\")");
    return Final::ok();
}

constexpr CommandSpec table[] = {
    {"E", echo, Needs::nothing},          {"Z", reset, Needs::nothing},
    {"&F", reset, Needs::nothing},        {"V", verbose, Needs::nothing},
    {"Q", quiet, Needs::nothing},         {"I", information, Needs::nothing},
    {"&C", accepted, Needs::nothing},     {"&D", accepted, Needs::nothing},
    {"&K", accepted, Needs::nothing},     {"&W", accepted, Needs::nothing},
    {"+CMEE", cmee, Needs::nothing},      {"+CPIN", cpin, Needs::nothing},
    {"+CGMI", manufacturer, Needs::nothing}, {"+GMI", manufacturer, Needs::nothing},
    {"+CGMM", model, Needs::nothing},     {"+GMM", model, Needs::nothing},
    {"+CGMR", revision, Needs::nothing},  {"+GMR", revision, Needs::nothing},
    {"+CGSN", serial, Needs::nothing},    {"+GSN", serial, Needs::nothing},
    {"+CIMI", imsi, Needs::sim_cme},      {"+CSQ", csq, Needs::nothing},
    {"+CREG", creg, Needs::nothing},      {"+CEREG", cereg, Needs::nothing},
    {"+COPS", cops, Needs::nothing},      {"+CFUN", cfun, Needs::nothing},
    {"+CSCS", cscs, Needs::nothing},
};

} // namespace

std::string registration_fields(int stat, int n)
{
    std::string out = std::to_string(stat);
    bool registered = stat == 1 || stat == 5;
    if (n == 2 && registered)
        out += std::string(",") + cell_lac + "," + cell_ci;
    return out;
}

std::span<const CommandSpec> general_commands() { return table; }

std::optional<int> int_arg(const std::string& text, int min, int max)
{
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    int value = std::stoi(text);
    if (value < min || value > max)
        return std::nullopt;
    return value;
}

const CommandSpec* find_command(std::string_view name)
{
    if (name.size() > 1 && name[0] == 'S' && name.find_first_not_of("0123456789", 1) == std::string_view::npos) {
        static constexpr CommandSpec s_register{"S", accepted, Needs::nothing};
        return &s_register;
    }
    if (name == "+CMGS") {
        static constexpr CommandSpec send{"+CMGS", cmgs_command, Needs::sim_cms};
        return &send;
    }
    for (auto tables : {general_commands(), sms_commands()})
        for (const auto& spec : tables)
            if (spec.name == name)
                return &spec;
    return nullptr;
}

} // namespace smsgate::sim
