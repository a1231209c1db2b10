// report_mail.cpp - a mail back to a sender, built as a GMimeMessage so
// that GMime does the RFC 2047 encoding, the quoting of display names, the
// folding and the quoted-printable; this file only makes sure that what it
// hands to GMime is one line, and that addresses are addresses.
#include "mail/report_mail.hpp"

#include "mail/charset.hpp"
#include "mail/clean.hpp"
#include "mail/gmime.hpp"
#include "util/address.hpp"

#include <algorithm>
#include <cctype>

namespace smsgate::mail {

namespace {

// A header value is cut here: with the longest field name we write, no
// header line can pass the 998 octets of RFC 5322 even when a run of
// ASCII without white space leaves GMime nothing to fold at.
constexpr std::size_t max_value_octets = 900;

// Lines of a 7bit body longer than this go quoted-printable (RFC 2045's
// limit for encoded lines, so the choice is the same either way).
constexpr std::size_t max_7bit_line = 76;

bool is_special(char c)
{
    return std::string_view("<>\"()[],;:\\").find(c) != std::string_view::npos;
}

// The printable ASCII of an id or a domain, without specials (and without
// "@" unless keep_at).
std::string id_text(std::string_view value, bool keep_at)
{
    std::string out;
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u > 0x20 && u < 0x7F && !is_special(c) && (keep_at || c != '@'))
            out += c;
    }
    return out.substr(0, max_value_octets / 2);
}

// "X-" and field-name characters (RFC 5322 ftext), at most 76 of them.
bool is_x_header_name(std::string_view name)
{
    if (name.size() < 3 || name.size() > 76 || (name[0] != 'X' && name[0] != 'x') || name[1] != '-')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7F && c != ':';
    });
}

bool is_short_lined_ascii(std::string_view text)
{
    std::size_t line = 0;
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
        line = c == '\n' ? 0 : line + 1;
        if (line > max_7bit_line)
            return false;
    }
    return true;
}

// The From and To addresses as written (see written_address).
struct Addresses {
    std::string from;
    std::string to;
};

Result<Addresses> check_input(const ReportMail& mail)
{
    auto from = written_address(mail.from.address);
    if (!from)
        return make_error("from", "not an address: \"" + single_line(mail.from.address) + "\" (" +
                                      from.error().message + ")");
    auto to = written_address(mail.to.address);
    if (!to)
        return make_error("to", "not an address: \"" + single_line(mail.to.address) + "\" (" + to.error().message +
                                    ")");
    if (id_text(mail.message_id, false).empty())
        return make_error("message_id", "empty");
    if (id_text(mail.gateway_domain, false).empty())
        return make_error("gateway_domain", "empty");
    for (const auto& [name, value] : mail.x_headers)
        if (!is_x_header_name(name))
            return make_error("x_headers", "not an X- field name: \"" + single_line(name) + "\"");
    return Addresses{std::move(from).value(), std::move(to).value()};
}

// A mailbox whose display name GMime quotes or encodes, in UTF-8 like the
// subject (GMime would otherwise pick the smallest charset that fits).
void add_mailbox(GMimeMessage* message, GMimeAddressType type, const std::string& name, const std::string& written)
{
    InternetAddress* address = internet_address_mailbox_new(single_line(name).c_str(), written.c_str());
    internet_address_set_charset(address, "utf-8");
    internet_address_list_add(g_mime_message_get_addresses(message, type), address);
    g_object_unref(address);
}

// From, To, Subject, Date, Message-ID, threading, Auto-Submitted, X-.
Status set_headers(GMimeMessage* message, const ReportMail& mail, const Addresses& addresses)
{
    auto* object = GMIME_OBJECT(message);
    add_mailbox(message, GMIME_ADDRESS_TYPE_FROM, mail.from.name, addresses.from);
    add_mailbox(message, GMIME_ADDRESS_TYPE_TO, mail.to.name, addresses.to);
    g_mime_message_set_subject(message, single_line(mail.subject).c_str(), "utf-8");

    std::string date_text = single_line(mail.date);
    GDateTime* date = g_mime_utils_header_decode_date(date_text.c_str());
    if (!date)
        return make_error("date", "not an RFC 5322 date: \"" + date_text + "\"");
    g_mime_message_set_date(message, date);
    g_date_time_unref(date);

    std::string id = id_text(mail.message_id, false) + "@" + id_text(mail.gateway_domain, false);
    g_mime_message_set_message_id(message, id.c_str());
    if (std::string original = id_text(mail.in_reply_to, true); !original.empty()) {
        std::string bracketed = "<" + original + ">";
        g_mime_object_set_header(object, "In-Reply-To", bracketed.c_str(), nullptr);
        g_mime_object_set_header(object, "References", bracketed.c_str(), nullptr);
    }
    g_mime_object_set_header(object, "Auto-Submitted", "auto-generated", nullptr);
    for (const auto& [name, value] : mail.x_headers)
        g_mime_object_append_header(object, name.c_str(), single_line(value).c_str(), "utf-8");
    return Done{};
}

