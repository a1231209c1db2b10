// clean.cpp - signature, quote and blank-line removal on the lines of a body.
#include "mail/clean.hpp"

#include <algorithm>
#include <vector>

namespace smsgate::mail {

namespace {

using Lines = std::vector<std::string>;

// The line a mail client writes above the text it quotes: it begins with
// the first word and contains the verb; it always ends with ':'.
struct Attribution {
    std::string_view first;
    std::string_view verb;
};

constexpr Attribution attributions[] = {
    {"On ", " wrote"},                   // Gmail, Thunderbird, Apple Mail
    {"Le ", " a \xC3\xA9" "crit"},       // "a écrit :"
    {"Am ", " schrieb"},                 // "Am 19.11.2007 um 16:52 schrieb ...:"
    {"Op ", " schreef"},                 // "Op 19 nov. 2007 om 16:52 schreef ...:"
    {"Op ", " het volgende geschreven"}, // Apple Mail in Dutch
    {"El ", " escribi\xC3\xB3"},         // "escribió:"
    {"Il ", " ha scritto"},
};

// Outlook quotes nothing: the original follows one of these lines.
constexpr std::string_view original_message_lines[] = {
    "-----Original Message-----",
    "-----Oorspronkelijk bericht-----",
    "-----Message d'origine-----",
    "-----Urspr\xC3\xBCngliche Nachricht-----",
};

// Newer Outlook (and Outlook for Mac, and Outlook's HTML once rendered as
// text) writes the original's headers above it, in the reader's language:
// a From line, then a Sent or Date line and a Subject line among the next.
constexpr std::string_view header_from[] = {"From:", "Von:", "Van:", "De :", "De:", "Da:"};
constexpr std::string_view header_sent[] = {
    "Sent:", "Date:", "Gesendet:", "Datum:", "Verzonden:", "Envoy\xC3\xA9 :", "Envoy\xC3\xA9:", "Inviato:", "Enviado:",
};
constexpr std::string_view header_subject[] = {"Subject:", "Betreff:", "Onderwerp:", "Objet :", "Objet:",
                                               "Oggetto:", "Asunto:"};

// What phone mail apps append instead of a signature.
constexpr std::string_view mobile_trailers[] = {
    "Sent from my ",          "Sent from Outlook",     "Get Outlook for ",
    "Verstuurd vanaf mijn ",  "Verzonden vanaf mijn ", "Envoy\xC3\xA9 de mon ",
    "Envoy\xC3\xA9 depuis mon ", "Von meinem ",        "Enviado desde mi ",
    "Inviato da ",
};

std::string_view trim(std::string_view s)
{
    auto b = s.find_first_not_of(" \t\n");
    if (b == std::string_view::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\n") - b + 1);
}

bool blank(std::string_view line) { return trim(line).empty(); }
bool quoted(std::string_view line) { return !line.empty() && line.front() == '>'; }

Lines split_lines(std::string_view text)
{
    Lines lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string join_lines(const Lines& lines)
{
    std::string out;
    for (const auto& line : lines) {
        out += line;
        out += '\n';
    }
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

// "Sent from my iPhone" as the last line.
void drop_mobile_trailer(Lines& lines)
{
    auto last = std::find_if(lines.rbegin(), lines.rend(), [](const std::string& l) { return !blank(l); });
    if (last == lines.rend() || last->size() > 60)
        return;
    std::string_view line = trim(*last);
    for (auto trailer : mobile_trailers)
        if (line.substr(0, trailer.size()) == trailer) {
            lines.erase(std::next(last).base(), lines.end());
            return;
        }
}

void drop_signature(Lines& lines)
{
    auto sep = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
        return l == "-- " || l == "--"; // HTML conversion and some clients lose the space
    });
    lines.erase(sep, lines.end());
    drop_mobile_trailer(lines);
}

template <std::size_t N>
bool starts_with_any(std::string_view line, const std::string_view (&labels)[N])
{
    return std::any_of(std::begin(labels), std::end(labels),
                       [&](std::string_view label) { return line.substr(0, label.size()) == label; });
}

// A From line under some text, with a Sent (or Date) and a Subject line
// among the four lines after it.
bool outlook_header_block(const Lines& lines, std::size_t i)
{
    if (i == 0 || !starts_with_any(trim(lines[i]), header_from))
        return false;
    bool sent = false;
    bool subject = false;
    for (std::size_t k = i + 1; k < lines.size() && k <= i + 4; ++k) {
        std::string_view line = trim(lines[k]);
        sent = sent || starts_with_any(line, header_sent);
        subject = subject || starts_with_any(line, header_subject);
    }
    return sent && subject;
}

bool outlook_original(const Lines& lines, std::size_t i, bool header_block)
{
    if (header_block && outlook_header_block(lines, i))
        return true;
    std::string_view line = trim(lines[i]);
    for (auto marker : original_message_lines)
        if (line == marker)
            return true;
    // Newer Outlook: a rule of underscores, then the original's From: line.
    return line.size() >= 10 && line.find_first_not_of('_') == std::string_view::npos && i + 1 < lines.size() &&
           lines[i + 1].rfind("From:", 0) == 0;
}

// The attribution above the quote block that begins at line q, possibly
// wrapped over up to three lines (Gmail wraps it like any text, and may
// even break "<address>:" so that the quote block begins with ">:"): the
// index of its first line, or q when there is none.
std::size_t attribution_start(const Lines& lines, std::size_t q)
{
    std::size_t end = q;
    while (end > 0 && blank(lines[end - 1]))
        --end;
    std::string_view wrapped_tail = trim(lines[q]) == ">:" ? ">:" : "";
    for (std::size_t n = 1; n <= 3 && n <= end; ++n) {
        if (blank(lines[end - n]) || quoted(lines[end - n]))
            break;
        std::string joined;
        for (std::size_t k = end - n; k < end; ++k)
            joined += std::string(trim(lines[k])) + (k + 1 < end ? " " : "");
        if (is_attribution(joined + std::string(wrapped_tail)))
            return end - n;
    }
    return q;
}

void drop_quotes(Lines& lines, bool header_block)
{
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (outlook_original(lines, i, header_block)) {
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i), lines.end());
            break;
        }
    std::vector<bool> drop(lines.size(), false);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!quoted(lines[i]))
            continue;
        if (i == 0 || !quoted(lines[i - 1]))
            for (std::size_t k = attribution_start(lines, i); k < i; ++k)
                drop[k] = true;
        drop[i] = true;
    }
    Lines kept;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (!drop[i])
            kept.push_back(std::move(lines[i]));
    lines = std::move(kept);
}

