// test_mail_text.cpp - mail to SMS text on the corpus under tests/mails: one
// SUBCASE per mail as a named client produced it, with its expected text
// (NAME.txt) or the expected error (NAME.error), and options (NAME.options:
// "prefix=P", "no-clean", "template=..." with \n for a line break). A file
// NAME.eml.in is a template: a line "@@BASE64 N@@" becomes N octets of
// attachment in base64, so that a 5 MB mail need not be committed.
#include "mail/extract.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace smsgate::mail;
namespace fs = std::filesystem;

namespace {

const fs::path mail_dir = fs::path(SMSGATE_SOURCE_DIR) / "tests" / "mails";

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// N octets that look like a PDF and do not compress, in base64 lines of 76.
std::string base64_attachment(std::size_t size)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string octets = "%PDF-1.4\n";
    std::uint32_t x = 2463534242u; // xorshift32
    while (octets.size() < size) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        octets += static_cast<char>(x & 0xFF);
    }
    octets.resize(size);
    std::string out;
    out.reserve(size * 4 / 3 + size / 57 + 8);
    std::size_t column = 0;
    for (std::size_t i = 0; i < size; i += 3) {
        std::uint32_t n = static_cast<std::uint8_t>(octets[i]) << 16;
        if (i + 1 < size)
            n |= static_cast<std::uint8_t>(octets[i + 1]) << 8;
        if (i + 2 < size)
            n |= static_cast<std::uint8_t>(octets[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += i + 1 < size ? alphabet[(n >> 6) & 63] : '=';
        out += i + 2 < size ? alphabet[n & 63] : '=';
        if ((column += 4) == 76) {
            out += '\n';
            column = 0;
        }
    }
    return out;
}

std::string expand_template(const std::string& text)
{
    const std::string marker = "@@BASE64 ";
    std::size_t at = text.find(marker);
    if (at == std::string::npos)
        return text;
    std::size_t end = text.find("@@", at + marker.size());
    std::size_t size = std::stoul(text.substr(at + marker.size(), end - at - marker.size()));
    return text.substr(0, at) + base64_attachment(size) + text.substr(end + 2);
}

std::string unescape_newlines(std::string s)
{
    for (std::size_t at = s.find("\\n"); at != std::string::npos; at = s.find("\\n", at + 1))
        s.replace(at, 2, "\n");
    return s;
}

ExtractOptions read_options(const fs::path& path)
{
    ExtractOptions options;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("prefix=", 0) == 0)
            options.prefix = line.substr(7);
        else if (line.rfind("template=", 0) == 0)
            options.text_template = unescape_newlines(line.substr(9));
        else if (line == "no-clean")
            options.clean = CleanOptions::none();
    }
    return options;
}

struct Sample {
    std::string name;
    fs::path mail;
};

std::vector<Sample> corpus()
{
    std::vector<Sample> samples;
    for (const auto& entry : fs::directory_iterator(mail_dir)) {
        std::string file = entry.path().filename().string();
        for (std::string suffix : {".eml", ".eml.in"})
            if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
                samples.push_back({file.substr(0, file.size() - suffix.size()), entry.path()});
    }
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.name < b.name; });
    return samples;
}

void check_sample(const Sample& sample)
{
    std::string raw = read_file(sample.mail);
    if (sample.mail.extension() == ".in")
        raw = expand_template(raw);
    fs::path base = mail_dir / sample.name;
    ExtractOptions options = fs::exists(base.string() + ".options") ? read_options(base.string() + ".options")
                                                                    : ExtractOptions{};
    auto result = extract_text(raw, options);
    if (fs::exists(base.string() + ".error")) {
        std::string expected = read_file(base.string() + ".error");
        expected.erase(expected.find_last_not_of('\n') + 1);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().what().find(expected) != std::string::npos);
        return;
    }
    REQUIRE_MESSAGE(fs::exists(base.string() + ".txt"), sample.name << " has neither .txt nor .error");
    std::string expected = read_file(base.string() + ".txt");
    if (!expected.empty() && expected.back() == '\n')
        expected.pop_back();
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().what()));
    CHECK(result->text == expected);
}

} // namespace

TEST_CASE("mail corpus: every tests/mails/*.eml gives its expected text")
{
    auto samples = corpus();
    CHECK(samples.size() >= 25);
    for (const auto& sample : samples) {
        SUBCASE(sample.name.c_str())
        {
            check_sample(sample);
        }
    }
}

TEST_CASE("mail corpus: the 5 MB attachment is really there, and skipped")
{
    std::string raw = expand_template(read_file(mail_dir / "big_attachment.eml.in"));
    CHECK(raw.size() > 5 * 1024 * 1024);
    auto result = extract_text(raw, {});
    REQUIRE(result.ok());
    CHECK(result->body == "The plans for the new building are attached (5 MB).");
}

