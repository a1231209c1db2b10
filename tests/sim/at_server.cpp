// at_server.cpp - one link's command interpreter: bytes into command lines
// and PDUs, command dispatch through the table, responses framed as a
// modem frames them ("\r\n+CSQ: 24,99\r\n\r\nOK\r\n"), and unsolicited
// result codes held while a command runs.
#include "at_server.hpp"

#include "at_commands.hpp"
#include "at_send.hpp"
#include "modem.hpp"
#include "network.hpp"
#include "transport.hpp"

#include "util/json.hpp"

#include <cctype>
#include <utility>

namespace smsgate::sim {

namespace {

constexpr char ctrl_z = 0x1A;
constexpr char escape = 0x1B;
// A command line longer than this is cut (and then fails to parse); real
// modems take a few hundred characters.
constexpr std::size_t max_line = 560;
// Hex after the prompt: two characters an octet, with room for a broken
// PDU to be seen as broken rather than cut.
constexpr std::size_t max_pdu_chars = 1024;
// Unsolicited lines held while a command runs; more are dropped.
constexpr std::size_t max_held = 1000;

// Information response lines as one block: "\r\n+CSQ: 24,99\r\n".
std::string frame(const std::vector<std::string>& lines)
{
    if (lines.empty())
        return {};
    std::string out = "\r\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += (i ? "\r\n" : "") + lines[i];
    return out + "\r\n";
}

} // namespace

AtPort::AtPort(Modem& modem, Link& link) : modem_(modem), link_(link)
{
    link_.on_data = [this](std::string_view bytes) { receive(bytes); };
}

AtPort::~AtPort()
{
    modem_.loop().cancel(timer_);
    link_.on_data = nullptr;
}

void AtPort::receive(std::string_view bytes)
{
    if (modem_.options().verbose)
        modem_.log("link=" + std::string(link_.kind()) + " rx=" + json_quote(bytes));
    input_.append(bytes);
    process();
}

// Consumes input until a command makes the modem busy; the rest waits for
// it to finish, as a modem's UART buffer holds it.
void AtPort::process()
{
    std::size_t i = 0;
    while (i < input_.size() && state_ != State::sending) {
        char c = input_[i++];
        if (modem_.settings().silent) {
            silent_byte(c);
        } else if (state_ == State::command) {
            command_byte(c);
        } else if (state_ == State::prompt) {
            prompt_byte(c);
        } else { // a driver that did not wait for "> " loses what it sent early
            modem_.log("event=discarded bytes=" + std::to_string(input_.size() - i + 1) + " reason=before-prompt");
            i = input_.size();
        }
    }
    input_.erase(0, i);
    write({}); // the echo of what was typed
}

void AtPort::silent_byte(char c)
{
    if (c == '\r') {
        if (!line_.empty())
            modem_.record_command(link_, line_, true);
        line_.clear();
    } else if (c == ctrl_z || c == escape) {
        line_.clear();
    } else if (c != '\n' && line_.size() < max_line) {
        line_ += c;
    }
}

void AtPort::command_byte(char c)
{
    echo(c);
    switch (c) {
    case '\r': {
        std::string line = std::move(line_);
        line_.clear();
        execute(line);
        break;
    }
    case '\n':
        break;
    case '\b':
    case 0x7F:
        if (!line_.empty())
            line_.pop_back();
        break;
    case ctrl_z:
    case escape:
        line_.clear();
        break;
    default:
        if (line_.size() < max_line)
            line_ += c;
    }
}

void AtPort::prompt_byte(char c)
{
    if (c == ctrl_z) {
        submit_pdu();
        return;
    }
    if (c == escape) {
        state_ = State::command;
        pdu_.clear();
        respond("", Final::ok()); // cancelled, nothing sent
        return;
    }
    echo(c);
    if (!std::isspace(static_cast<unsigned char>(c)) && pdu_.size() < max_pdu_chars)
        pdu_ += c;
}

void AtPort::execute(const std::string& line)
{
    if (line.find_first_not_of(" \t") == std::string::npos)
        return; // an empty line: nothing to answer or record
    bool for_modem = is_command_line(line);
    modem_.record_command(link_, line, !for_modem);
    if (!for_modem)
        return; // not a command: a modem answers nothing
    auto commands = parse_command_line(line);
    std::string body; // each command's information response framed on its own
    Final final = commands ? Final::ok() : Final::error();
    executing_ = true;
    for (std::size_t i = 0; commands && i < commands->size() && final.is_ok(); ++i) {
        const Command& cmd = (*commands)[i];
        const CommandSpec* spec = find_command(cmd.name);
        std::vector<std::string> info;
        if (!spec) {
            final = Final::error();
        } else if (modem_.sim_locked() && spec->needs == Needs::sim_cme) {
            final = Final::cme(11); // SIM PIN required
        } else if (modem_.sim_locked() && spec->needs == Needs::sim_cms) {
            final = Final::cms(311); // SIM PIN required
        } else {
            CommandContext ctx{modem_, cmd, info};
            final = spec->handler(ctx);
        }
        body += frame(info);
    }
    executing_ = false;
    if (final.kind == Final::Kind::prompt) {
        write(body);
        start_prompt(static_cast<std::size_t>(final.code));
        return;
    }
    respond(body, final);
    modem_.network().pump(); // a freed slot, new +CNMI values: waiting messages may go now
}

// AT+CMGS=<length> was accepted: the prompt, at once or after the delay
// (what arrives before it is lost).
void AtPort::start_prompt(std::size_t length)
{
    prompt_length_ = length;
    pdu_.clear();
    int delay = modem_.settings().prompt_delay_ms;
    if (delay == 0) {
        show_prompt();
        return;
    }
    state_ = State::prompt_delay;
    timer_ = modem_.loop().after(Millis(delay), [this] {
        show_prompt();
        process();
    });
}

void AtPort::show_prompt()
{
    timer_ = 0;
    state_ = State::prompt;
    write("\r\n> ");
}

void AtPort::submit_pdu()
{
    auto verdict = check_submission(modem_, prompt_length_, pdu_);
    pdu_.clear();
    if (auto* refused = std::get_if<Final>(&verdict)) {
        state_ = State::command;
        respond("", *refused);
        return;
    }
    submission_ = std::make_unique<Submission>(std::move(std::get<Submission>(verdict)));
    connection_ = link_.connection();
    state_ = State::sending;
    timer_ = modem_.loop().after(Millis(modem_.begin_send_delay_ms()), [this] { finish_submit(); });
}

void AtPort::finish_submit()
{
    timer_ = 0;
    std::vector<std::string> info;
    Final final = complete_submission(modem_, *submission_, link_, info);
    submission_.reset();
    state_ = State::command;
    if (link_.connection() == connection_) {
        respond(frame(info), final);
    } else {
        modem_.log("event=answer-lost reason=client-changed");
        flush_held();
    }
    process();
    modem_.network().pump();
}

void AtPort::respond(const std::string& body, const Final& final)
{
    std::string out = body;
    if (modem_.settings().urc_in_response) {
        for (const auto& text : held_)
            out += "\r\n" + text + "\r\n";
        held_.clear();
    }
    out += "\r\n" + final_text(final, modem_.profile().cmee) + "\r\n";
    write(out);
    flush_held();
}

void AtPort::unsolicited(const std::string& text)
{
    if (!link_.connected())
        return; // nobody listens
    if (executing_ || state_ != State::command) {
        if (held_.size() < max_held)
            held_.push_back(text);
        return;
    }
    write("\r\n" + text + "\r\n");
}

void AtPort::flush_held()
{
    std::string out;
    for (const auto& text : held_)
        out += "\r\n" + text + "\r\n";
    held_.clear();
    if (!out.empty())
        write(out);
}

void AtPort::echo(char c)
{
    if (modem_.profile().echo && !modem_.settings().silent)
        echo_ += c;
}

void AtPort::write(std::string_view bytes)
{
    std::string out = std::exchange(echo_, {});
    out += bytes;
    if (out.empty() || modem_.settings().silent)
        return;
    if (modem_.options().verbose)
        modem_.log("link=" + std::string(link_.kind()) + " tx=" + json_quote(out));
    link_.send(out);
}

void AtPort::reset()
{
    modem_.loop().cancel(timer_);
    timer_ = 0;
    state_ = State::command;
    input_.clear();
    line_.clear();
    pdu_.clear();
    echo_.clear();
    submission_.reset();
    held_.clear();
}

} // namespace smsgate::sim
