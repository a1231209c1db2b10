// final_result.cpp - whole-line recognition of final result codes, with the
// numeric and the verbose forms of +CME ERROR and +CMS ERROR.
#include "at/final_result.hpp"

#include "at/cme_error.hpp"
#include "at/fields.hpp"
#include "sms/cms_error.hpp"

#include <array>
#include <utility>

namespace smsgate::at {

namespace {

// The codes TS 27.005 3.2.5 and the TS 24.011/23.040 causes it includes can
// take; the verbose text is looked up among them.
constexpr int last_standard_cms_code = 511;

// The code whose text (as sms::describe_cms_error words it) is `text`, when
// exactly one code has it: the texts of unlisted codes ("unknown network
// cause") are shared by many and name none.
int cms_error_code(std::string_view text)
{
    auto folded = fold_text(text);
    int found = -1;
    for (int code = 0; code <= last_standard_cms_code; ++code) {
        if (fold_text(sms::describe_cms_error(code).text) != folded)
            continue;
        if (found >= 0)
            return -1;
        found = code;
    }
    return found;
}

bool all_digits(std::string_view text)
{
    if (text.empty() || text.size() > 9)
        return false;
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    return true;
}

// "+CME ERROR: 10", "+CME ERROR:10", "+CME ERROR: SIM not inserted".
std::optional<FinalResult> error_report(std::string_view line, std::string_view prefix, FinalKind kind,
                                        int (*code_of_text)(std::string_view))
{
    if (!line.starts_with(prefix))
        return std::nullopt;
    auto args = line.substr(prefix.size());
    while (!args.empty() && (args.front() == ' ' || args.front() == '\t'))
        args.remove_prefix(1);
    FinalResult result{kind, -1, {}};
    if (all_digits(args)) {
        result.code = 0;
        for (char c : args)
            result.code = result.code * 10 + (c - '0');
        return result;
    }
    result.text = std::string(args);
    result.code = code_of_text(args);
    return result;
}

constexpr std::array<std::pair<std::string_view, FinalKind>, 8> plain_results = {{
    {"OK", FinalKind::ok},
    {"ERROR", FinalKind::error},
    {"NO CARRIER", FinalKind::no_carrier},
    {"NO DIALTONE", FinalKind::no_dialtone},
    {"BUSY", FinalKind::busy},
    {"NO ANSWER", FinalKind::no_answer},
    {"COMMAND NOT SUPPORT", FinalKind::not_supported},
    {"TOO MANY PARAMETERS", FinalKind::too_many_parameters},
}};

} // namespace

std::optional<FinalResult> parse_final_result(std::string_view line)
{
    for (const auto& [text, kind] : plain_results)
        if (line == text)
            return FinalResult{kind, -1, {}};
    if (auto cme = error_report(line, "+CME ERROR:", FinalKind::cme_error, cme_error_code))
        return cme;
    return error_report(line, "+CMS ERROR:", FinalKind::cms_error, cms_error_code);
}

std::string_view final_kind_name(FinalKind kind)
{
    switch (kind) {
    case FinalKind::ok: return "OK";
    case FinalKind::error: return "ERROR";
    case FinalKind::cme_error: return "+CME ERROR";
    case FinalKind::cms_error: return "+CMS ERROR";
    case FinalKind::no_carrier: return "NO CARRIER";
    case FinalKind::no_dialtone: return "NO DIALTONE";
    case FinalKind::busy: return "BUSY";
    case FinalKind::no_answer: return "NO ANSWER";
    case FinalKind::not_supported: return "COMMAND NOT SUPPORT";
    case FinalKind::too_many_parameters: return "TOO MANY PARAMETERS";
    }
    return "?";
}

std::string describe_final_result(const FinalResult& result)
{
    std::string out(final_kind_name(result.kind));
    if (result.kind != FinalKind::cme_error && result.kind != FinalKind::cms_error)
        return out;
    out += ": " + std::to_string(result.code);
    std::string_view words = result.text;
    if (words.empty())
        words = result.kind == FinalKind::cme_error ? cme_error_text(result.code)
                                                    : sms::describe_cms_error(result.code).text;
    if (!words.empty())
        out += " (" + std::string(words) + ")";
    return out;
}

} // namespace smsgate::at
