// test_mail_refusal.cpp - what the milter and the transport answer to a mail
// whose text cannot be sent: every tests/mails/NAME.eml with a NAME.refusal
// file goes through checks::check_text (the one path both programs take),
// and the reply "CODE DSN TEXT" must begin with the file's line. Beside it,
// the checks of text_check.hpp and the HZ decoder on near misses.
#include "checks/sms_text.hpp"
#include "mail/hz.hpp"
#include "mail/text_check.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace smsgate;
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

} // namespace

TEST_CASE("mail corpus: every NAME.refusal is the reply to NAME.eml")
{
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(mail_dir)) {
        if (entry.path().extension() != ".refusal")
            continue;
        ++cases;
        std::string name = entry.path().stem().string();
        SUBCASE(name.c_str())
        {
            std::string expected = read_file(entry.path());
            expected.erase(expected.find_last_not_of('\n') + 1);
            auto checked = checks::check_text(read_file(mail_dir / (name + ".eml")), config::SmsConfig{}, "");
            auto* refusal = std::get_if<Verdict>(&checked);
            REQUIRE_MESSAGE(refusal != nullptr, name << " was not refused");
            std::string reply = std::to_string(refusal->smtp) + " " + refusal->code.str() + " " + refusal->text;
            CHECK_MESSAGE(reply.rfind(expected, 0) == 0, reply);
            CHECK(refusal->permanent());
        }
    }
    CHECK(cases >= 8);
}

TEST_CASE("check_text: a mail with text is not refused, and no text is 550 5.6.0")
{
    auto good = checks::check_text("Subject: Hi\n\nSee you at 8.\n", config::SmsConfig{}, "PS");
    REQUIRE(std::holds_alternative<mail::MailText>(good));
    CHECK(std::get<mail::MailText>(good).text == "PS Hi\nSee you at 8.");

    auto empty = checks::check_text("Subject: \n\n\n", config::SmsConfig{}, "");
    REQUIRE(std::holds_alternative<Verdict>(empty));
    CHECK(std::get<Verdict>(empty).smtp == 550);
    CHECK(std::get<Verdict>(empty).code == "5.6.0");
    CHECK(std::get<Verdict>(empty).text.rfind("no text for an SMS in the message: no usable text", 0) == 0);
}

TEST_CASE("check_text: a body that is not text is refused even with a subject")
{
    auto junk = checks::check_text("Subject: Hello\nContent-Type: text/plain\n\nabc\x01" "def\n", config::SmsConfig{}, "");
    REQUIRE(std::holds_alternative<Verdict>(junk));
    CHECK(std::get<Verdict>(junk).code == "5.6.0");
}

TEST_CASE("RFC 2045: check_base64 on good and broken encodings")
{
    struct Row {
        const char* encoded;
        bool good;
    };
    for (auto row : {
             Row{"", true},
             Row{"SGVsbG8=\n", true},
             Row{"SGVs\r\nbG8h\r\n", true},
             Row{"SGk=", true},
             Row{"SA==", true},
             Row{" S G k = ", true},
             Row{"SGk", false},        // padding missing: a cut is indistinguishable
             Row{"SGVsb", false},      // 4n+1: no base64 is that long
             Row{"SGk=SGk=", false},   // data after the padding
             Row{"S===", false},       // three padding characters
             Row{"SGVs!G8h", false},   // '!' is not in the alphabet
             Row{"SGVs\xC3\xA9G8h", false},
             Row{"SGVs-_8h", false},   // base64url is not MIME's base64
         }) {
        auto problem = mail::check_base64(row.encoded);
        CHECK_MESSAGE(problem.has_value() == !row.good, row.encoded);
        if (problem)
            CHECK(problem->fault == mail::TextFault::invalid_base64);
    }
}

TEST_CASE("check_utf8 and check_characters: the first bad octet or character, by position")
{
    CHECK_FALSE(mail::check_utf8("caf\xC3\xA9").has_value());
    CHECK_FALSE(mail::check_utf8(std::string_view("a\0b", 3)).has_value()); // NUL is check_characters' job
    auto latin1 = mail::check_utf8("caf\xE9 cr\xE8me");
    REQUIRE(latin1.has_value());
    CHECK(latin1->fault == mail::TextFault::invalid_utf8);
    CHECK(latin1->message.find("0xE9 at octet 4") != std::string::npos);
    CHECK(mail::check_utf8("\xED\xA0\x80").has_value()); // a surrogate
    CHECK(mail::check_utf8("\xC0\xAF").has_value());     // overlong '/'

    CHECK_FALSE(mail::check_characters("tab\tline\nCR\r\nform feed\f \xE2\x82\xAC").has_value());
    auto nul = mail::check_characters(std::string_view("ab\0", 3));
    REQUIRE(nul.has_value());
    CHECK(nul->fault == mail::TextFault::nul_character);
    CHECK(nul->message.find("at character 3") != std::string::npos);
    for (std::string_view control : {"\x01", "\x1B", "\x7F", "\xC2\x85", "\xC2\x9F", "\x0B"}) {
        auto problem = mail::check_characters("x" + std::string(control));
        REQUIRE(problem.has_value());
        CHECK(problem->fault == mail::TextFault::control_character);
        CHECK(problem->message.find("at character 2") != std::string::npos);
    }
}

TEST_CASE("RFC 1843: HZ to EUC-CN")
{
    // The RFC's own escapes: "~~" is '~', "~" at a line end joins lines.
    CHECK(mail::hz_to_euc_cn("a~~b") == "a~b");
    CHECK(mail::hz_to_euc_cn("one ~\ntwo") == "one two");
    CHECK(mail::hz_to_euc_cn("one ~\r\ntwo") == "one two");
    // "~{<:~}" : GB 2312 0x3C3A with the high bit set.
    CHECK(mail::hz_to_euc_cn("x~{<:~}y") == "x\xBC\xBAy");
    // A line end leaves GB mode; a "~}" outside it and a "~{" inside it are taken as they are.
    CHECK(mail::hz_to_euc_cn("~{<:\n<:") == "\xBC\xBA\n<:");
    CHECK(mail::hz_to_euc_cn("~}") == "~}");
    CHECK(mail::hz_to_euc_cn("~{~{~}") == "\xFE\xFB");
}
