// body.cpp - walking a GMime tree to the part a person wrote.
#include "mail/body.hpp"

#include "mail/charset.hpp"
#include "mail/clean.hpp"
#include "mail/flowed.hpp"
#include "mail/html_text.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace smsgate::mail {

namespace {

std::optional<BodyText> walk(GMimeObject* object, GMimeParserOptions* options, int depth);

bool blank(std::string_view text) { return text.find_first_not_of(" \t\n") == std::string_view::npos; }

bool parameter_is(GMimeObject* object, const char* name, const char* value)
{
    const char* v = g_mime_object_get_content_type_parameter(object, name);
    return v != nullptr && g_ascii_strcasecmp(v, value) == 0;
}

// The content with its transfer encoding (base64, quoted-printable, ...)
// undone; what GMime could decode of a truncated or damaged encoding.
std::string decoded_content(GMimePart* part)
{
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (content == nullptr)
        return {};
    GObjectPtr<GMimeStream> memory(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, memory.get());
    GByteArray* octets = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
    if (octets == nullptr)
        return {};
    return std::string(reinterpret_cast<const char*>(octets->data), octets->len);
}

// The content as the mail has it, transfer encoding and all.
std::string encoded_content(GMimePart* part)
{
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    GMimeStream* stream = content ? g_mime_data_wrapper_get_stream(content) : nullptr;
    if (stream == nullptr)
        return {};
    GObjectPtr<GMimeStream> memory(g_mime_stream_mem_new());
    g_mime_stream_reset(stream);
    g_mime_stream_write_to_stream(stream, memory.get());
    g_mime_stream_reset(stream);
    GByteArray* octets = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
    if (octets == nullptr)
        return {};
    return std::string(reinterpret_cast<const char*>(octets->data), octets->len);
}

BodyText not_text(BodyKind kind, TextProblem problem) { return BodyText{kind, {}, std::move(problem)}; }

// An HTML part without a charset parameter: the charset of its <meta> tag,
// if one is near the start.
std::string sniff_html_charset(std::string_view html)
{
    std::string head(html.substr(0, 4096));
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    std::size_t at = head.find("charset=");
    if (at == std::string::npos)
        return {};
    at += 8;
    while (at < head.size() && (head[at] == '"' || head[at] == '\''))
        ++at;
    std::size_t end = at;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
                                 head[end] == '_' || head[end] == ':' || head[end] == '.'))
        ++end;
    return head.substr(at, end - at);
}

std::optional<BodyText> leaf(GMimePart* part)
{
    GMimeObject* object = GMIME_OBJECT(part);
    if (g_mime_part_is_attachment(part) || g_mime_part_get_filename(part) != nullptr)
        return std::nullopt;
    GMimeContentType* type = g_mime_object_get_content_type(object);
    bool plain = g_mime_content_type_is_type(type, "text", "plain");
    bool html = g_mime_content_type_is_type(type, "text", "html");
    if (!plain && !html)
        return std::nullopt;
    BodyKind kind = html ? BodyKind::html : BodyKind::plain;
    if (g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64)
        if (auto problem = check_base64(encoded_content(part)))
            return not_text(kind, std::move(*problem));
    std::string octets = decoded_content(part);
    const char* label = g_mime_object_get_content_type_parameter(object, "charset");
    std::string sniffed = html && label == nullptr ? sniff_html_charset(octets) : std::string();
    const char* charset = sniffed.empty() ? label : sniffed.c_str();
    if (declares_utf8(charset))
        if (auto problem = check_utf8(octets))
            return not_text(kind, std::move(*problem));
    std::string converted = to_utf8(octets, charset);
    if (auto problem = check_characters(converted))
        return not_text(kind, std::move(*problem));
    std::string text = normalize_text(converted);
    if (plain && parameter_is(object, "format", "flowed"))
        text = decode_flowed(text, parameter_is(object, "delsp", "yes"));
    if (html)
        text = normalize_text(html_to_text(text));
    if (blank(text))
        return std::nullopt;
    return BodyText{kind, std::move(text), std::nullopt};
}

