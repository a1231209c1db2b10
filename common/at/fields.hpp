// fields.hpp - the arguments of an information response (ITU-T V.250 5.7.2,
// 3GPP TS 27.007 4.1): "+CMGL: 1,0,"Bob, Jr.",167" split into fields, with
// quoted strings (which may hold commas) and parenthesised lists of a test
// command's answer ("(0-2),(0,1)") kept whole.
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace smsgate::at {

struct Field {
    enum class Kind { bare, quoted, group };
    // Without the quotes of a quoted string; with the parentheses of a group.
    std::string text;
    Kind kind = Kind::bare;

    bool quoted() const { return kind == Kind::quoted; }
    // An omitted field (",,"), as opposed to an empty quoted string ("").
    bool omitted() const { return kind == Kind::bare && text.empty(); }
};

// The arguments of `line` after `prefix` ("+CMGL:"), blanks after the colon
// skipped. The error names the prefix when the line does not start with it.
Result<std::string_view> strip_prefix(std::string_view line, std::string_view prefix);

// Splits at the commas that are neither inside quotes nor inside
// parentheses. `what` names the response in errors ("+CMGL"). An empty
// argument string gives one omitted field.
Result<std::vector<Field>> split_fields(std::string_view args, std::string_view what);

// strip_prefix and split_fields together; the prefix without its colon
// names the response in errors.
Result<std::vector<Field>> response_fields(std::string_view line, std::string_view prefix);

// A decimal number in [min, max], quoted or not; `field` names it in the
// error ("+CMGL <index>").
Result<int> to_int(const Field& field, std::string_view name, int min, int max);

// The field `index` of `fields`, or an error naming it when there are fewer.
Result<Field> field_at(const std::vector<Field>& fields, std::size_t index, std::string_view name);

// A PDU line: one or more hexadecimal digits and nothing else.
bool is_hex_line(std::string_view line);

// Verbose texts compared the way modems vary them: lower case, "(U)SIM" as
// "sim", runs of blanks as one.
std::string fold_text(std::string_view text);

} // namespace smsgate::at
