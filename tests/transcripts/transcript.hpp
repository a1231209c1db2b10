// transcript.hpp - a modem transcript file (README.md in this folder gives
// the format): what the worker must write, what the modem answers, and the
// pauses between, as a list of steps with their line numbers; the shared
// prologues it includes (@init), the harness settings (@set), the jobs
// submitted before the play (@submit), and what must come of it ("!").
#pragma once

#include "util/result.hpp"

#include <functional>
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
    int line;            // in the file, 1-based (of its @init line when included)
    Pattern expect;      // kind expect
    std::string bytes;   // kind answer: exactly what the modem sends
    int milliseconds{};  // kind sleep
    std::string from;    // included: "init/default.txt:12"; empty otherwise
};

// A key=value word of a directive or an expectation; a value with blanks
// is written in double quotes ("\"" and "\\" inside them).
struct Field {
    std::string key;
    std::string value;
};

// "@set key=value": a harness setting (a key of [modem.NAME] or [worker]).
struct Setting {
    int line;
    std::string from;
    std::string key;
    std::string value;
};

// "@submit text=... [number=...]": a job stored before the play; the
// expectations call the first "job=1".
struct Submission {
    int line;
    std::string text;
    std::string number;
};

// "! kind key=value ...": what must hold after the play (expectations.hpp
// has the vocabulary).
struct Expectation {
    int line;
    std::string kind;
    std::vector<Field> fields;
    std::string written; // the line after "! ", for messages

    // The value of a field, or nothing when the line has none.
    const std::string* get(std::string_view key) const;
};

struct Transcript {
    std::string name; // the file name, for messages ("echo-on.txt")
    std::vector<Step> steps;
    std::vector<Setting> settings;
    std::vector<Submission> submissions;
    std::vector<Expectation> expectations;
};

// "echo-on.txt:12", or "cms-errors.txt:7 (init/default.txt:12)" for a line
// an @init brought in.
std::string location(const std::string& name, int line, const std::string& from);

// The text of a shared prologue by its name ("default": init/default.txt).
using Includer = std::function<Result<std::string>(const std::string& name)>;

// Parses the text of a transcript; an error names the file and the line.
// Without an includer, "@init" is an error.
Result<Transcript> parse_transcript(std::string_view text, const std::string& name, const Includer& include = {});
// Reads a file; "@init NAME" reads init/NAME.txt beside it.
Result<Transcript> load_transcript(const std::string& path);
// The prologues in dir/init/.
Includer prologues_in(const std::string& dir);

// The escapes of the format: \r \n \t \\ \xHH; an error for any other.
Result<std::string> unescape(std::string_view text);
// Bytes as a transcript line would show them: \r, \n, \x1a, ...
std::string escape(std::string_view bytes);

} // namespace smsgate::transcript
