// table_text.hpp - the text of a table file in the manner of Postfix's
// tables (access(5)): one entry per logical line, '#' comments and blank
// lines ignored, a line that starts with whitespace continues the entry
// before it. Words keep their line numbers, so that an error in a
// continuation line names that line. Errors carry the line number as their
// field ("12") and say what is wrong, without the file name.
#pragma once

#include "util/result.hpp"

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::policy {

struct TextLine {
    int number = 0; // from 1
    std::string text;
};

// One entry: its first line and the continuation lines after it.
struct LogicalLine {
    std::vector<TextLine> lines;

    int number() const { return lines.front().number; }
};

// The whole table. Errors: a continuation line with no entry before it, a
// control character, a read error.
Result<std::vector<LogicalLine>> read_logical_lines(std::istream& in);

// NAME=VALUE; the value may be double-quoted ("PS: "), with \" and \\ inside.
struct Attribute {
    std::string name;
    std::string value;
    bool quoted = false;
    int line = 0;
};

// The words of one entry, left to right across its lines.
class Words {
public:
    explicit Words(const LogicalLine& entry) : entry_(entry) {}

    // No word left.
    bool done();
    // The line of the next word, else of the last word read.
    int line() const;
    // The next run of non-blank characters; empty when done.
    std::string_view word();
    Result<Attribute> attribute();

private:
    const std::string& text() const { return entry_.lines[line_].text; }
    void skip_blanks();
    Result<std::string> quoted_value(const std::string& name);

    const LogicalLine& entry_;
    std::size_t line_ = 0;
    std::size_t pos_ = 0;
};

} // namespace smsgate::policy
