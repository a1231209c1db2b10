// The number map of [mail] number_map: where an incoming SMS goes when no
// conversation claims it.
#include "config/number_map.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace smsgate;
using namespace smsgate::config;

namespace {

Result<NumberMap> map_of(const std::string& text, const std::string& region = "BE")
{
    std::istringstream in(text);
    return parse_number_map(in, "numbers", region);
}

NumberMap good(const std::string& text, const std::string& region = "BE")
{
    auto m = map_of(text, region);
    REQUIRE_MESSAGE(m.ok(), (m.ok() ? "" : m.error().what()));
    return std::move(m).value();
}

} // namespace

TEST_CASE("number map: E.164 and national keys, found by either form")
{
    auto m = good("+32477324847 ps@example.com\n"
                  "0478123456\tdesk@example.com\n"
                  "+31612345678   nl@example.org\n");
    CHECK(m.size() == 3);
    CHECK(m.find("+32477324847") == "ps@example.com");
    CHECK(m.find("0477324847") == "ps@example.com");
    CHECK(m.find("0032477324847") == "ps@example.com");
    CHECK(m.find("+32478123456") == "desk@example.com");
    CHECK(m.find("0478123456") == "desk@example.com");
    CHECK(m.find("+31612345678") == "nl@example.org");
    // Near misses: another number, the Dutch number in national form read
    // as Belgian, a number that cannot be parsed.
    CHECK_FALSE(m.find("+32477324848"));
    CHECK_FALSE(m.find("0612345678"));
    CHECK_FALSE(m.find("12"));
    CHECK_FALSE(m.find(""));
}

TEST_CASE("number map: seed number in national form with region BE")
{
    auto m = good("0477324847 ps@example.com\n");
    CHECK(m.find("+32477324847") == "ps@example.com");
    CHECK(m.find("0477324847") == "ps@example.com");
    // Without a default region a national originator is compared as given.
    auto international = good("+32477324847 ps@example.com\n", "");
    CHECK(international.find("+32477324847") == "ps@example.com");
    CHECK_FALSE(international.find("0477324847"));
}

TEST_CASE("number map: alphanumeric originators in any case, short codes by their digits")
{
    auto m = good("ING bank@example.com\n"
                  "T-Mobile operator@example.com\n"
                  "ABCDEFGHIJK eleven@example.com\n"
                  "8850 short@example.com\n");
    CHECK(m.find("ING") == "bank@example.com");
    CHECK(m.find("ing") == "bank@example.com");
    CHECK(m.find("Ing") == "bank@example.com");
    CHECK(m.find("t-mobile") == "operator@example.com");
    CHECK(m.find("abcdefghijk") == "eleven@example.com");
    CHECK(m.find("8850") == "short@example.com");
    CHECK_FALSE(m.find("INGB"));
    CHECK_FALSE(m.find("IN"));
}

TEST_CASE("number map: comments, blank lines, CRLF and continuation lines")
{
    auto m = good("# incoming SMS without a conversation\n"
                  "\n"
                  "   \t\n"
                  "  # an indented comment\n"
                  "+32477324847 ps@example.com\r\n"
                  "ING\n"
                  "    bank@example.com\n");
    CHECK(m.size() == 2);
    CHECK(m.find("+32477324847") == "ps@example.com");
    CHECK(m.find("ING") == "bank@example.com");
    CHECK(good("").size() == 0);
    CHECK(good("# nothing\n").size() == 0);
}

