// extract.cpp - parsing a mail with GMime and putting its SMS text together.
#include "mail/extract.hpp"

#include "mail/body.hpp"
#include "mail/gmime.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>

namespace smsgate::mail {

namespace {

// Unfolded, runs of white space as one space, trimmed.
std::string one_line(const char* value)
{
    std::string out;
    bool space = false;
    for (const char* p = value ? value : ""; *p; ++p) {
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

void read_headers(GMimeMessage* message, MailText& out)
{
    out.subject = one_line(g_mime_message_get_subject(message));
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

Result<MailText> extract_text(std::string_view raw_mail, const ExtractOptions& options)
{
    ParserOptionsPtr parser_options = lenient_parser_options();
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw_mail.data(), raw_mail.size()));
    GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), parser_options.get()));
    if (!message)
        return make_error("mail", "not a mail: no message header could be read");

    MailText out;
    read_headers(message.get(), out);
    if (auto body = find_body(g_mime_message_get_mime_part(message.get()), parser_options.get()))
        out.body = clean_body(body->text, options.clean);
    out.text = compose_text(options.text_template, out.subject, out.body, options.prefix);
    if (out.text.empty())
        return make_error("text", "no usable text in the message: no text/plain or text/html body with text, "
                                  "and no subject");
    return out;
}

} // namespace smsgate::mail
