// at_server.hpp - one link's AT command interpreter (TS 27.007 5, TS 27.005
// 3): command lines ended by CR, echo, the "> " prompt of AT+CMGS with its
// PDU ended by Ctrl-Z (ESC cancels), one command at a time (what arrives
// meanwhile waits), and unsolicited result codes held while a command runs.
#pragma once

#include "event_loop.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sim {

class Link;
class Modem;
struct Submission;

// The final result of a command line, or the prompt that AT+CMGS asks for.
struct Final {
    enum class Kind { ok, error, cme, cms, prompt };
    Kind kind = Kind::ok;
    int code = 0; // +CME/+CMS error code; the TPDU length for the prompt

    static Final ok() { return {}; }
    static Final error() { return {Kind::error, 0}; }
    static Final cme(int code) { return {Kind::cme, code}; }
    static Final cms(int code) { return {Kind::cms, code}; }
    static Final prompt(int length) { return {Kind::prompt, length}; }
    bool is_ok() const { return kind == Kind::ok; }
};

// One command of a command line: "+CMGS" with "=21", "E" with "0".
struct Command {
    enum class Form { action, read, test, set };
    std::string name; // upper case: "+CMGS", "E", "&F"
    Form form = Form::action;
    std::string args; // after '=' (extended) or the number after a basic command
};

// "AT+CMGF=0;+CNMI=2,1" into its commands; nothing when malformed or
// without the AT prefix. Case does not matter outside quotes.
bool is_command_line(std::string_view line);
std::optional<std::vector<Command>> parse_command_line(std::string_view line);

// Parameters split at commas outside quotes, blanks trimmed, quotes removed.
std::vector<std::string> split_args(std::string_view args);

// How a final result reads with this +CMEE setting.
std::string final_text(const Final& final, int cmee);

class AtPort {
public:
    AtPort(Modem& modem, Link& link);
    ~AtPort();
    AtPort(const AtPort&) = delete;
    AtPort& operator=(const AtPort&) = delete;

    Link& link() { return link_; }
    void receive(std::string_view bytes);
    void unsolicited(const std::string& text);
    // Power cycle: the command in progress is lost, held lines too.
    void reset();

private:
    enum class State { command, prompt_delay, prompt, sending };

    void process();
    void command_byte(char c);
    void prompt_byte(char c);
    void silent_byte(char c);
    void execute(const std::string& line);
    void respond(const std::string& body, const Final& final);
    void start_prompt(std::size_t length);
    void show_prompt();
    void submit_pdu();
    void finish_submit();
    void echo(char c);
    void write(std::string_view bytes);
    void flush_held();

    Modem& modem_;
    Link& link_;
    State state_ = State::command;
    std::string input_; // received, not yet looked at (waits while a command runs)
    std::string line_;  // the command line being typed
    std::string pdu_;   // hex after the prompt
    std::string echo_;  // echoed bytes not written yet: they go before any other output
    std::size_t prompt_length_ = 0;
    std::uint64_t connection_ = 0; // the client a delayed answer is for
    EventLoop::TimerId timer_ = 0;
    std::unique_ptr<Submission> submission_; // accepted at the prompt, waiting for the network
    std::vector<std::string> held_; // unsolicited lines waiting for the command to end
    bool executing_ = false;
};

} // namespace smsgate::sim