// The body's octets in their transfer encoding: as they are for 7bit,
// else quoted-printable with a "From " at the start of a line armoured
// as "=46rom " (an mbox delivery would otherwise turn it into ">From ").
GObjectPtr<GMimeStream> encode_body(const std::string& text, GMimeContentEncoding encoding)
{
    GObjectPtr<GMimeStream> plain(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
    if (encoding == GMIME_CONTENT_ENCODING_7BIT)
        return plain;
    GObjectPtr<GMimeStream> encoded(g_mime_stream_mem_new());
    GObjectPtr<GMimeStream> filtered(g_mime_stream_filter_new(encoded.get()));
    GObjectPtr<GMimeFilter> qp(g_mime_filter_basic_new(GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE, TRUE));
    GObjectPtr<GMimeFilter> from(g_mime_filter_from_new(GMIME_FILTER_FROM_MODE_ARMOR));
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), qp.get());
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), from.get());
    g_mime_stream_write_to_stream(plain.get(), filtered.get());
    g_mime_stream_flush(filtered.get());
    g_mime_stream_reset(encoded.get());
    return encoded;
}

// text/plain; charset=utf-8, 7bit or quoted-printable, LF line ends (the
// writer turns them into CRLF).
GObjectPtr<GMimeTextPart> make_body(std::string_view body)
{
    std::string text = normalize_text(to_utf8(body, "utf-8"));
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    auto encoding = is_short_lined_ascii(text) ? GMIME_CONTENT_ENCODING_7BIT : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
    GObjectPtr<GMimeTextPart> part(g_mime_text_part_new_with_subtype("plain"));
    GObjectPtr<GMimeStream> stream = encode_body(text, encoding);
    GObjectPtr<GMimeDataWrapper> content(g_mime_data_wrapper_new_with_stream(stream.get(), encoding));
    g_mime_part_set_content(GMIME_PART(part.get()), content.get());
    g_mime_text_part_set_charset(part.get(), "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(part.get()), encoding);
    return part;
}

// A part of 7bit text whose octets are written as they are.
GObjectPtr<GMimePart> make_7bit_part(const char* type, const char* subtype, const std::string& text)
{
    GObjectPtr<GMimePart> part(g_mime_part_new_with_type(type, subtype));
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
    GObjectPtr<GMimeDataWrapper> content(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_7BIT));
    g_mime_part_set_content(part.get(), content.get());
    g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_7BIT);
    return part;
}

// multipart/report; report-type=delivery-status (RFC 6522): the words, the
// fields, the SMS text.
Result<GObjectPtr<GMimeObject>> make_report(const ReportMail& mail)
{
    auto fields = delivery_status_text(*mail.delivery_status);
    if (!fields)
        return fields.error();
    GObjectPtr<GMimeMultipart> report(g_mime_multipart_new_with_subtype("report"));
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(report.get()), "report-type", "delivery-status");
    GObjectPtr<GMimeTextPart> words = make_body(mail.body);
    GObjectPtr<GMimePart> status = make_7bit_part("message", "delivery-status", *fields);
    GObjectPtr<GMimeTextPart> original = make_body(mail.original_text);
    g_mime_multipart_add(report.get(), GMIME_OBJECT(words.get()));
    g_mime_multipart_add(report.get(), GMIME_OBJECT(status.get()));
    g_mime_multipart_add(report.get(), GMIME_OBJECT(original.get()));
    return GObjectPtr<GMimeObject>(GMIME_OBJECT(report.release()));
}

// The body of the mail: the report, or the text alone.
Result<GObjectPtr<GMimeObject>> make_content(const ReportMail& mail)
{
    if (mail.delivery_status)
        return make_report(mail);
    return GObjectPtr<GMimeObject>(GMIME_OBJECT(make_body(mail.body).release()));
}

} // namespace

// One line of valid UTF-8: control characters (C0, DEL, C1) and line
// breaks become spaces, runs of white space one space, trimmed, then cut
// at a character boundary.
std::string single_line(std::string_view value)
{
    std::string text = to_utf8(value, "utf-8");
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                  static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c <= 0x20 || c == 0x7F || c1) {
            space = !out.empty();
            i += c1 ? 1 : 0;
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    if (out.size() > max_value_octets) {
        std::size_t cut = max_value_octets;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut;
        out.resize(cut);
    }
    return out;
}

Result<std::string> compose_report(const ReportMail& mail)
{
    auto addresses = check_input(mail);
    if (!addresses)
        return addresses.error();
    ensure_gmime();
    GObjectPtr<GMimeMessage> message(g_mime_message_new(FALSE));
    if (auto set = set_headers(message.get(), mail, *addresses); !set)
        return set.error();
    auto content = make_content(mail);
    if (!content)
        return content.error();
    g_mime_message_set_mime_part(message.get(), content->get());

    GMimeFormatOptions* options = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    GCharPtr text(g_mime_object_to_string(GMIME_OBJECT(message.get()), options));
    g_mime_format_options_free(options);
    return std::string(text.get());
}

} // namespace smsgate::mail
