// Fuzz target: the AT stack (framer, transaction, final results, URC
// registry, response parsers) must take any bytes a modem or a bad cable
// can produce, in any chunking, without a crash, a sanitizer report or an
// unbounded line. Input: "<command line>\n<modem bytes>"; the command line
// picks the table entry whose text it starts with (or none: an unknown
// command with no prefixes), and the command is begun again each time it
// completes, so that the whole stream is sorted with a command in flight.
#include "at/commands.hpp"
#include "at/framer.hpp"
#include "at/parse_network.hpp"
#include "at/parse_sms.hpp"
#include "at/transaction.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace smsgate::at;

namespace {

constexpr std::size_t max_line = 512;

Expect expect_of(std::string_view command)
{
    for (const auto& spec : command_table()) {
        auto fixed = spec.format.substr(0, spec.format.find('{'));
        if (command.starts_with(fixed))
            return expect_for(spec, std::string(command));
    }
    Expect unknown;
    unknown.command = std::string(command);
    return unknown;
}

template <typename T>
void check(const smsgate::Result<T>& result)
{
    if (!result.ok() && result.error().message.empty())
        __builtin_trap(); // every error says what is wrong
}

// Every parser on every line: a value or an error, never a crash.
void parse_all(std::string_view line)
{
    check(parse_cmgs(line));
    check(parse_cmgl(line));
    check(parse_cmgr(line));
    check(parse_cmti(line));
    check(parse_cmt(line));
    check(parse_cds(line));
    check(parse_cpms(line));
    check(parse_cnmi_support(line));
    check(parse_csca(line));
    check(parse_csms(line));
    check(parse_csq(line));
    check(parse_registration(line));
    check(parse_cops(line));
    check(parse_cpin(line));
    check(parse_identification(line, "+CGMI:"));
}

void check_frame(const Frame& frame)
{
    if (frame.kind == FrameKind::line &&
        (frame.text.empty() || frame.text.size() > max_line || frame.text.find_first_of("\r\n") != std::string::npos))
        __builtin_trap();
    if (frame.kind == FrameKind::overflow && frame.text.size() > overflow_sample)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto newline = input.find('\n');
    if (newline == std::string_view::npos)
        return 0;
    auto expect = expect_of(input.substr(0, newline));
    auto bytes = input.substr(newline + 1);
    std::size_t chunk = 1 + size % 17;

    Framer framer(max_line);
    Transaction transaction(expect);
    for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
        for (const auto& frame : framer.feed(bytes.substr(pos, chunk))) {
            check_frame(frame);
            if (frame.kind == FrameKind::line)
                parse_all(frame.text);
            auto step = transaction.feed(frame);
            if (step.done && !transaction.begin(expect))
                __builtin_trap(); // completed, so nothing can be in flight
        }
    }
    return 0;
}
