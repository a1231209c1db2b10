// test_report_mail.cpp - the mails written back, read again with GMime's
// parser: what a mail client will show must be what went in, and nothing
// in a value may become a header or a line of its own.
#include "mail/gmime.hpp"
#include "mail/report_mail.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace smsgate::mail;
using smsgate::StatusCode;

namespace {

const char* const seed_original_id = "5F02E2331C5BED418B4FEEE88CDA5D1B41BA29@srv1.sonal.local";

// The seed's "delivered to the network" mail, with its values.
ReportMail seed_report()
{
    ReportMail mail;
    mail.gateway_domain = "sms.sonal.be";
    mail.message_id = "20071119155256550.64B067536A487113";
    mail.date = "Mon, 19 Nov 2007 16:52:56 +0100";
    mail.from = {"Sms Comfort notification", "smscomfort@sonal.be"};
    mail.to = {"Paul Somers", "P.Sommers@sonal.be"};
    mail.in_reply_to = seed_original_id;
    mail.subject = "Bericht aan 0477324877 is afgeleverd op het netwerk.";
    mail.body = "Bericht aan 0477324877 is afgeleverd op het netwerk.\n--- Oorspronkelijk bericht ---\ntest";
    mail.x_headers = {{"X-SMS-Number", "+32477324877"}, {"X-SMS-MR", "18"}};
    return mail;
}

std::string compose_ok(const ReportMail& mail)
{
    auto result = compose_report(mail);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().what()));
    return *result;
}

struct Parsed {
    GObjectPtr<GMimeMessage> message;

    std::string subject() const { return g_mime_message_get_subject(message.get()); }
    std::string header(const char* name) const
    {
        const char* value = g_mime_object_get_header(GMIME_OBJECT(message.get()), name);
        return value ? value : "(none)";
    }
    const char* name(GMimeAddressType type) const
    {
        return internet_address_get_name(internet_address_list_get_address(
            g_mime_message_get_addresses(message.get(), type), 0));
    }
    std::string address(GMimeAddressType type) const
    {
        return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(internet_address_list_get_address(
            g_mime_message_get_addresses(message.get(), type), 0)));
    }
    int address_count(GMimeAddressType type) const
    {
        return internet_address_list_length(g_mime_message_get_addresses(message.get(), type));
    }
    // The decoded text of the body, LF line ends.
    std::string body() const
    {
        GMimeObject* part = g_mime_message_get_mime_part(message.get());
        REQUIRE(GMIME_IS_TEXT_PART(part));
        GCharPtr text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
        std::string out;
        for (const char* p = text.get(); *p; ++p)
            if (*p != '\r')
                out += *p;
        return out;
    }
};

Parsed parse(const std::string& raw)
{
    ensure_gmime();
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    Parsed parsed{GObjectPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), nullptr))};
    REQUIRE(parsed.message);
    return parsed;
}

std::string header_block(const std::string& raw)
{
    auto end = raw.find("\r\n\r\n");
    REQUIRE(end != std::string::npos);
    return raw.substr(0, end + 2);
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2)
        out.push_back(text.substr(start, end - start));
    return out;
}

// The field names of the header block, in order, as a mail reader counts
// them: every line that does not begin with white space starts a field.
std::vector<std::string> header_names(const std::string& raw)
{
    std::vector<std::string> names;
    for (const auto& line : lines(header_block(raw)))
        if (!line.empty() && line[0] != ' ' && line[0] != '\t')
            names.push_back(line.substr(0, line.find(':')));
    return names;
}

const std::vector<std::string> threaded_headers{
    "From",           "To",           "Subject",      "Date",         "Message-Id",   "In-Reply-To",
    "References",     "Auto-Submitted", "X-SMS-Number", "X-SMS-MR",   "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding"};

// Every line ends in CRLF: no lone CR or LF anywhere.
void check_line_ends(const std::string& raw)
{
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r')
            CHECK((i + 1 < raw.size() && raw[i + 1] == '\n'));
        if (raw[i] == '\n')
            CHECK((i > 0 && raw[i - 1] == '\r'));
    }
}

} // namespace