TEST_CASE("seed: the Exchange mail's headers, as the transport hands them to the worker")
{
    auto result = extract_text(read_file(mail_dir / "exchange_seed.eml"), {});
    REQUIRE(result.ok());
    CHECK(result->subject.empty());
    CHECK(result->body == "test");
    CHECK(result->text == "test");
    CHECK(result->message_id == "5F02E2331C5BED418B4FEEEE88CDA5D1B41BA29@srv1.sonal.local");
    CHECK(result->from.name == "Paul Somers");
    CHECK(result->from.address == "P.Sommers@sonal.be");
    CHECK(result->to.name == "SMS PS");
    CHECK(result->to.address == "+32477324847@sms.sonal");
    CHECK_FALSE(result->notify.has_value());
    CHECK(result->auto_submitted.empty());

    ExtractOptions with_prefix;
    with_prefix.prefix = "PS";
    CHECK(extract_text(read_file(mail_dir / "exchange_seed.eml"), with_prefix)->text == "PS test");
}

TEST_CASE("headers: RFC 2047 names, X-SMS-Notify in lower case, 8-bit octets")
{
    auto notify = extract_text(read_file(mail_dir / "x_sms_notify.eml"), {});
    REQUIRE(notify.ok());
    REQUIRE(notify->notify.has_value());
    CHECK(*notify->notify == "handset");

    auto q = extract_text(read_file(mail_dir / "iso8859_1_body.eml"), {});
    REQUIRE(q.ok());
    CHECK(q->from.name == "Andr\xC3\xA9 Dupont");

    auto koi8 = extract_text(read_file(mail_dir / "koi8r.eml"), {});
    REQUIRE(koi8.ok());
    CHECK(koi8->from.name == "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD \xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2");

    auto raw8 = extract_text(read_file(mail_dir / "malformed_8bit_headers.eml"), {});
    REQUIRE(raw8.ok());
    CHECK(raw8->from.name == "H\xC3\xB4tel du Lac");
    CHECK(raw8->subject == "R\xC3\xA9servation confirm\xC3\xA9" "e");
}

TEST_CASE("headers: Auto-Submitted keyword of RFC 3834, without parameters or comments")
{
    struct Row {
        const char* header; // "" for none
        const char* keyword;
    };
    for (auto row : {
             Row{"", ""},
             Row{"Auto-Submitted: no\n", "no"},
             Row{"Auto-Submitted: No\n", "no"},
             Row{"Auto-Submitted: auto-generated\n", "auto-generated"},
             Row{"Auto-Submitted: Auto-Replied; foo=bar\n", "auto-replied"},
             Row{"Auto-Submitted: auto-replied;foo=bar\n", "auto-replied"},
             Row{"Auto-Submitted:   auto-notified ; owner-email=\"a@b.c\"\n", "auto-notified"},
             Row{"Auto-Submitted:\n\tauto-generated;\n reason=vacation\n", "auto-generated"},
             Row{"auto-submitted: AUTO-GENERATED\r\n", "auto-generated"},
             Row{"Auto-Submitted: (a comment) auto-replied (another)\n", "auto-replied"},
             Row{"Auto-Submitted: no (not (automatic))\n", "no"},
             Row{"Auto-Submitted: \n", ""},
             Row{"Auto-Submitted: ; foo=bar\n", ""},
         }) {
        auto result = extract_text(std::string("From: a@b.c\nSubject: hi\n") + row.header + "\nbody\n", {});
        REQUIRE_MESSAGE(result.ok(), row.header);
        CHECK_MESSAGE(result->auto_submitted == row.keyword, row.header);
        CHECK(result->body == "body");
    }
}

TEST_CASE("extract_text: what is not a mail, and mails with nothing to send")
{
    CHECK_FALSE(extract_text("", {}).ok());
    CHECK(extract_text("", {}).error().field == "mail");

    auto blank = extract_text("Subject: \nFrom: a@b.c\n\n \n\n", {});
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error().field == "text");
    CHECK(blank.error().what().find("no usable text") != std::string::npos);

    // A prefix alone is no text.
    ExtractOptions with_prefix;
    with_prefix.prefix = "PS";
    CHECK_FALSE(extract_text("Subject: \n\n", with_prefix).ok());
}

TEST_CASE("extract_text: clean-up can be switched off")
{
    const std::string mail = "Subject: Hi\n\nSee you at 8.\n\n\n\n> quoted\n-- \nPaul\n";
    auto cleaned = extract_text(mail, {});
    REQUIRE(cleaned.ok());
    CHECK(cleaned->text == "Hi\nSee you at 8.");

    ExtractOptions raw;
    raw.clean = CleanOptions::none();
    auto kept = extract_text(mail, raw);
    REQUIRE(kept.ok());
    CHECK(kept->text == "Hi\nSee you at 8.\n\n\n\n> quoted\n-- \nPaul");
}

TEST_CASE("extract_text: a mail that is all quote keeps the quote")
{
    auto result = extract_text("Subject: \n\n> forwarded words\n> more words\n", {});
    REQUIRE(result.ok());
    CHECK(result->text == "> forwarded words\n> more words");
}

TEST_CASE("extract_text: attachments are not the body")
{
    const std::string mail = "Subject: Report\nMIME-Version: 1.0\n"
                             "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
                             "--b\nContent-Type: text/plain; name=\"notes.txt\"\n\nattachment text\n"
                             "--b\nContent-Type: text/plain\nContent-Disposition: attachment\n\nalso attached\n"
                             "--b\nContent-Type: text/plain\nContent-Disposition: inline\n\nthe body\n--b--\n";
    auto result = extract_text(mail, {});
    REQUIRE(result.ok());
    CHECK(result->body == "the body");
}
