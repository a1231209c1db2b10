// directives.hpp - the lines of a transcript that are not played: "@set",
// "@submit" and the expectations ("! kind key=value ..."), with the
// vocabulary of the expectations, so that a misspelt key fails when the
// file is read, with its line.
#pragma once

#include "transcript.hpp"

#include <string_view>
#include <vector>

namespace smsgate::transcript {

// key=value words separated by blanks; a value is one word, or "..." with
// \" and \\ inside; "key=" is an empty value.
Result<std::vector<Field>> parse_fields(std::string_view text);

// The text after "@set ": one key=value.
Result<Setting> parse_setting(std::string_view text, int line);
// The text after "@submit ": text=... and, optionally, number=...
Result<Submission> parse_submission(std::string_view text, int line);
// The text after "! ": a kind of the vocabulary and its keys.
Result<Expectation> parse_expectation(std::string_view text, int line);

// One kind of expectation: the keys it must have and may have.
struct ExpectationKind {
    std::string_view name;
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
};
const std::vector<ExpectationKind>& expectation_kinds();

} // namespace smsgate::transcript