TEST_CASE("seed: delivered to the network, Dutch")
{
    const auto& nl = templates_for("nl").network;
    std::map<std::string, std::string> values{{"number", "0477324877"}, {"text", "test"}};
    ReportMail mail = seed_report();
    mail.subject = fill_template(nl.subject, values);
    mail.body = fill_template(nl.body, values);
    CHECK(mail.subject == "Bericht aan 0477324877 is afgeleverd op het netwerk.");
    CHECK(mail.body == "Bericht aan 0477324877 is afgeleverd op het netwerk.\n--- Oorspronkelijk bericht ---\ntest");

    std::string raw = compose_ok(mail);
    check_line_ends(raw);
    CHECK(header_names(raw) == threaded_headers);
    std::string headers = header_block(raw);
    CHECK(headers.find("From: Sms Comfort notification <smscomfort@sonal.be>\r\n") != std::string::npos);
    CHECK(headers.find("To: Paul Somers <P.Sommers@sonal.be>\r\n") != std::string::npos);
    CHECK(headers.find("Subject: Bericht aan 0477324877 is afgeleverd op het netwerk.\r\n") != std::string::npos);
    CHECK(headers.find("Date: Mon, 19 Nov 2007 16:52:56 +0100\r\n") != std::string::npos);
    CHECK(headers.find("Message-Id: <20071119155256550.64B067536A487113@sms.sonal.be>\r\n") != std::string::npos);
    CHECK(headers.find(std::string("In-Reply-To: <") + seed_original_id + ">\r\n") != std::string::npos);
    CHECK(headers.find(std::string("References: <") + seed_original_id + ">\r\n") != std::string::npos);
    CHECK(headers.find("Auto-Submitted: auto-generated\r\n") != std::string::npos);
    CHECK(headers.find("X-SMS-Number: +32477324877\r\n") != std::string::npos);
    CHECK(headers.find("X-SMS-MR: 18\r\n") != std::string::npos);
    CHECK(headers.find("MIME-Version: 1.0\r\n") != std::string::npos);
    CHECK(headers.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
    CHECK(headers.find("Content-Transfer-Encoding: 7bit\r\n") != std::string::npos);

    Parsed parsed = parse(raw);
    CHECK(parsed.subject() == mail.subject);
    CHECK(std::string(parsed.name(GMIME_ADDRESS_TYPE_FROM)) == "Sms Comfort notification");
    CHECK(parsed.address(GMIME_ADDRESS_TYPE_TO) == "P.Sommers@sonal.be");
    CHECK(parsed.body() == mail.body + "\n");
}

TEST_CASE("seed: delivered to the handset, Dutch")
{
    const auto& nl = templates_for("nl").for_kind(ReportMail::Kind::handset);
    std::map<std::string, std::string> values{{"number", "0477324877"}, {"text", "test"}};
    ReportMail mail = seed_report();
    mail.subject = fill_template(nl.subject, values);
    mail.body = fill_template(nl.body, values);
    CHECK(mail.subject == "Bericht aan 0477324877 is afgeleverd op GSM.");
    CHECK(mail.body == "Bericht aan 0477324877 is afgeleverd op GSM.\n--- Oorspronkelijk bericht ---\ntest");

    Parsed parsed = parse(compose_ok(mail));
    CHECK(parsed.subject() == mail.subject);
    CHECK(parsed.body() == mail.body + "\n");
    CHECK(parsed.header("In-Reply-To") == std::string("<") + seed_original_id + ">");
    CHECK(parsed.header("References") == std::string("<") + seed_original_id + ">");
}

TEST_CASE("report: seed, the handset's answer as a mail")
{
    const auto& nl = templates_for("nl").for_kind(ReportMail::Kind::incoming);
    std::map<std::string, std::string> values{{"subject", "Ok test"}, {"text", "Ok test"}};
    ReportMail mail = seed_report();
    mail.from = {"0477324877", "0477324877@SMS.SONAL"};
    mail.date = "Mon, 19 Nov 2007 16:50:00 +0100";
    mail.in_reply_to.clear();
    mail.x_headers.clear();
    mail.subject = fill_template(nl.subject, values);
    mail.body = fill_template(nl.body, values);

    std::string raw = compose_ok(mail);
    CHECK(header_names(raw) == std::vector<std::string>{"From", "To", "Subject", "Date", "Message-Id",
                                                        "Auto-Submitted", "MIME-Version", "Content-Type",
                                                        "Content-Transfer-Encoding"});
    CHECK(raw.find("Date: Mon, 19 Nov 2007 16:50:00 +0100\r\n") != std::string::npos);
    Parsed parsed = parse(raw);
    CHECK(parsed.subject() == "Ok test");
    CHECK(std::string(parsed.name(GMIME_ADDRESS_TYPE_FROM)) == "0477324877");
    CHECK(parsed.address(GMIME_ADDRESS_TYPE_FROM) == "0477324877@SMS.SONAL");
    CHECK(parsed.body() == "Ok test\n");
}

TEST_CASE("report: non-ASCII subject and display names are RFC 2047 encoded and decode back")
{
    ReportMail mail = seed_report();
    mail.subject = "Bericht aan 0477 is afgeleverd – één keer ✓";
    mail.from.name = "Gateway \"SMS\" <notify@x>, Zoë";
    mail.to.name = "Paul Sömers";
    std::string raw = compose_ok(mail);
    for (unsigned char c : header_block(raw))
        CHECK(c < 0x80);
    CHECK(raw.find("=?") != std::string::npos);

    Parsed parsed = parse(raw);
    CHECK(parsed.subject() == mail.subject);
    CHECK(std::string(parsed.name(GMIME_ADDRESS_TYPE_FROM)) == mail.from.name);
    CHECK(std::string(parsed.name(GMIME_ADDRESS_TYPE_TO)) == "Paul Sömers");
    CHECK(parsed.address_count(GMIME_ADDRESS_TYPE_FROM) == 1);
    CHECK(parsed.address(GMIME_ADDRESS_TYPE_FROM) == "smscomfort@sonal.be");
}

TEST_CASE("report: header injection attempts give exactly the standard headers")
{
    const std::string attacks[] = {
        "x\r\nBcc: evil@x", "x\nBcc: evil@x", "x\rBcc: evil@x", "x\r\n\r\nBcc: evil@x",
        "x\r\n Bcc: evil@x", std::string("x\0Bcc: evil@x", 13), "x\xC2\x85" "Bcc: evil@x", "x\x0b\x0c" "Bcc: evil@x",
    };
    const char* fields[] = {"subject", "from name", "to name", "x-header value", "message id", "in-reply-to"};
    for (const auto& attack : attacks) {
        for (const char* field : fields) {
            CAPTURE(attack);
            CAPTURE(field);
            ReportMail mail = seed_report();
            std::string_view f = field;
            if (f == "subject")
                mail.subject = attack;
            else if (f == "from name")
                mail.from.name = attack;
            else if (f == "to name")
                mail.to.name = attack;
            else if (f == "x-header value")
                mail.x_headers[0].second = attack;
            else if (f == "message id")
                mail.message_id = attack;
            else
                mail.in_reply_to = attack;

            std::string raw = compose_ok(mail);
            check_line_ends(raw);
            CHECK(header_names(raw) == threaded_headers);
            CHECK(raw.find("\nBcc") == std::string::npos);
            Parsed parsed = parse(raw);
            CHECK(parsed.header("Bcc") == "(none)");
            CHECK(parsed.address_count(GMIME_ADDRESS_TYPE_BCC) == 0);
            CHECK(parsed.address_count(GMIME_ADDRESS_TYPE_FROM) == 1);
            CHECK(parsed.address_count(GMIME_ADDRESS_TYPE_TO) == 1);
            CHECK(parsed.body() == mail.body + "\n");
        }
    }
}

TEST_CASE("report: injected text keeps its words on one line")
{
    ReportMail mail = seed_report();
    mail.subject = "x\r\nBcc: evil@x";
    mail.x_headers[0].second = "+32\r\nBcc: evil@x";
    mail.message_id = "abc\r\nBcc: <evil@x>";
    Parsed parsed = parse(compose_ok(mail));
    CHECK(parsed.subject() == "x Bcc: evil@x");
    CHECK(parsed.header("X-SMS-Number") == "+32 Bcc: evil@x");
    CHECK(parsed.header("Message-Id") == "<abcBccevilx@sms.sonal.be>");
}

TEST_CASE("report: a long non-ASCII subject folds and decodes back")
{
    ReportMail mail = seed_report();
    mail.subject.clear();
    for (int i = 0; i < 12; ++i)
        mail.subject += "Bericht aan 0477324877 is afgeleverd — één ✓ ";
    mail.subject += "einde";
    std::string raw = compose_ok(mail);
    auto block = lines(header_block(raw));
    for (const auto& line : block)
        CHECK(line.size() <= 78);
    CHECK(block.size() > threaded_headers.size()); // folded
    CHECK(header_names(raw) == threaded_headers);
    CHECK(parse(raw).subject() == mail.subject);
}

TEST_CASE("report: a long value without white space stays under 998 octets a line")
{
    ReportMail mail = seed_report();
    mail.subject = std::string(3000, 'a');
    mail.x_headers[0].second = std::string(3000, 'b');
    mail.in_reply_to = std::string(3000, 'c') + "@x";
    std::string raw = compose_ok(mail);
    for (const auto& line : lines(raw))
        CHECK(line.size() <= 998);
    CHECK(header_names(raw) == threaded_headers);
    CHECK(parse(raw).subject() == std::string(900, 'a'));
}

TEST_CASE("report: a body with non-ASCII, long lines, From and dot survives quoted-printable")
{
    ReportMail mail = seed_report();
    mail.body = "Bericht aan 0477324877 – één keer ✓\n"
                "From the gateway: this line starts like an mbox separator\n"
                ".\n"
                ". a line that starts with a dot\n"
                "trailing space \n"
                "tab\there\n"
                "=3D is not an escape here\n" +
                std::string(200, 'x') + "\n" + std::string(120, 'y') + " ü\n\n" + "last line";
    std::string raw = compose_ok(mail);
    check_line_ends(raw);
    CHECK(raw.find("Content-Transfer-Encoding: quoted-printable\r\n") != std::string::npos);
    std::string body = raw.substr(raw.find("\r\n\r\n") + 4);
    for (const auto& line : lines(body)) {
        CHECK(line.size() <= 76);
        for (unsigned char c : line)
            CHECK(c < 0x80);
        CHECK(line.rfind("From ", 0) != 0);
        // A lone "." stays: "sendmail -i" does not end the input there, and SMTP dot-stuffs it.
    }
    CHECK(parse(raw).body() == mail.body + "\n");
}

TEST_CASE("report: an ASCII body with short lines goes 7bit, line ends CRLF")
{
    ReportMail mail = seed_report();
    mail.body = "one\r\ntwo\nthree\rfour\x07";
    std::string raw = compose_ok(mail);
    check_line_ends(raw);
    CHECK(raw.find("Content-Transfer-Encoding: 7bit\r\n") != std::string::npos);
    CHECK(raw.substr(raw.find("\r\n\r\n") + 4) == "one\r\ntwo\r\nthree\r\nfour\r\n");
}

TEST_CASE("report: every address Postfix accepts is written, quoted where it must be")
{
    struct Case {
        std::string given;   // as Postfix hands it on, or as written already
        std::string written; // in the To: header
    };
    const Case cases[] = {
        {"P.Sommers@sonal.be", "P.Sommers@sonal.be"},
        {"j d@example.com", "\"j d\"@example.com"},
        {"\"j d\"@example.com", "\"j d\"@example.com"},
        {"a@b@example.com", "\"a@b\"@example.com"},
        {"a@b,evil@example.com", "\"a@b,evil\"@example.com"},
        {"say \"hi\"@example.com", "\"say \\\"hi\\\"\"@example.com"},
        {"back\\slash@example.com", "\"back\\\\slash\"@example.com"},
        {".dot@example.com", "\".dot\"@example.com"},
        {"a..b@example.com", "\"a..b\"@example.com"},
        {"(comment)x@example.com", "\"(comment)x\"@example.com"},
        {"josé@example.com", "josé@example.com"},
        {"José Müller@example.com", "\"José Müller\"@example.com"},
        {"ps@example.com.", "ps@example.com"},
        {"ps@[192.0.2.1]", "ps@[192.0.2.1]"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.given);
        ReportMail mail = seed_report();
        mail.to.address = c.given;
        std::string raw = compose_ok(mail);
        check_line_ends(raw);
        CHECK(header_names(raw) == threaded_headers);
        CHECK(raw.find("<" + c.written + ">\r\n") != std::string::npos);
        Parsed parsed = parse(raw);
        CHECK(parsed.address_count(GMIME_ADDRESS_TYPE_TO) == 1);
        CHECK(parsed.address(GMIME_ADDRESS_TYPE_TO) == c.written);
    }
}

TEST_CASE("report: invalid input is an error that names the field")
{
    struct Case {
        const char* name;
        void (*change)(ReportMail&);
        const char* field;
    };
    const Case cases[] = {
        {"empty from", [](ReportMail& m) { m.from.address.clear(); }, "from"},
        {"from without @", [](ReportMail& m) { m.from.address = "smscomfort"; }, "from"},
        {"from with CRLF", [](ReportMail& m) { m.from.address = "a@b\r\nBcc: evil@x"; }, "from"},
        {"from in brackets", [](ReportMail& m) { m.from.address = "<a@b>"; }, "from"},
        {"from with a space in the domain", [](ReportMail& m) { m.from.address = "a@b c"; }, "from"},
        {"to without local part", [](ReportMail& m) { m.to.address = "@sonal.be"; }, "to"},
        {"to without domain", [](ReportMail& m) { m.to.address = "P.Sommers@"; }, "to"},
        {"to with a comma in the domain", [](ReportMail& m) { m.to.address = "a@b.example,evil.example"; }, "to"},
        {"to with a tab", [](ReportMail& m) { m.to.address = "a b\t@c"; }, "to"},
        {"to with LF in the local part", [](ReportMail& m) { m.to.address = "a\nBcc: evil@x"; }, "to"},
        {"to with CR in a quoted local part", [](ReportMail& m) { m.to.address = "\"a\rb\"@x"; }, "to"},
        {"to with NUL", [](ReportMail& m) { m.to.address = std::string("a\0b@x", 5); }, "to"},
        {"to with a C1 control", [](ReportMail& m) { m.to.address = "a\xC2\x85" "b@x"; }, "to"},
        {"to with ill-formed UTF-8", [](ReportMail& m) { m.to.address = "j\xF6se@x"; }, "to"},
        {"no message id", [](ReportMail& m) { m.message_id = "\r\n <>"; }, "message_id"},
        {"no domain", [](ReportMail& m) { m.gateway_domain.clear(); }, "gateway_domain"},
        {"no date", [](ReportMail& m) { m.date = "yesterday"; }, "date"},
        {"x-header not X-", [](ReportMail& m) { m.x_headers[0].first = "Bcc"; }, "x_headers"},
        {"x-header with colon", [](ReportMail& m) { m.x_headers[0].first = "X-A: b"; }, "x_headers"},
        {"x-header with CRLF", [](ReportMail& m) { m.x_headers[0].first = "X-A\r\nBcc"; }, "x_headers"},
        {"x-header empty after X-", [](ReportMail& m) { m.x_headers[0].first = "X-"; }, "x_headers"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        ReportMail mail = seed_report();
        c.change(mail);
        auto result = compose_report(mail);
        REQUIRE(!result.ok());
        CHECK(result.error().field == c.field);
    }
}

TEST_CASE("template: placeholders are filled literally, unknown ones left")
{
    const std::map<std::string, std::string> values{
        {"number", "0477324877"}, {"text", "{number} {reason}"}, {"empty", ""}, {"a_1", "A"}};
    struct Case {
        const char* tmpl;
        const char* expected;
    };
    const Case cases[] = {
        {"Bericht aan {number}.", "Bericht aan 0477324877."},
        {"{text}", "{number} {reason}"}, // a value is never expanded again
        {"{unknown} {number}", "{unknown} 0477324877"},
        {"[{empty}]", "[]"},
        {"{a_1}{a_1}", "AA"},
        {"{}", "{}"},
        {"{{number}}", "{0477324877}"},
        {"{number", "{number"},
        {"}{ number}{Number}", "}{ number}{Number}"},
        {"", ""},
        {"é {number} ✓", "é 0477324877 ✓"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.tmpl);
        CHECK(fill_template(c.tmpl, values) == c.expected);
    }
}

TEST_CASE("template: languages, English by default")
{
    CHECK(templates_for("nl").language == "nl");
    CHECK(templates_for("NL-be").language == "nl");
    CHECK(templates_for("nl_BE").language == "nl");
    CHECK(templates_for("en").language == "en");
    CHECK(templates_for("fr").language == "en");
    CHECK(templates_for("").language == "en");
    CHECK(templates_for("nld").language == "en");

    std::map<std::string, std::string> values{{"number", "0477324877"},
                                              {"international", "+32477324877"},
                                              {"text", "test"},
                                              {"reason", "unknown subscriber"},
                                              {"code", "TP-ST 0x41"},
                                              {"subject", "Ok test"}};
    const auto& en = templates_for("en");
    CHECK(fill_template(en.network.subject, values) == "Message to 0477324877 was delivered to the network.");
    CHECK(fill_template(en.failed.body, values) ==
          "Message to 0477324877 (+32477324877) was not delivered: unknown subscriber (TP-ST 0x41).\n"
          "--- Original message ---\ntest");
    for (const auto* t : {&en, &templates_for("nl")}) {
        for (auto kind : {ReportMail::Kind::network, ReportMail::Kind::handset, ReportMail::Kind::trying,
                          ReportMail::Kind::failed,
                          ReportMail::Kind::incoming}) {
            std::string subject = fill_template(t->for_kind(kind).subject, values);
            std::string body = fill_template(t->for_kind(kind).body, values);
            CHECK(subject.find('{') == std::string::npos);
            CHECK(body.find('{') == std::string::npos);
            CHECK(subject.find('\n') == std::string::npos);
        }
    }
}

namespace {

// The seed's handset report as a delivery status.
DeliveryStatus seed_status()
{
    DeliveryStatus s;
    s.reporting_mta = "sms.sonal.be";
    s.arrival_date = "Mon, 19 Nov 2007 16:52:50 +0100";
    s.original_recipient = "0477324877@sms.sonal.be";
    s.final_recipient = "+32477324877@sms.sonal.be";
    s.action = DsnAction::delivered;
    s.status = "2.0.0";
    s.diagnostic = "TP-ST 0x00 short message received by the SME";
    s.last_attempt_date = "Mon, 19 Nov 2007 16:52:56 +0100";
    return s;
}

std::string status_ok(const DeliveryStatus& s)
{
    auto result = delivery_status_text(s);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().what()));
    return *result;
}

// The field names of a delivery status, in order, "" for the blank line
// between the blocks; and the longest line.
std::vector<std::string> field_names(const std::string& text, std::size_t* longest = nullptr)
{
    std::vector<std::string> names;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        std::string line = text.substr(start, end - start);
        if (longest)
            *longest = std::max(*longest, line.size());
        if (line.empty() || (line[0] != ' ' && line[0] != '\t'))
            names.push_back(line.substr(0, line.find(':')));
    }
    CHECK(start == text.size()); // every line ends in LF
    return names;
}

