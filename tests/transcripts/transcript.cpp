// transcript.cpp - reading transcript files: line kinds, escapes, patterns.
#include "transcript.hpp"

#include "directives.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace smsgate::transcript {

namespace {

// The modem's framing of a response line (V.250 5.7.1, verbose mode), and
// the SMS prompt of TS 27.005 3.5.1, which ends no line.
constexpr std::string_view crlf = "\r\n";
constexpr std::string_view prompt = "\r\n> ";
// A pause longer than this is a mistake: every test must stay fast.
constexpr int longest_sleep_ms = 10000;

bool terminator(char c)
{
    return c == '\r' || c == '\x1a' || c == '\x1b';
}

int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The escape at text[i] (a backslash), appended to out; i moves past it.
Status unescape_one(std::string_view text, std::size_t& i, std::string& out)
{
    if (i + 1 >= text.size())
        return make_error("escape", "a backslash ends the line (write \\\\ for one)");
    char c = text[i + 1];
    i += 2;
    switch (c) {
    case 'r': out += '\r'; return Done{};
    case 'n': out += '\n'; return Done{};
    case 't': out += '\t'; return Done{};
    case '\\': out += '\\'; return Done{};
    case 'x':
        if (i + 1 < text.size() && hex_digit(text[i]) >= 0 && hex_digit(text[i + 1]) >= 0) {
            out += static_cast<char>(hex_digit(text[i]) * 16 + hex_digit(text[i + 1]));
            i += 2;
            return Done{};
        }
        return make_error("escape", "\\x needs two hexadecimal digits");
    default:
        return make_error("escape", std::string("unknown escape \\") + c);
    }
}

Result<Step> parse_line(std::string_view line, int number)
{
    if (line == ">")
        return Step{Step::Kind::answer, number, {}, std::string(prompt), 0, {}};
    if (line.starts_with("> ")) {
        auto text = line.substr(2);
        if (text.find('\\') == std::string_view::npos)
            return Step{Step::Kind::answer, number, {}, std::string(crlf) + std::string(text) + std::string(crlf), 0, {}};
        auto raw = unescape(text); // sent exactly as written
        if (!raw)
            return raw.error();
        return Step{Step::Kind::answer, number, {}, std::move(raw).value(), 0, {}};
    }
    if (line.starts_with("< ")) {
        auto pattern = Pattern::parse(line.substr(2));
        if (!pattern)
            return pattern.error();
        return Step{Step::Kind::expect, number, std::move(pattern).value(), {}, 0, {}};
    }
    if (line.starts_with("= sleep ")) {
        auto digits = line.substr(8);
        int ms = -1;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), ms);
        if (ec != std::errc{} || end != digits.data() + digits.size() || ms < 0 || ms > longest_sleep_ms)
            return make_error("= sleep", "wants milliseconds from 0 to " + std::to_string(longest_sleep_ms));
        return Step{Step::Kind::sleep, number, {}, {}, ms, {}};
    }
    return make_error("line", "expected \"< \" (the worker writes), \"> \" or \">\" (the modem answers), "
                              "\"= sleep MS\", \"@init\", \"@set\", \"@submit\", \"! \" (an expectation), or \"#\"");
}

// A prologue's name: letters, digits, "-" and "_" (no path).
bool prologue_name(std::string_view name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

// "@init NAME" at line `number`: the prologue's steps and settings, marked
// with where they come from. A prologue includes none and expects nothing.
Status include_prologue(Transcript& t, std::string_view name, int number, const Includer& include)
{
    if (!include)
        return make_error("@init", "no prologue can be included here (a prologue includes none)");
    if (!prologue_name(name))
        return make_error("@init", "wants the name of a file in init/ without .txt (\"@init default\")");
    auto text = include(std::string(name));
    if (!text)
        return text.error();
    auto file = "init/" + std::string(name) + ".txt";
    auto prologue = parse_transcript(*text, file);
    if (!prologue)
        return prologue.error();
    if (!prologue->submissions.empty() || !prologue->expectations.empty())
        return make_error("@init", file + " has @submit or \"!\" lines: they belong in the transcript");
    for (auto step : prologue->steps) {
        step.from = file + ":" + std::to_string(step.line);
        step.line = number;
        t.steps.push_back(std::move(step));
    }
    // Applied first: the file's own settings win, wherever they stand.
    auto at = t.settings.begin();
    for (auto setting : prologue->settings) {
        setting.from = file + ":" + std::to_string(setting.line);
        setting.line = number;
        at = t.settings.insert(at, std::move(setting)) + 1;
    }
    return Done{};
}

// A line that is not played: @init, @set, @submit, or an expectation.
// False when the line is none of them.
Result<bool> parse_directive(Transcript& t, std::string_view line, int number, const Includer& include)
{
    auto after = [&](std::string_view word) { return line.substr(word.size()); };
    if (line.starts_with("@init ")) {
        if (auto ok = include_prologue(t, after("@init "), number, include); !ok)
            return ok.error();
    } else if (line.starts_with("@set ")) {
        auto s = parse_setting(after("@set "), number);
        if (!s)
            return s.error();
        t.settings.push_back(std::move(s).value());
    } else if (line.starts_with("@submit ")) {
        auto s = parse_submission(after("@submit "), number);
        if (!s)
            return s.error();
        t.submissions.push_back(std::move(s).value());
    } else if (line.starts_with("! ")) {
        auto e = parse_expectation(after("! "), number);
        if (!e)
            return e.error();
        t.expectations.push_back(std::move(e).value());
    } else {
        return false;
    }
    return true;
}

} // namespace