TEST_CASE("number map: every mistake names the file and its line")
{
    struct Row {
        const char* text;
        const char* says;
    };
    for (auto row : {
             Row{"# a\n+32477324847\n", "numbers:2: '+32477324847' without an address"},
             Row{"+32477324847 a@example.com b@example.com\n", "numbers:1: text after the address 'a@example.com'"},
             Row{"\n\n+32477324847 a@example.com\n  extra\n", "numbers:4: text after the address"},
             Row{"+32477324847 a@example.com\n0477324847 b@example.com\n",
                 "numbers:2: duplicate originator '0477324847' (+32477324847, first on line 1)"},
             Row{"ING a@example.com\n#\ning b@example.com\n",
                 "numbers:3: duplicate originator 'ing' (first on line 1)"},
             Row{"+3212 a@example.com\n", "numbers:1: +3212 is not a valid number for Belgium"},
             Row{"*100# a@example.com\n", "numbers:1: '*100#' is not a phone number"},
             Row{"ABCDEFGHIJKL a@example.com\n",
                 "numbers:1: alphanumeric originator 'ABCDEFGHIJKL' is longer than 11"},
             Row{"Bank[1] a@example.com\n", "numbers:1: alphanumeric originator 'Bank[1]' may have only"},
             Row{"Caf\xC3\xA9 a@example.com\n", "numbers:1: alphanumeric originator"},
             Row{"+32477324847 ps\n", "numbers:1: 'ps' is not a mail address local@domain: not exactly one '@'"},
             Row{"+32477324847 a@b@example.com\n", "not exactly one '@'"},
             Row{"+32477324847 @example.com\n",
                 "numbers:1: '@example.com' is not a mail address local@domain: nothing"},
             Row{"+32477324847 ps@\n", "nothing on one side of the '@'"},
             Row{"+32477324847 <ps@example.com>\n",
                 "numbers:1: '<ps@example.com>' is not a mail address local@domain: '<'"},
             Row{"+32477324847 a@example.com,b@example.com\n", "local@domain: ','"},
             Row{"+32477324847 ps@example.com\x7F\n", "numbers:1: control character 0x7F"},
             Row{"+32477324847 ps@exa\x01mple.com\n", "numbers:1: control character 0x01"},
             Row{"  +32477324847 ps@example.com\n", "numbers:1: continuation line"},
         }) {
        auto m = map_of(row.text);
        REQUIRE_MESSAGE(!m.ok(), row.text);
        CHECK(m.error().field == "number_map");
        CHECK_MESSAGE(m.error().message.find(row.says) != std::string::npos, m.error().message);
        CHECK_MESSAGE(m.error().message.rfind("numbers:", 0) == 0, m.error().message);
    }
    // A national key needs a default region, and the region must exist.
    auto no_region = map_of("0477324847 ps@example.com\n", "");
    REQUIRE_FALSE(no_region.ok());
    CHECK(no_region.error().message.rfind("numbers:1: ", 0) == 0);
    auto bad_region = map_of("+32477324847 ps@example.com\n", "XX");
    REQUIRE_FALSE(bad_region.ok());
    CHECK(bad_region.error().message == "numbers: 'XX' is not a region code (default_region)");
}

TEST_CASE("number map: load from a file, a missing file, an empty path")
{
    auto none = load_number_map("", "BE");
    REQUIRE(none.ok());
    CHECK(none->size() == 0);
    CHECK_FALSE(none->find("+32477324847"));

    auto missing = load_number_map("/nonexistent/smsgate/numbers", "BE");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "number_map");
    CHECK(missing.error().message == "/nonexistent/smsgate/numbers: No such file or directory");

    auto path = std::filesystem::temp_directory_path() / ("smsgate-number-map-" + std::to_string(::getpid()));
    {
        std::ofstream out(path);
        out << "# test\n0477324847 ps@example.com\nING bank@example.com\nfoo\n";
    }
    auto bad = load_number_map(path.string(), "BE");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == path.string() + ":4: 'foo' without an address (ORIGINATOR ADDRESS)");
    {
        std::ofstream out(path);
        out << "# test\n0477324847 ps@example.com\nING bank@example.com\n";
    }
    auto loaded = load_number_map(path.string(), "BE");
    std::filesystem::remove(path);
    REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().what()));
    CHECK(loaded->size() == 2);
    CHECK(loaded->find("+32477324847") == "ps@example.com");
    CHECK(loaded->find("ing") == "bank@example.com");
}