const std::vector<std::string> seed_fields{"Reporting-MTA",  "Arrival-Date", "",       "Original-Recipient",
                                           "Final-Recipient", "Action",      "Status", "Diagnostic-Code",
                                           "Last-Attempt-Date"};

GMimeObject* part_at(const Parsed& parsed, int index)
{
    GMimeObject* top = g_mime_message_get_mime_part(parsed.message.get());
    REQUIRE(GMIME_IS_MULTIPART(top));
    REQUIRE(g_mime_multipart_get_count(GMIME_MULTIPART(top)) == 3);
    return g_mime_multipart_get_part(GMIME_MULTIPART(top), index);
}

std::string part_text(GMimeObject* part)
{
    REQUIRE(GMIME_IS_PART(part));
    GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(part));
    GObjectPtr<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, out.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    std::string text(reinterpret_cast<const char*>(bytes->data), bytes->len);
    std::string lf;
    for (char c : text)
        if (c != '\r')
            lf += c;
    return lf;
}

std::string content_type(GMimeObject* object)
{
    GCharPtr type(g_mime_content_type_get_mime_type(g_mime_object_get_content_type(object)));
    return type.get();
}

} // namespace

TEST_CASE("delivery status: the seed's handset report, fields in RFC 3464's order")
{
    CHECK(status_ok(seed_status()) == "Reporting-MTA: dns; sms.sonal.be\n"
                                      "Arrival-Date: Mon, 19 Nov 2007 16:52:50 +0100\n"
                                      "\n"
                                      "Original-Recipient: rfc822; 0477324877@sms.sonal.be\n"
                                      "Final-Recipient: rfc822; +32477324877@sms.sonal.be\n"
                                      "Action: delivered\n"
                                      "Status: 2.0.0\n"
                                      "Diagnostic-Code: X-SMS; TP-ST 0x00 short message received by the SME\n"
                                      "Last-Attempt-Date: Mon, 19 Nov 2007 16:52:56 +0100\n");
    DeliveryStatus s = seed_status();
    s.original_envelope_id = "QQ314159";
    s.arrival_date.clear();
    s.original_recipient.clear();
    s.diagnostic.clear();
    s.last_attempt_date.clear();
    CHECK(status_ok(s) == "Reporting-MTA: dns; sms.sonal.be\n"
                          "Original-Envelope-Id: QQ314159\n"
                          "\n"
                          "Final-Recipient: rfc822; +32477324877@sms.sonal.be\n"
                          "Action: delivered\n"
                          "Status: 2.0.0\n");
}

