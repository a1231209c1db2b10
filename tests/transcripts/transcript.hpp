// transcript.hpp - a modem transcript file (README.md in this folder gives
// the format): what the worker must write, what the modem answers, and the
// pauses between, as a list of steps with their line numbers.
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace smsgate::transcript {

// What a "<" line accepts: literal bytes with "*" runs of anything between.
class Pattern {
public:
    // The text of a "<" line as written: escapes as in unescape(), "*" a
    // wildcard, "\*" a star. Without a terminator at its end (CR, Ctrl-Z,
    // ESC), a CR is implied: "AT" matches the command line "AT\r".
    static Result<Pattern> parse(std::string_view text);
    // One unit the worker wrote, with its terminator (CR, Ctrl-Z or ESC).
    bool matches(std::string_view written) const;
    const std::string& text() const { return text_; }

private:
    std::vector<std::string> pieces_; // literal runs; a wildcard between each two
    std::string text_;                // as written in the file, for messages
};

struct Step {
    enum class Kind { expect, answer, sleep };
    Kind kind;
    int line;            // in the file, 1-based
    Pattern expect;      // kind expect
    std::string bytes;   // kind answer: exactly what the modem sends
    int milliseconds{};  // kind sleep
};

struct Transcript {
    std::string name; // the file name, for messages ("echo-on.txt")
    std::vector<Step> steps;
};

// Parses the text of a transcript; an error names the file and the line.
Result<Transcript> parse_transcript(std::string_view text, const std::string& name);
Result<Transcript> load_transcript(const std::string& path);

// The escapes of the format: \r \n \t \\ \xHH; an error for any other.
Result<std::string> unescape(std::string_view text);
// Bytes as a transcript line would show them: \r, \n, \x1a, ...
std::string escape(std::string_view bytes);

} // namespace smsgate::transcript
