// html_text.cpp - a small HTML-to-text renderer for mail bodies. Not an
// HTML parser: it reads tags and text in order and keeps only what decides
// where lines begin and end.
#include "mail/html_text.hpp"

#include "mail/html_entities.hpp"
#include "sms/utf8.hpp"

#include <algorithm>
#include <cctype>

namespace smsgate::mail {

namespace {

// Elements whose start and end tags begin a new line.
constexpr std::string_view block_elements[] = {
    "address", "article", "aside",  "blockquote", "body",   "caption", "center", "dd",      "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure", "footer", "form",  "h1",      "h2",
    "h3",      "h4",      "h5",     "h6",         "header", "hr",      "html",   "li",      "main",
    "nav",     "ol",      "p",      "pre",        "section", "table",  "tr",     "ul",
};

// Elements whose content is not text for the reader.
constexpr std::string_view raw_text_elements[] = {"script", "style", "title"};

// UTF-8 of characters that are there to steer layout, not to be read:
// soft hyphen, combining grapheme joiner, zero-width space to right-to-left
// mark, word joiner, zero-width no-break space (BOM).
constexpr std::string_view invisible[] = {
    "\xC2\xAD",     "\xCD\x8F",     "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D",
    "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x81\xA0", "\xEF\xBB\xBF",
};
constexpr std::string_view nbsp_utf8 = "\xC2\xA0";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

template <std::size_t N>
bool among(std::string_view name, const std::string_view (&names)[N])
{
    return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::size_t find_nocase(std::string_view text, std::string_view what, std::size_t from)
{
    auto it = std::search(text.begin() + static_cast<std::ptrdiff_t>(std::min(from, text.size())), text.end(),
                          what.begin(), what.end(), [](char a, char b) {
                              return std::tolower(static_cast<unsigned char>(a)) ==
                                     std::tolower(static_cast<unsigned char>(b));
                          });
    return it == text.end() ? std::string_view::npos : static_cast<std::size_t>(it - text.begin());
}

// The end of the tag that begins at html[at] == '<': the index just past
// its '>' (quoted attribute values may hold '>'), or npos.
std::size_t tag_end(std::string_view html, std::size_t at)
{
    char quote = 0;
    for (std::size_t i = at + 1; i < html.size(); ++i) {
        char c = html[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

struct Tag {
    std::string name; // lower case, without '/'
    bool closing = false;
};

Tag read_tag(std::string_view inside)
{
    Tag tag;
    std::size_t i = 0;
    if (i < inside.size() && inside[i] == '/') {
        tag.closing = true;
        ++i;
    }
    while (i < inside.size() && (std::isalnum(static_cast<unsigned char>(inside[i])) || inside[i] == ':'))
        tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(inside[i++])));
    return tag;
}

class Renderer {
public:
    std::string run(std::string_view html);

private:
    std::size_t markup(std::string_view html, std::size_t at);
    std::size_t skip_raw_text(std::string_view html, std::size_t from, const std::string& name);
    void element(const Tag& tag);
    void text(std::string_view run);
    void reference(char32_t code);
    void put(std::string_view utf8);
    void white_space(char c);
    void end_line();
    void block_edge();

    std::string out_;
    std::string line_;
    bool space_ = false; // a collapsed white space is pending
    int quote_depth_ = 0;
    int pre_depth_ = 0;
};

std::string Renderer::run(std::string_view html)
{
    std::size_t i = 0;
    while (i < html.size()) {
        std::size_t lt = html.find('<', i);
        text(html.substr(i, std::min(lt, html.size()) - i));
        if (lt == std::string_view::npos)
            break;
        i = markup(html, lt);
    }
    block_edge();
    while (!out_.empty() && out_.back() == '\n')
        out_.pop_back();
    return out_;
}

// A comment, declaration or tag at html[at] == '<': handles it and returns
// where the text goes on. A '<' that begins none of them is text.
std::size_t Renderer::markup(std::string_view html, std::size_t at)
{
    if (html.compare(at, 4, "<!--") == 0) {
        std::size_t end = html.find("-->", at + 4);
        return end == std::string_view::npos ? html.size() : end + 3;
    }
    char next = at + 1 < html.size() ? html[at + 1] : '\0';
    if (!std::isalpha(static_cast<unsigned char>(next)) && next != '/' && next != '!' && next != '?') {
        put("<");
        return at + 1;
    }
    std::size_t end = tag_end(html, at);
    if (end == std::string_view::npos)
        return html.size();
    if (next == '!' || next == '?')
        return end; // <!DOCTYPE>, <![if ...]>, <?xml ...?>
    Tag tag = read_tag(html.substr(at + 1, end - at - 2));
    if (!tag.closing && among(tag.name, raw_text_elements))
        return skip_raw_text(html, end, tag.name);
    element(tag);
    return end;
}

std::size_t Renderer::skip_raw_text(std::string_view html, std::size_t from, const std::string& name)
{
    std::size_t close = find_nocase(html, "</" + name, from);
    if (close == std::string_view::npos)
        return html.size();
    std::size_t end = tag_end(html, close);
    return end == std::string_view::npos ? html.size() : end;
}

void Renderer::element(const Tag& tag)
{
    if (tag.name == "br") {
        end_line();
    } else if (tag.name == "td" || tag.name == "th") {
        if (!tag.closing && !line_.empty())
            space_ = true;
    } else if (among(tag.name, block_elements)) {
        block_edge();
        int step = tag.closing ? -1 : 1;
        if (tag.name == "blockquote")
            quote_depth_ = std::max(0, quote_depth_ + step);
        if (tag.name == "pre")
            pre_depth_ = std::max(0, pre_depth_ + step);
    }
}

void Renderer::text(std::string_view run)
{
    std::size_t i = 0;
    while (i < run.size()) {
        char c = run[i];
        if (c == '&') {
            if (auto ref = read_char_ref(run.substr(i))) {
                reference(ref->code);
                i += ref->length;
                continue;
            }
        }
        if (is_space(c)) {
            white_space(c);
            ++i;
            continue;
        }
        std::string_view rest = run.substr(i);
        auto hidden = std::find_if(std::begin(invisible), std::end(invisible),
                                   [&](std::string_view s) { return rest.substr(0, s.size()) == s; });
        if (hidden != std::end(invisible)) {
            i += hidden->size();
        } else if (rest.substr(0, nbsp_utf8.size()) == nbsp_utf8) {
            reference(U'\u00A0');
            i += nbsp_utf8.size();
        } else {
            put(run.substr(i, 1));
            ++i;
        }
    }
}

void Renderer::reference(char32_t code)
{
    if (code == U'\u00A0') {
        put(" "); // a no-break space is kept, not collapsed
    } else if (code < 0x80 && is_space(static_cast<char>(code))) {
        white_space(static_cast<char>(code));
    } else {
        std::string utf8 = sms::utf8_encode(std::u32string_view(&code, 1));
        bool hidden = std::find(std::begin(invisible), std::end(invisible), utf8) != std::end(invisible);
        if (!hidden)
            put(utf8);
    }
}

void Renderer::put(std::string_view utf8)
{
    if (space_ && !line_.empty())
        line_ += ' ';
    space_ = false;
    line_ += utf8;
}

void Renderer::white_space(char c)
{
    if (pre_depth_ == 0) {
        space_ = true;
    } else if (c == '\n') {
        end_line();
    } else if (c != '\r') {
        line_ += c;
    }
}

void Renderer::end_line()
{
    line_.erase(line_.find_last_not_of(" \t") + 1);
    if (quote_depth_ > 0) {
        out_.append(static_cast<std::size_t>(quote_depth_), '>');
        if (!line_.empty())
            out_ += ' ';
    }
    out_ += line_;
    out_ += '\n';
    line_.clear();
    space_ = false;
}

void Renderer::block_edge()
{
    if (!line_.empty())
        end_line();
    space_ = false;
}

} // namespace

std::string html_to_text(std::string_view html)
{
    return Renderer().run(html);
}

} // namespace smsgate::mail
