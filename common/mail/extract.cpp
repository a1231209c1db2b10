// extract.cpp - parsing a mail with GMime and putting its SMS text together.
#include "mail/extract.hpp"

#include "mail/body.hpp"
#include "mail/charset.hpp"
#include "mail/gmime.hpp"
#include "mail/message_id.hpp"
#include "mail/reply_prefix.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>

namespace smsgate::mail {

namespace {

// Unfolded, runs of white space as one space, trimmed. A header written in
// raw ISO-2022-JP (no RFC 2047 encoded word, as old Japanese mailers do)
// is decoded; anything else GMime decoded already.
std::string one_line(const char* value)
{
    std::string decoded = to_utf8(value ? value : "", nullptr);
    std::string out;
    bool space = false;
    for (const char* p = decoded.c_str(); *p; ++p) {
        auto c = static_cast<unsigned char>(*p);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (c < 0x20 || c == 0x7F)
            continue;
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

// The first mailbox of an address list, looking into groups.
MailAddress first_mailbox(InternetAddressList* list, int depth = 0)
{
    int count = list ? internet_address_list_length(list) : 0;
    for (int i = 0; i < count && depth < 4; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address))
            return {one_line(internet_address_get_name(address)),
                    one_line(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)))};
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            auto member = first_mailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), depth + 1);
            if (!member.address.empty())
                return member;
        }
    }
    return {};
}

} // namespace

std::string auto_submitted_keyword(std::string_view value)
{
    std::size_t i = 0;
    for (int depth = 0; i < value.size(); ++i) {
        char c = value[i];
        if (c == '(')
            ++depth;
        else if (c == ')' && depth > 0)
            --depth;
        else if (depth == 0 && c != ' ')
            break;
    }
    std::string keyword;
    for (; i < value.size() && value[i] != ' ' && value[i] != '(' && value[i] != ';'; ++i)
        keyword += static_cast<char>(std::tolower(static_cast<unsigned char>(value[i])));
    return keyword;
}

namespace {

// Whether a header's raw value has an RFC 2047 encoded word in HZ, which
// GMime decodes from base64 or Q but cannot convert.
bool raw_header_names_hz(GMimeMessage* message, const char* name)
{
    GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message));
    GMimeHeader* header = headers ? g_mime_header_list_get_header(headers, name) : nullptr;
    const char* raw = header ? g_mime_header_get_raw_value(header) : nullptr;
    if (raw == nullptr)
        return false;
    std::string lower = ascii_lower(raw);
    return lower.find("=?hz-gb-2312?") != std::string::npos || lower.find("=?hz?") != std::string::npos;
}

// Whether the mail answers another: it has In-Reply-To or References.
bool is_answer(GMimeMessage* message)
{
    return g_mime_object_get_header(GMIME_OBJECT(message), "In-Reply-To") != nullptr ||
           g_mime_object_get_header(GMIME_OBJECT(message), "References") != nullptr;
}

// Whether In-Reply-To or References names a Message-ID the gateway wrote.
bool names_gateway_mail(GMimeMessage* message, GMimeParserOptions* options)
{
    for (const char* name : {"In-Reply-To", "References"}) {
        const char* value = g_mime_object_get_header(GMIME_OBJECT(message), name);
        if (value == nullptr)
            continue;
        GMimeReferences* refs = g_mime_references_parse(options, value);
        bool found = false;
        for (int i = 0; refs && i < g_mime_references_length(refs) && !found; ++i)
            if (const char* id = g_mime_references_get_message_id(refs, i))
                found = is_gateway_message_id(id);
        if (refs)
            g_mime_references_free(refs);
        if (found)
            return true;
    }
    return false;
}

void read_headers(GMimeMessage* message, GMimeParserOptions* options, MailText& out)
{
    out.subject = one_line(g_mime_message_get_subject(message));
    if (raw_header_names_hz(message, "Subject"))
        out.subject = decode_hz_runs(out.subject);
    out.raw_subject = out.subject;
    out.subject = strip_reply_prefixes(out.subject);
    out.answers_gateway = names_gateway_mail(message, options);
    out.message_id = one_line(g_mime_message_get_message_id(message));
    out.from = first_mailbox(g_mime_message_get_from(message));
    out.to = first_mailbox(g_mime_message_get_to(message));
    if (const char* notify = g_mime_object_get_header(GMIME_OBJECT(message), "X-SMS-Notify")) {
        out.notify = ascii_lower(one_line(notify));
    }
    if (const char* auto_submitted = g_mime_object_get_header(GMIME_OBJECT(message), "Auto-Submitted"))
        out.auto_submitted = auto_submitted_keyword(one_line(auto_submitted));
}

} // namespace

std::variant<MailText, TextProblem> extract(std::string_view raw_mail, const ExtractOptions& options)
{
    ParserOptionsPtr parser_options = lenient_parser_options();
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw_mail.data(), raw_mail.size()));
    GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), parser_options.get()));
    if (!message)
        return TextProblem{TextFault::no_header, "not a mail: no message header could be read"};

    MailText out;
    read_headers(message.get(), parser_options.get(), out);
    // Outlook's header block above a quoted original is looked for in an
    // answer only: a first mail may hold such lines of its own.
    CleanOptions clean = options.clean;
    clean.header_block = clean.header_block && is_answer(message.get());
    if (auto body = find_body(g_mime_message_get_mime_part(message.get()), parser_options.get())) {
        if (body->problem)
            return std::move(*body->problem);
        out.body = clean_body(body->text, clean);
    }
    // An answer to the gateway's mail: its new words alone, unless it has
    // none or the template has no place for them.
    bool body_alone = out.answers_gateway && !out.body.empty() &&
                      options.text_template.find("{body}") != std::string::npos;
    out.text = compose_text(options.text_template, body_alone ? std::string() : out.subject, out.body, options.prefix);
    // A subject that was nothing but reply marks ("Re:") is still a text.
    if (out.text.empty() && !out.raw_subject.empty())
        out.text = compose_text(options.text_template, out.raw_subject, out.body, options.prefix);
    if (out.text.empty())
        return TextProblem{TextFault::no_text, "no usable text in the message: no text/plain or text/html body "
                                               "with text, and no subject"};
    return out;
}

Result<MailText> extract_text(std::string_view raw_mail, const ExtractOptions& options)
{
    auto extracted = extract(raw_mail, options);
    if (auto* text = std::get_if<MailText>(&extracted))
        return std::move(*text);
    auto& problem = std::get<TextProblem>(extracted);
    switch (problem.fault) {
    case TextFault::no_header: return make_error("mail", std::move(problem.message));
    case TextFault::no_text: return make_error("text", std::move(problem.message));
    case TextFault::invalid_base64:
    case TextFault::invalid_utf8:
    case TextFault::nul_character:
    case TextFault::control_character:
    case TextFault::too_deep: break;
    }
    return make_error("body", std::move(problem.message));
}

} // namespace smsgate::mail