TEST_CASE("delivery status: each report's Action, and a Status of its class")
{
    CHECK(dsn_action(ReportMail::Kind::network) == DsnAction::relayed);
    CHECK(dsn_action(ReportMail::Kind::handset) == DsnAction::delivered);
    CHECK(dsn_action(ReportMail::Kind::trying) == DsnAction::delayed);
    CHECK(dsn_action(ReportMail::Kind::failed) == DsnAction::failed);
    CHECK(!dsn_action(ReportMail::Kind::incoming));

    struct Case {
        DsnAction action;
        StatusCode status;
        bool ok;
    };
    const Case cases[] = {
        {DsnAction::delivered, "2.0.0", true}, {DsnAction::relayed, "2.0.0", true},
        {DsnAction::delayed, "4.4.0", true},   {DsnAction::failed, "5.4.0", true},
        {DsnAction::failed, "5.4.7", true},    {DsnAction::delivered, "5.0.0", false},
        {DsnAction::relayed, "4.4.0", false},  {DsnAction::delayed, "2.0.0", false},
        {DsnAction::delayed, "5.4.7", false},  {DsnAction::failed, "4.4.7", false},
        {DsnAction::failed, "2.0.0", false},
    };
    for (const auto& c : cases) {
        CAPTURE(dsn_action_word(c.action));
        CAPTURE(c.status.str());
        DeliveryStatus s = seed_status();
        s.action = c.action;
        s.status = c.status;
        auto text = delivery_status_text(s);
        CHECK(text.ok() == c.ok);
        if (text.ok())
            CHECK(text->find("Action: " + std::string(dsn_action_word(c.action)) + "\nStatus: " + c.status.str() +
                             "\n") != std::string::npos);
        else
            CHECK(text.error().field == "status");
    }
    DeliveryStatus s = seed_status();
    s.reporting_mta = "\r\n";
    CHECK(delivery_status_text(s).error().field == "reporting_mta");
    s = seed_status();
    s.final_recipient = " \x01 ";
    CHECK(delivery_status_text(s).error().field == "final_recipient");
}

