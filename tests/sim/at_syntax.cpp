// at_syntax.cpp - the syntax of command lines (ITU-T V.250 5.2, TS 27.007
// 4): basic commands (E0, Z, &F, S7=60) and extended ones (+CMGF=0, +CPMS?,
// +CNMI=?) after one "AT", extended ones separated by ';'. And how final
// results read under +CMEE.
#include "at_server.hpp"

#include "sms/cms_error.hpp"

#include <cctype>

namespace smsgate::sim {

namespace {

std::string upper_outside_quotes(std::string_view text)
{
    std::string out;
    bool quoted = false;
    for (char c : text) {
        if (c == '"')
            quoted = !quoted;
        out += quoted ? c : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// +NAME, then ?, =?, =ARGS or nothing; ARGS run to a ';' outside quotes.
std::size_t parse_extended(const std::string& body, std::size_t pos, Command& cmd)
{
    std::size_t start = pos++;
    while (pos < body.size() && is_name_char(body[pos]))
        ++pos;
    cmd.name = body.substr(start, pos - start);
    if (body.compare(pos, 2, "=?") == 0) {
        cmd.form = Command::Form::test;
        pos += 2;
    } else if (pos < body.size() && body[pos] == '?') {
        cmd.form = Command::Form::read;
        ++pos;
    } else if (pos < body.size() && body[pos] == '=') {
        cmd.form = Command::Form::set;
        std::size_t args = ++pos;
        for (bool quoted = false; pos < body.size() && (quoted || body[pos] != ';'); ++pos)
            if (body[pos] == '"')
                quoted = !quoted;
        cmd.args = body.substr(args, pos - args);
    }
    return pos;
}

// E0, Z, &F, S7=60, S0?: a letter (or & and a letter) and a number.
std::size_t parse_basic(const std::string& body, std::size_t pos, Command& cmd)
{
    std::size_t start = pos;
    pos += body[pos] == '&' ? 2 : 1;
    cmd.name = body.substr(start, pos - start);
    std::size_t digits = pos;
    while (pos < body.size() && std::isdigit(static_cast<unsigned char>(body[pos])))
        ++pos;
    cmd.args = body.substr(digits, pos - digits);
    if (cmd.name == "S" && pos < body.size() && (body[pos] == '?' || body[pos] == '=')) {
        cmd.form = body[pos] == '?' ? Command::Form::read : Command::Form::set;
        cmd.name += cmd.args;
        cmd.args.clear();
        std::size_t value = ++pos;
        while (cmd.form == Command::Form::set && pos < body.size() &&
               std::isdigit(static_cast<unsigned char>(body[pos])))
            ++pos;
        cmd.args = body.substr(value, pos - value);
    }
    return pos;
}

} // namespace

bool is_command_line(std::string_view line)
{
    line = trim(line);
    return line.size() >= 2 && (line[0] == 'A' || line[0] == 'a') && (line[1] == 'T' || line[1] == 't');
}

std::optional<std::vector<Command>> parse_command_line(std::string_view line)
{
    if (!is_command_line(line))
        return std::nullopt;
    std::string body = upper_outside_quotes(trim(line).substr(2));
    std::vector<Command> commands;
    for (std::size_t pos = 0; pos < body.size();) {
        char c = body[pos];
        if (c == ' ' || c == ';') {
            ++pos;
            continue;
        }
        Command cmd;
        if (c == '+' || c == '^' || c == '$' || c == '%')
            pos = parse_extended(body, pos, cmd);
        else if (std::isalpha(static_cast<unsigned char>(c)) ||
                 (c == '&' && pos + 1 < body.size() && std::isalpha(static_cast<unsigned char>(body[pos + 1]))))
            pos = parse_basic(body, pos, cmd);
        else
            return std::nullopt;
        commands.push_back(std::move(cmd));
    }
    return commands;
}

std::vector<std::string> split_args(std::string_view args)
{
    std::vector<std::string> out;
    if (trim(args).empty())
        return out;
    std::string current;
    bool quoted = false;
    auto finish = [&] {
        std::string_view v = trim(current);
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"')
            v = v.substr(1, v.size() - 2);
        out.emplace_back(v);
        current.clear();
    };
    for (char c : args) {
        if (c == '"')
            quoted = !quoted;
        if (c == ',' && !quoted)
            finish();
        else
            current += c;
    }
    finish();
    return out;
}

std::string final_text(const Final& final, int cmee)
{
    switch (final.kind) {
    case Final::Kind::ok:
    case Final::Kind::prompt:
        return "OK";
    case Final::Kind::error:
        return "ERROR";
    case Final::Kind::cme: {
        if (cmee == 0)
            return "ERROR";
        if (cmee == 1)
            return "+CME ERROR: " + std::to_string(final.code);
        // TS 27.007 9.2.1: the texts of the codes the simulator gives.
        switch (final.code) {
        case 3:
            return "+CME ERROR: operation not allowed";
        case 4:
            return "+CME ERROR: operation not supported";
        case 11:
            return "+CME ERROR: SIM PIN required";
        case 16:
            return "+CME ERROR: incorrect password";
        default:
            return "+CME ERROR: unknown";
        }
    }
    case Final::Kind::cms:
        break;
    }
    if (cmee == 2)
        return "+CMS ERROR: " + std::string(sms::describe_cms_error(final.code).text);
    return "+CMS ERROR: " + std::to_string(final.code);
}

} // namespace smsgate::sim