Result<std::string> unescape(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '\\') {
            out += text[i++];
            continue;
        }
        if (auto ok = unescape_one(text, i, out); !ok)
            return ok.error();
    }
    return out;
}

std::string escape(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        auto u = static_cast<unsigned char>(c);
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\\')
            out += "\\\\";
        else if (u < 0x20 || u >= 0x7F)
            out += std::string("\\x") + digits[u >> 4] + digits[u & 15];
        else
            out += c;
    }
    return out;
}

Result<Pattern> Pattern::parse(std::string_view text)
{
    Pattern p;
    p.text_ = std::string(text);
    p.pieces_.emplace_back();
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '*') {
            p.pieces_.emplace_back();
            ++i;
        } else if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '*') {
            p.pieces_.back() += '*';
            i += 2;
        } else if (text[i] == '\\') {
            if (auto ok = unescape_one(text, i, p.pieces_.back()); !ok)
                return ok.error();
        } else {
            p.pieces_.back() += text[i++];
        }
    }
    auto& last = p.pieces_.back();
    if (last.empty() || !terminator(last.back()))
        last += '\r';
    return p;
}

bool Pattern::matches(std::string_view written) const
{
    const auto& first = pieces_.front();
    if (pieces_.size() == 1)
        return written == first;
    const auto& last = pieces_.back();
    if (written.size() < first.size() + last.size() || !written.starts_with(first) || !written.ends_with(last))
        return false;
    auto middle = written.substr(first.size(), written.size() - first.size() - last.size());
    for (std::size_t k = 1; k + 1 < pieces_.size(); ++k) {
        auto at = middle.find(pieces_[k]);
        if (at == std::string_view::npos)
            return false;
        middle.remove_prefix(at + pieces_[k].size());
    }
    return true;
}

std::string location(const std::string& name, int line, const std::string& from)
{
    return name + ":" + std::to_string(line) + (from.empty() ? "" : " (" + from + ")");
}

Result<Transcript> parse_transcript(std::string_view text, const std::string& name, const Includer& include)
{
    Transcript t{name, {}, {}, {}, {}};
    int number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        auto line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        ++number;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        auto directive = parse_directive(t, line, number, include);
        if (!directive)
            return make_error(name + ":" + std::to_string(number), directive.error().what());
        if (*directive)
            continue;
        auto step = parse_line(line, number);
        if (!step)
            return make_error(name + ":" + std::to_string(number), step.error().what());
        t.steps.push_back(std::move(step).value());
    }
    return t;
}

Result<Transcript> load_transcript(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error(path, "cannot read the transcript");
    std::ostringstream text;
    text << in.rdbuf();
    auto slash = path.rfind('/');
    auto dir = slash == std::string::npos ? std::string(".") : path.substr(0, slash);
    return parse_transcript(text.str(), slash == std::string::npos ? path : path.substr(slash + 1),
                            prologues_in(dir));
}

Includer prologues_in(const std::string& dir)
{
    return [dir](const std::string& name) -> Result<std::string> {
        std::ifstream prologue(dir + "/init/" + name + ".txt", std::ios::binary);
        if (!prologue)
            return make_error("@init", "no prologue init/" + name + ".txt");
        std::ostringstream out;
        out << prologue.rdbuf();
        return out.str();
    };
}

} // namespace smsgate::transcript
