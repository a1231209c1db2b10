// ctl.cpp - smsgatectl's command dispatch.
#include "commands.hpp"

#include <functional>
#include <ostream>
#include <string_view>

namespace smsgate::ctl {

namespace {

constexpr std::string_view usage_text =
    "usage: smsgatectl COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  pdu decode [--json] [--no-smsc] [--length N] [HEX...]\n"
    "                    print every field of SMS PDUs (from a modem log) in words\n"
    "  pdu encode [--json] --to NUMBER [--smsc NUMBER] [--srr] [--vp MINUTES]\n"
    "             [--class N] [--ucs2] [--no-transliterate] [--national LIST]\n"
    "             [--reference N] [TEXT]\n"
    "                    print the SMS-SUBMIT PDUs for a text, as AT+CMGS sends them\n"
    "  text [--json] [-c CONFIG] [--sender ADDRESS] [--prefix P] [--no-clean] < MAIL\n"
    "                    print the SMS text a mail becomes, its encoding and parts\n"
    "  check [-c CONFIG] [--postfix [CONFIG_DIR]]\n"
    "                    read smsgate.conf and the senders table as every program\n"
    "                    does, try each file as the user that opens it, with\n"
    "                    --postfix judge Postfix's configuration too, and say\n"
    "                    what is wrong\n"
    "  status [--json]   the modems of the running smsgated: link, registration,\n"
    "                    operator, signal, queue, counters\n"
    "  send NUMBER TEXT  send a test SMS through smsgated and wait for the outcome\n"
    "  history [--limit N]  the most recent messages and their states\n"
    "                    (these three take --socket PATH or -c smsgate.conf)\n"
    "  help              this text; 'smsgatectl COMMAND --help' for a command\n"
    "  version           the version\n"
    "\n"
    "Without HEX or TEXT, pdu decode and pdu encode read one item per line from\n"
    "standard input. See smsgatectl(8).\n";

struct Command {
    std::string_view first;
    std::string_view second; // empty: a one-word command
    std::function<int(const Args&, Streams)> run;
};

} // namespace

int run(const Args& args, Streams io)
{
    static const Command commands[] = {
        {"pdu", "decode", run_pdu_decode},
        {"pdu", "encode", run_pdu_encode},
        {"status", "", run_status},
        {"send", "", run_send},
        {"history", "", run_history},
        {"text", "", run_text},
        {"check", "", run_check},
    };
    if (args.empty()) {
        io.err << usage_text;
        return exit_usage;
    }
    if (args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        io.out << usage_text;
        return exit_ok;
    }
    if (args[0] == "version" || args[0] == "--version") {
        io.out << "smsgatectl " SMSGATE_VERSION "\n";
        return exit_ok;
    }
    for (const auto& c : commands) {
        if (args[0] != c.first)
            continue;
        if (c.second.empty())
            return c.run(Args(args.begin() + 1, args.end()), io);
        if (args.size() > 1 && args[1] == c.second)
            return c.run(Args(args.begin() + 2, args.end()), io);
    }
    io.err << "smsgatectl: unknown command '" << args[0] << (args.size() > 1 ? " " + args[1] : "")
           << "'\n"
           << usage_text;
    return exit_usage;
}

} // namespace smsgate::ctl