TEST_CASE("delivery status: a value cannot make a field or a line of its own")
{
    const std::string attacks[] = {
        "x\r\nAction: failed", "x\nStatus: 5.0.0", "x\rAction: failed", "x\r\n\r\nFinal-Recipient: rfc822; a@b",
        "x\r\n Action: failed", std::string("x\0Action: failed", 16), "x\xC2\x85" "Action: failed",
        "x\x0b\x0c" "Action: failed",
    };
    for (const auto& attack : attacks) {
        for (int field = 0; field < 6; ++field) {
            CAPTURE(attack);
            CAPTURE(field);
            DeliveryStatus s = seed_status();
            std::string* values[] = {&s.reporting_mta,  &s.arrival_date,       &s.original_recipient,
                                     &s.final_recipient, &s.diagnostic,        &s.last_attempt_date};
            *values[field] = attack;
            std::size_t longest = 0;
            CHECK(field_names(status_ok(s), &longest) == seed_fields);
            CHECK(longest <= 78);
        }
    }
}

TEST_CASE("delivery status: non-ASCII is escaped, a long value folds and stays under 998 octets")
{
    DeliveryStatus s = seed_status();
    s.diagnostic = "+CMS ERROR: 500 (fehler – ünbekannt ✓ \xF0\x9F\x98\x80) \xFF";
    s.original_recipient = "josé@sms.sonal.be";
    std::string text = status_ok(s);
    for (unsigned char c : text)
        CHECK(c < 0x80);
    INFO(text);
    CHECK(text.find("Diagnostic-Code: X-SMS; +CMS ERROR: 500 (fehler \\x{2013} \\x{FC}nbekannt\n"
                    " \\x{2713} \\x{1F600}) \\x{FFFD}\n") != std::string::npos);
    CHECK(text.find("Original-Recipient: rfc822; jos\\x{E9}@sms.sonal.be\n") != std::string::npos);

    for (const std::string& value : {std::string(3000, 'a'), std::string(1500, '\xC3') + std::string(1500, '\xA9'),
                                     [] {
                                         std::string words;
                                         for (int i = 0; i < 300; ++i)
                                             words += "word" + std::to_string(i) + " ";
                                         return words;
                                     }()}) {
        s.diagnostic = value;
        std::size_t longest = 0;
        std::string long_text = status_ok(s);
        CHECK(field_names(long_text, &longest) == seed_fields);
        CHECK(longest <= 998);
        if (value[0] == 'w')
            CHECK(longest <= 78);
    }
}

