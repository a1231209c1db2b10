// framer.hpp - the bytes a modem sends, cut into lines (ITU-T V.250 5.7.1:
// responses framed by <CR><LF>) and the SMS prompt of 3GPP TS 27.005 3.5.1
// ("<CR><LF><greater_than><space>", which ends no line). Pure: the caller
// reads the port and feeds whatever arrived, in chunks of any size.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::at {

// The longest line kept. The longest real one is a +CMGL or +CMT PDU line
// (176 octets, 352 hex digits) or a +COPS=? operator list; 4 KiB leaves a
// wide margin and bounds what line noise on a bad cable can cost.
inline constexpr std::size_t default_max_line = 4096;

// How much of an overlong line the overflow event carries, for the log.
inline constexpr std::size_t overflow_sample = 64;

enum class FrameKind {
    line,     // a complete, non-empty line
    prompt,   // "> " at the start of a line: the modem waits for the PDU
    overflow, // a line longer than the limit: cut, and skipped to its end
};

struct Frame {
    FrameKind kind = FrameKind::line;
    // line: the text without CR, LF, leading or trailing blanks and control
    // characters (the Ctrl-Z of an echoed PDU); overflow: its first bytes;
    // prompt: empty.
    std::string text;

    bool operator==(const Frame&) const = default;
};

class Framer {
public:
    explicit Framer(std::size_t max_line = default_max_line);

    // Any chunking gives the same frames: a line or a prompt split across
    // two reads is held until it is complete. CR, LF and CRLF all end a
    // line; empty lines are dropped; NUL bytes are ignored. Every frame
    // returned must reach the transaction, also those after the one that
    // completed a command: they are the URCs or answers that followed it.
    std::vector<Frame> feed(std::string_view bytes);

    // Forgets a partial line (after the link was reopened).
    void reset();

    // A line has begun and is not complete yet.
    bool mid_line() const { return !line_.empty() || discarding_; }

private:
    void push(char c, std::vector<Frame>& frames);
    void end_line(std::vector<Frame>& frames);

    std::size_t max_line_;
    std::string line_;
    bool discarding_ = false; // inside an overlong line, until its end
};

} // namespace smsgate::at
