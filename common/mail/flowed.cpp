// flowed.cpp - RFC 3676 section 4: interpreting format=flowed.
#include "mail/flowed.hpp"

#include <optional>

namespace smsgate::mail {

namespace {

struct FlowedLine {
    std::size_t depth = 0; // quote depth: the number of leading '>'
    std::string_view content;
    bool flowed = false;   // ends in a soft line break
    bool signature = false; // "-- ", never joined to what comes before
};

// RFC 3676 4.5 (quote depth), 4.4 (space-stuffing), 4.3 (signature
// separator), 4.2 (a trailing space marks a flowed line).
FlowedLine read_line(std::string_view line, bool delsp)
{
    FlowedLine out;
    while (out.depth < line.size() && line[out.depth] == '>')
        ++out.depth;
    std::string_view rest = line.substr(out.depth);
    if (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    out.signature = rest == "-- ";
    out.flowed = !out.signature && !rest.empty() && rest.back() == ' ';
    if (out.flowed && delsp)
        rest.remove_suffix(1);
    out.content = rest;
    return out;
}

void emit(std::string& out, std::size_t depth, const std::string& content)
{
    if (depth > 0) {
        out.append(depth, '>');
        if (!content.empty())
            out += ' ';
    }
    out += content;
    out += '\n';
}

} // namespace

std::string decode_flowed(std::string_view text, bool delsp)
{
    std::string out;
    std::optional<std::size_t> open_depth; // a paragraph is being joined
    std::string paragraph;
    auto flush = [&] {
        if (open_depth)
            emit(out, *open_depth, paragraph);
        open_depth.reset();
        paragraph.clear();
    };
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        FlowedLine line = read_line(text.substr(start, end - start), delsp);
        start = end + 1;
        // A change of depth ends a paragraph (RFC 3676 4.5), and so does
        // the signature separator.
        if (open_depth && (*open_depth != line.depth || line.signature))
            flush();
        open_depth = line.depth;
        paragraph += line.content;
        if (!line.flowed)
            flush();
    }
    flush();
    if (!out.empty() && (text.empty() || text.back() != '\n'))
        out.pop_back();
    return out;
}

} // namespace smsgate::mail