TEST_CASE("report: with a delivery status, a multipart/report of three parts that GMime reads back")
{
    ReportMail mail = seed_report();
    mail.subject = "Bericht aan 0477324877 is afgeleverd op GSM.";
    mail.body = "Bericht aan 0477324877 is afgeleverd op GSM.\n--- Oorspronkelijk bericht ---\nPS test";
    mail.delivery_status = seed_status();
    mail.original_text = "PS test – één ✓";
    std::string raw = compose_ok(mail);
    check_line_ends(raw);
    std::vector<std::string> names = threaded_headers;
    names.pop_back(); // no Content-Transfer-Encoding for a multipart
    CHECK(header_names(raw) == names);
    for (const auto& line : lines(raw))
        CHECK(line.size() <= 78);

    Parsed parsed = parse(raw);
    GMimeObject* top = g_mime_message_get_mime_part(parsed.message.get());
    CHECK(content_type(top) == "multipart/report");
    CHECK(std::string(g_mime_object_get_content_type_parameter(top, "report-type")) == "delivery-status");
    CHECK(content_type(part_at(parsed, 0)) == "text/plain");
    CHECK(content_type(part_at(parsed, 1)) == "message/delivery-status");
    CHECK(content_type(part_at(parsed, 2)) == "text/plain");
    GCharPtr words(g_mime_text_part_get_text(GMIME_TEXT_PART(part_at(parsed, 0))));
    CHECK(std::string(words.get()).find("afgeleverd op GSM.\r\n--- Oorspronkelijk bericht ---\r\nPS test") !=
          std::string::npos);
    CHECK(part_text(part_at(parsed, 1)) == status_ok(seed_status()));
    GCharPtr original(g_mime_text_part_get_text(GMIME_TEXT_PART(part_at(parsed, 2))));
    CHECK(std::string(original.get()) == "PS test – één ✓\r\n");
    CHECK(parsed.header("In-Reply-To") == std::string("<") + seed_original_id + ">");

    // A status whose Action and Status disagree makes no mail.
    mail.delivery_status->status = "5.0.0";
    auto refused = compose_report(mail);
    REQUIRE(!refused.ok());
    CHECK(refused.error().field == "status");
}

TEST_CASE("report: the SMS text in the third part cannot end the report or add a part")
{
    ReportMail mail = seed_report();
    mail.delivery_status = seed_status();
    mail.original_text = "PS hi\r\n--=-\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n--";
    Parsed parsed = parse(compose_ok(mail));
    CHECK(part_text(part_at(parsed, 1)) == status_ok(seed_status()));
    GCharPtr original(g_mime_text_part_get_text(GMIME_TEXT_PART(part_at(parsed, 2))));
    std::string text;
    for (const char* p = original.get(); *p; ++p)
        if (*p != '\r')
            text += *p;
    CHECK(text == "PS hi\n--=-\nContent-Type: message/delivery-status\n\nAction: failed\n--\n");
}