void strip_trailing_spaces(Lines& lines)
{
    for (auto& line : lines)
        line.erase(line.find_last_not_of(" \t") + 1);
}

void collapse_blank_lines(Lines& lines)
{
    Lines kept;
    for (auto& line : lines) {
        bool is_blank = blank(line);
        if (is_blank && (kept.empty() || blank(kept.back())))
            continue;
        kept.push_back(is_blank ? std::string() : std::move(line));
    }
    while (!kept.empty() && blank(kept.back()))
        kept.pop_back();
    lines = std::move(kept);
}

std::string apply(std::string_view text, const CleanOptions& options)
{
    Lines lines = split_lines(text);
    if (options.signature)
        drop_signature(lines);
    if (options.quotes)
        drop_quotes(lines, options.header_block);
    // "Sent from my iPhone" above the quote is the last line once it is gone.
    if (options.signature && options.quotes)
        drop_mobile_trailer(lines);
    if (options.trailing_spaces)
        strip_trailing_spaces(lines);
    if (options.blank_lines)
        collapse_blank_lines(lines);
    return join_lines(lines);
}

} // namespace

std::string normalize_text(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else if (c >= 0x20 || c == '\n' || c == '\t') {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string clean_body(std::string_view text, const CleanOptions& options)
{
    std::string out = apply(text, options);
    if (blank(out) && !blank(text) && (options.signature || options.quotes)) {
        CleanOptions keep_all = options;
        keep_all.signature = keep_all.quotes = false;
        out = apply(text, keep_all);
    }
    return out;
}

bool is_attribution(std::string_view line)
{
    line = trim(line);
    if (line.empty() || line.back() != ':')
        return false;
    for (const auto& a : attributions)
        if (line.substr(0, a.first.size()) == a.first && line.find(a.verb) != std::string_view::npos)
            return true;
    return false;
}

} // namespace smsgate::mail