// The boundary of a multipart whose Content-Type lost it: the first line
// "--X" that is followed by a "Content-" header, as a part would begin.
std::optional<std::string> guess_boundary(std::string_view body)
{
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = std::min(body.find('\n', start), body.size());
        std::string_view line = body.substr(start, end - start);
        start = end + 1;
        line = line.substr(0, line.find_last_not_of(" \t\r") + 1);
        if (line.size() < 3 || line.substr(0, 2) != "--" || line.size() > 72 ||
            line.find('"') != std::string_view::npos)
            continue;
        std::string_view next = start < body.size() ? body.substr(start, 8) : std::string_view();
        if (g_ascii_strncasecmp(std::string(next).c_str(), "content-", 8) == 0)
            return std::string(line.substr(2));
    }
    return std::nullopt;
}

std::optional<BodyText> from_prologue(GMimeMultipart* multipart, GMimeParserOptions* options, int depth)
{
    GMimeObject* object = GMIME_OBJECT(multipart);
    const char* prologue = g_mime_multipart_get_prologue(multipart);
    if (prologue == nullptr)
        return std::nullopt;
    // The boundary parameter is missing, or names a boundary the body does
    // not use: GMime found no part, so look for the one the body uses.
    if (auto boundary = guess_boundary(prologue)) {
        const char* subtype = g_mime_content_type_get_media_subtype(g_mime_object_get_content_type(object));
        std::string again = "Content-Type: multipart/" + std::string(subtype ? subtype : "mixed") +
                            "; boundary=\"" + *boundary + "\"\n\n" + prologue;
        GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(again.data(), again.size()));
        GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
        GObjectPtr<GMimeObject> part(g_mime_parser_construct_part(parser.get(), options));
        if (part && GMIME_IS_MULTIPART(part.get()) && g_mime_multipart_get_count(GMIME_MULTIPART(part.get())) > 0)
            return walk(part.get(), options, depth + 1);
    }
    std::string converted = to_utf8(prologue, nullptr);
    if (auto problem = check_characters(converted))
        return not_text(BodyKind::plain, std::move(*problem));
    std::string text = normalize_text(converted);
    if (blank(text))
        return std::nullopt;
    return BodyText{BodyKind::plain, std::move(text), std::nullopt};
}

std::optional<BodyText> multipart(GMimeMultipart* multipart, GMimeParserOptions* options, int depth)
{
    int count = g_mime_multipart_get_count(multipart);
    if (count == 0)
        return from_prologue(multipart, options, depth);
    GMimeContentType* type = g_mime_object_get_content_type(GMIME_OBJECT(multipart));
    bool alternative = g_mime_content_type_is_type(type, "multipart", "alternative");
    std::optional<BodyText> html;
    for (int i = 0; i < count; ++i) {
        auto found = walk(g_mime_multipart_get_part(multipart, i), options, depth + 1);
        if (!found)
            continue;
        if (found->problem || !alternative || found->kind == BodyKind::plain)
            return found;
        if (!html)
            html = std::move(found);
    }
    return html;
}

std::optional<BodyText> walk(GMimeObject* object, GMimeParserOptions* options, int depth)
{
    if (object == nullptr)
        return std::nullopt;
    if (depth > max_mime_depth)
        return not_text(BodyKind::plain, TextProblem{TextFault::too_deep,
                                                     "its MIME parts are nested more than " +
                                                         std::to_string(max_mime_depth) + " multiparts deep"});
    if (GMIME_IS_MULTIPART(object))
        return multipart(GMIME_MULTIPART(object), options, depth);
    if (GMIME_IS_PART(object))
        return leaf(GMIME_PART(object));
    return std::nullopt; // message/rfc822 (a forward as attachment), message/partial
}

} // namespace

std::optional<BodyText> find_body(GMimeObject* root, GMimeParserOptions* options)
{
    return walk(root, options, 0);
}

} // namespace smsgate::mail
