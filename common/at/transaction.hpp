// transaction.hpp - one command in flight on an AT channel, and the lines
// that come while it is: each line is sorted into the command's response,
// an unsolicited result (with its PDU line), the echo of the command, or
// noise, until a final result completes it. The same object keeps sorting
// while no command is in flight, so that idle URCs are handed out too, and
// a +CMT whose PDU line straddles the start of a command stays whole.
// Pure: the caller feeds framer events and acts on what comes out; the
// timeouts are the caller's (see commands.hpp).
#pragma once

#include "at/final_result.hpp"
#include "at/framer.hpp"
#include "at/urc.hpp"

#include <optional>
#include <string>
#include <vector>

namespace smsgate::at {

// What one command expects back (commands.hpp builds it from its table).
struct Expect {
    std::string command;               // the line sent, without CR: its echo is dropped
    std::vector<std::string> prefixes; // "+CMGL:": lines with them are the response
    bool pdu_follows = false;          // each response header is followed by a PDU line
    bool prompt = false;               // the command waits for "> " (AT+CMGS)
    bool bare_lines = false;           // lines without a prefix are response too (AT+CGSN)
};

// A response line; for +CMGL/+CMGR, the header with its PDU line.
struct ResponseLine {
    std::string line;
    std::optional<std::string> pdu; // empty when none follows, or the modem sent none

    bool operator==(const ResponseLine&) const = default;
};

enum class NoiseKind {
    unknown_line,      // expected by nobody: a vendor's status line, garbage
    unexpected_prompt, // "> " when no command waits for one
    stray_final,       // a final result while no command is in flight (a late answer)
    overflow,          // a line longer than the framer keeps
};

struct Noise {
    NoiseKind kind;
    std::string text;

    bool operator==(const Noise&) const = default;
};

// A completed command.
struct Outcome {
    std::string command;
    std::vector<ResponseLine> lines;
    FinalResult final;
    bool prompt_seen = false;
    // What arrived while the command was in flight, for its log line. Each
    // was already handed out by feed() in Step: dispatch from there only.
    std::vector<Urc> urcs;
    std::vector<Noise> noise;

    bool ok() const { return final.ok(); }
    bool operator==(const Outcome&) const = default;
    // The first response line with `prefix` ("+CSQ:"), or null.
    const ResponseLine* find(std::string_view prefix) const;
};

// What one framer event produced.
struct Step {
    std::vector<Urc> urcs;       // complete: with their PDU line when one follows
    std::vector<Noise> noise;    // for the log; never part of a response
    bool prompt = false;         // the command's "> ": write the PDU and Ctrl-Z now
    std::optional<Outcome> done; // the command completed with this final result
};

namespace detail {

// The state of the command in flight (outside Transaction so that it is
// complete where std::optional needs it).
struct InFlight {
    Expect expect;
    Outcome outcome;
    bool echo_seen = false;
    bool pdu_echo_seen = false;
    bool awaiting_pdu = false; // the last response header waits for its PDU line
};

} // namespace detail

class Transaction {
public:
    Transaction() = default; // no command in flight
    explicit Transaction(Expect expect);

    // Starts a command; false (and nothing changes) when one is in flight.
    bool begin(Expect expect);

    // Every frame, in order, whether a command is in flight or not.
    Step feed(const Frame& frame);

    // Gives the command up (its timeout passed). A final result that comes
    // later is stray noise, unless a new command is already in flight: the
    // caller must resynchronise (AT, wait for OK) after a timeout.
    void abandon();

    bool in_flight() const { return command_.has_value(); }
    // A +CMT/+CDS/+CBM header waits for its PDU line.
    bool urc_pending() const { return urc_.has_value(); }

private:
    void feed_line(const std::string& line, Step& step);
    bool command_line(const std::string& line, Step& step);
    bool expected(const std::string& line, const UrcSpec* urc) const;
    void complete(FinalResult final, Step& step);
    void hand_out(Urc urc, Step& step);
    void flush_urc(Step& step);
    void note(Noise noise, Step& step);

    std::optional<detail::InFlight> command_;
    std::optional<Urc> urc_; // a header whose PDU line has not come yet
};

} // namespace smsgate::at
