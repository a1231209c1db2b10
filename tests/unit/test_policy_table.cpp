// test_policy_table.cpp - the senders table as text (smsgate-senders(5)):
// continuation lines, quoting, every value and limit, every error with its
// line, networks as read and written, threads, and the man page.
#include "policy/attributes.hpp"
#include "policy/network.hpp"
#include "policy_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace policy_test;

TEST_CASE("senders: continuation lines, comments, blank lines and CRLF")
{
    const auto t = table("# senders of the help desk\r\n"
                         "\r\n"
                         "@example.com allow\r\n"
                         "    parts=2\r\n"
                         "# a comment between continuation lines\r\n"
                         "\trecipients=4 prefix=HD\r\n"
                         "  # an indented comment\r\n"
                         "\r\n"
                         "sasl:alice\r\n"
                         "  allow\r\n"
                         "  notify=handset\r\n");
    CHECK(t.size() == 2);
    const auto p = t.lookup(from("jan@example.com"));
    CHECK(p.max_parts == 2);
    CHECK(p.max_recipients == 4);
    CHECK(p.prefix == "HD");
    CHECK(p.matched_line == 3);
    const auto a = t.lookup(login("alice"));
    CHECK(a.allowed);
    CHECK(a.notify == NotifyLevel::handset);
    CHECK(a.matched_line == 9);
}

TEST_CASE("senders: quoted values with spaces, escapes and UTF-8")
{
    const auto t = table("a@example.com allow prefix=\"PS: \" parts=2\n"
                         "b@example.com allow prefix=\"say \\\"hi\\\" \\\\o/\"\n"
                         "c@example.com allow prefix=\"Tom & Jerry\" notify=\"all\"\n"
                         "d@example.com allow prefix=Caf\xC3\xA9\n"
                         "e@example.com allow prefix=#1\n");
    struct Row {
        const char* sender;
        const char* prefix;
    };
    const Row rows[] = {
        {"a@example.com", "PS: "},
        {"b@example.com", "say \"hi\" \\o/"},
        {"c@example.com", "Tom & Jerry"},
        {"d@example.com", "Caf\xC3\xA9"},
        {"e@example.com", "#1"},
    };
    for (const auto& row : rows) {
        INFO(row.sender);
        CHECK(t.lookup(from(row.sender)).prefix == row.prefix);
    }
    CHECK(t.lookup(from("a@example.com")).max_parts == 2);
    CHECK(t.lookup(from("c@example.com")).notify == NotifyLevel::all);
}

TEST_CASE("senders: every list value and range limit that is allowed")
{
    std::string all_types;
    for (auto name : number_type_names)
        all_types += (all_types.empty() ? "" : ",") + std::string(name);
    const auto t = table("a@x allow parts=1 recipients=1 quota=1/day\n"
                         "b@x allow parts=255 recipients=1000 quota=1000000/hour\n"
                         "c@x allow types=" +
                         all_types +
                         "\n"
                         "d@x allow destinations=+1,+123456789012345,GB auth=no\n");
    const auto a = t.lookup(from("a@x"));
    CHECK(a.max_parts == 1);
    CHECK(a.max_recipients == 1);
    CHECK(a.quota == Quota{0, 1});
    const auto b = t.lookup(from("b@x"));
    CHECK(b.max_parts == 255);
    CHECK(b.max_recipients == 1000);
    CHECK(b.quota == Quota{1000000, 0});
    CHECK(t.lookup(from("c@x")).types.size() == 12);
    CHECK(t.lookup(from("d@x")).destinations == Strings{"+1", "+123456789012345", "GB"});
    for (auto level : notify_level_words) {
        INFO(level);
        CHECK(notify_level_word(table("a@x allow notify=" + std::string(level) + "\n").lookup(from("a@x")).notify) ==
              level);
    }
}

TEST_CASE("senders: errors name the file and the line")
{
    struct Row {
        const char* what;
        std::string text;
        int line;
        const char* message; // after "senders:LINE: "
    };
    const Row rows[] = {
        // attributes
        {"unknown attribute", "a@x allow\n@y allow partz=4\n", 2, "unknown attribute 'partz'"},
        {"unknown attribute in a continuation line", "a@x allow parts=3\n  partz=4\n", 2, "unknown attribute 'partz'"},
        {"line numbers count comments and blank lines", "# c\n\na@x allow partz=1\n", 3, "unknown attribute 'partz'"},
        {"attribute given twice", "a@x allow parts=3 parts=4\n", 1, "attribute 'parts' given twice"},
        {"attribute with no value", "a@x allow parts=\n", 1, "attribute 'parts' has no value"},
        {"word without a value", "a@x allow parts\n", 1, "expected ATTRIBUTE=VALUE, found 'parts'"},
        {"auth", "a@x allow auth=maybe\n", 1, "bad value 'maybe' for auth: yes or no"},
        {"auth in upper case", "a@x allow auth=YES\n", 1, "bad value 'YES' for auth: yes or no"},
        {"region code in lower case", "a@x allow destinations=+32,lu\n", 1,
         "bad destination 'lu': a prefix such as +32 or an upper-case region code such as LU, or all"},
        {"prefix with a letter", "a@x allow destinations=+32x\n", 1,
         "bad destination '+32x': a prefix such as +32 or an upper-case region code such as LU, or all"},
        {"plus alone", "a@x allow destinations=+\n", 1,
         "bad destination '+': a prefix such as +32 or an upper-case region code such as LU, or all"},
        {"prefix of 16 digits", "a@x allow destinations=+1234567890123456\n", 1,
         "bad destination '+1234567890123456': a prefix such as +32 or an upper-case region code such as LU, or "
         "all"},
        {"empty destination", "a@x allow destinations=+32,,LU\n", 1,
         "bad destination '': a prefix such as +32 or an upper-case region code such as LU, or all"},
        {"all among others", "a@x allow destinations=all,+32\n", 1,
         "bad destination 'all': a prefix such as +32 or an upper-case region code such as LU, or all"},
        {"type", "a@x allow types=mobile,mobil\n", 1,
         "unknown number type 'mobil' in types: mobile, fixed_line, fixed_line_or_mobile, toll_free, premium_rate, "
         "shared_cost, voip, personal_number, pager, uan, voicemail or short_code"},
        {"parts 0", "a@x allow parts=0\n", 1, "bad value '0' for parts: a number from 1 to 255"},
        {"parts 256", "a@x allow parts=256\n", 1, "bad value '256' for parts: a number from 1 to 255"},
        {"parts not a number", "a@x allow parts=3x\n", 1, "bad value '3x' for parts: a number from 1 to 255"},
        {"parts negative", "a@x allow parts=-1\n", 1, "bad value '-1' for parts: a number from 1 to 255"},
        {"parts huge", "a@x allow parts=99999999999999999999\n", 1,
         "bad value '99999999999999999999' for parts: a number from 1 to 255"},
        {"recipients", "a@x allow recipients=1001\n", 1, "bad value '1001' for recipients: a number from 1 to 1000"},
        {"quota per week", "a@x allow quota=50/week\n", 1,
         "bad value '50/week' for quota: N/hour, N/day, both (50/hour,200/day) or none"},
        {"quota of zero", "a@x allow quota=0/hour\n", 1,
         "bad value '0/hour' for quota: N/hour, N/day, both (50/hour,200/day) or none"},
        {"quota hour twice", "a@x allow quota=5/hour,6/hour\n", 1,
         "bad value '5/hour,6/hour' for quota: N/hour, N/day, both (50/hour,200/day) or none"},
        {"quota without unit", "a@x allow quota=50\n", 1,
         "bad value '50' for quota: N/hour, N/day, both (50/hour,200/day) or none"},
        {"notify", "a@x allow notify=sometimes\n", 1,
         "bad value 'sometimes' for notify: none, failure, network, handset or all"},
        {"language in upper case", "a@x allow language=EN\n", 1,
         "bad value 'EN' for language: two lower-case letters (en, nl)"},
        {"language of three letters", "a@x allow language=eng\n", 1,
         "bad value 'eng' for language: two lower-case letters (en, nl)"},
        {"prefix not UTF-8", "a@x allow prefix=\xFF\n", 1, "bad value for prefix: not UTF-8"},
        // quoting
        {"unterminated quote", "a@x allow prefix=\"PS\n", 1, "the quoted value of 'prefix' does not end on its line"},
        {"quote across lines", "a@x allow prefix=\"PS\n  \"\n", 1,
         "the quoted value of 'prefix' does not end on its line"},
        {"text after the quote", "a@x allow prefix=\"PS\"x\n", 1, "text right after the quoted value of 'prefix'"},
        {"quote inside a value", "a@x allow prefix=P\"S\n", 1,
         "a quote inside the value of 'prefix' (quote the whole value: prefix=\"...\")"},
        // actions
        {"no action", "a@x allow\nb@x\n", 2, "no action after 'b@x': allow or reject"},
        {"unknown action", "a@x permit\n", 1, "unknown action 'permit': allow or reject"},
        {"action in upper case", "a@x ALLOW\n", 1, "unknown action 'ALLOW': allow or reject"},
        {"attribute after reject", "a@x reject parts=3\n", 1,
         "attribute 'parts=3' after reject (attributes go with allow)"},
        {"attribute after reject text", "a@x reject go away\n  notify=all\n", 2,
         "attribute 'notify=all' after reject (attributes go with allow)"},
        {"reject text not ASCII", "a@x reject caf\xC3\xA9\n", 1,
         "the reject text must be printable ASCII (it goes into an SMTP reply)"},
        // keys
        {"at sign alone", "@ allow\n", 1, "bad key '@': write user@domain, @domain or user@"},
        {"empty login", "sasl: allow\n", 1, "bad key 'sasl:': the SASL login is missing"},
        {"bare domain", "example.com allow\n", 1, "bad key 'example.com': write @example.com for a sender domain"},
        {"a word", "everyone allow\n", 1,
         "bad key 'everyone': expected user@domain, @domain, user@, sasl:LOGIN, an IP address or network, or "
         "default"},
        {"IPv4 prefix too long", "192.0.2.0/33 allow\n", 1,
         "bad network '192.0.2.0/33': the prefix length must be 0 to 32"},
        {"IPv6 prefix too long", "2001:db8::/129 allow\n", 1,
         "bad network '2001:db8::/129': the prefix length must be 0 to 128"},
        {"prefix length missing", "10.0.0.0/ allow\n", 1, "bad network '10.0.0.0/': the prefix length must be 0 to 32"},
        {"prefix length not a number", "10.0.0.0/8x allow\n", 1,
         "bad network '10.0.0.0/8x': the prefix length must be 0 to 32"},
        {"IPv4 host bits", "192.0.2.1/24 allow\n", 1,
         "bad network '192.0.2.1/24': host bits are set (192.0.2.0/24 is the network)"},
        {"IPv6 host bits", "2001:db8::1/32 allow\n", 1,
         "bad network '2001:db8::1/32': host bits are set (2001:db8::/32 is the network)"},
        {"octet too large", "300.1.2.3 allow\n", 1,
         "bad network '300.1.2.3': '300.1.2.3' is not an IPv4 or IPv6 address"},
        {"short IPv4", "10.1 allow\n", 1, "bad network '10.1': '10.1' is not an IPv4 or IPv6 address"},
        {"bad IPv6", "2001:db8:::1 allow\n", 1,
         "bad network '2001:db8:::1': '2001:db8:::1' is not an IPv4 or IPv6 address"},
        // duplicates
        {"duplicate address in other case", "ps@example.com allow\nPS@Example.com reject\n", 2,
         "duplicate key 'PS@Example.com' (first at line 1)"},
        {"duplicate network written two ways", "10.1.2.3 allow\n\n10.1.2.3/32 allow\n", 3,
         "duplicate key '10.1.2.3/32' (first at line 1)"},
        {"duplicate mapped network", "192.0.2.0/24 allow\n::ffff:192.0.2.0/120 allow\n", 2,
         "duplicate key '::ffff:192.0.2.0/120' (first at line 1)"},
        {"two defaults", "default allow\na@x allow\ndefault reject\n", 3, "duplicate key 'default' (first at line 1)"},
        {"duplicate login", "sasl:bob allow\nsasl:bob reject\n", 2, "duplicate key 'sasl:bob' (first at line 1)"},
        // text
        {"continuation with no entry", "  allow\n", 1,
         "continuation line (it starts with a blank) with no entry before it"},
        {"continuation after comments only", "# c\n\tparts=3\n", 2,
         "continuation line (it starts with a blank) with no entry before it"},
        {"control character", "a@x allow\nb@x allow\x01\n", 2, "control character 0x01 in the line"},
    };
    for (const auto& row : rows) {
        INFO(row.what);
        auto parsed = load(row.text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().field == "line " + std::to_string(row.line));
        CHECK(parsed.error().message == "senders:" + std::to_string(row.line) + ": " + row.message);
    }
}

TEST_CASE("senders: a region the caller does not know is an error of the line that names it")
{
    const SendersTable::RegionCheck known = [](std::string_view r) { return r == "BE" || r == "NL"; };
    // In the default entry, which every other entry inherits: its own line.
    std::istringstream in("a@x allow\nb@x allow destinations=+32\ndefault allow\n  destinations=BE,UK\n");
    auto parsed = SendersTable::parse(in, "senders", known);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == "senders:4: destination 'UK' is not a country code (BE, NL, GB, ...)");
    std::istringstream good("a@x allow destinations=NL,+44\ndefault allow destinations=BE\n");
    CHECK(SendersTable::parse(good, "senders", known).ok());
    // Without a check, only the form counts.
    std::istringstream form("default allow destinations=UK\n");
    CHECK(SendersTable::parse(form, "senders").ok());
}

TEST_CASE("senders: keys that differ only in kind are not duplicates")
{
    const auto t = table("sasl:ps@example.com allow parts=1\n"
                         "ps@example.com allow parts=2\n"
                         "ps@ allow parts=3\n"
                         "@ps allow parts=4\n");
    CHECK(t.size() == 4);
    CHECK(t.lookup(login("ps@example.com")).max_parts == 1);
    CHECK(t.lookup(from("ps@example.com")).max_parts == 2);
    CHECK(t.lookup(from("ps@example.net")).max_parts == 3);
    CHECK(t.lookup(from("jan@ps")).max_parts == 4);
}

TEST_CASE("senders: one table, lookups from several threads at once")
{
    const auto t = table(example);
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&t, &wrong, i] {
            for (int n = 0; n < 2000; ++n) {
                if (t.lookup(from("ps@example.com")).prefix != "PS")
                    ++wrong[i];
                if (t.lookup(client("::ffff:192.0.2.1")).matched_line != 5)
                    ++wrong[i];
            }
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(wrong == std::vector<int>(4, 0));
}

TEST_CASE("policy network: addresses and networks as read and as written back")
{
    struct Row {
        const char* text;
        const char* canonical; // "" for an error
    };
    const Row rows[] = {
        {"192.0.2.0/24", "192.0.2.0/24"},
        {"192.0.2.1", "192.0.2.1/32"},
        {"0.0.0.0/0", "0.0.0.0/0"},
        {"2001:DB8:0:0::/64", "2001:db8::/64"},
        {"::/0", "::/0"},
        {"::1", "::1/128"},
        {"::ffff:192.0.2.1", "192.0.2.1/32"},
        {"::ffff:192.0.2.0/120", "192.0.2.0/24"},
        {"::ffff:0:0/96", "0.0.0.0/0"},
        {"::ffff:0.0.0.0/95", ""},
        {"192.0.2.0/024", "192.0.2.0/24"},
        {"192.0.2.1/24", ""},
        {"192.0.2.0/33", ""},
        {"192.0.2.0/-1", ""},
        {"::ffff:0:0/95", ""},
        {"1.2.3.4.5", ""},
        {"01.2.3.4", ""},
        {"", ""},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        auto net = parse_network(row.text);
        if (*row.canonical == '\0') {
            CHECK_FALSE(net.ok());
        } else {
            REQUIRE(net.ok());
            CHECK(net->text() == row.canonical);
        }
    }
    CHECK(to_string(*parse_client_address("IPV6:2001:DB8::1")) == "2001:db8::1");
    CHECK(to_string(*parse_client_address("::ffff:10.0.0.1")) == "10.0.0.1");
    CHECK_FALSE(parse_client_address("IPv6:"));
    CHECK_FALSE(parse_client_address("[192.0.2.1]"));
    CHECK_FALSE(parse_ip_address("IPv6:::1"));
}

TEST_CASE("policy network: containment at every prefix length boundary")
{
    struct Row {
        const char* network;
        const char* address;
        bool inside;
    };
    const Row rows[] = {
        {"192.0.2.0/24", "192.0.2.255", true},   {"192.0.2.0/24", "192.0.3.0", false},
        {"192.0.2.128/25", "192.0.2.128", true}, {"192.0.2.128/25", "192.0.2.127", false},
        {"10.0.0.0/7", "11.255.255.255", true},  {"10.0.0.0/7", "12.0.0.0", false},
        {"0.0.0.0/0", "255.255.255.255", true},  {"192.0.2.1/32", "192.0.2.1", true},
        {"192.0.2.1/32", "192.0.2.2", false},    {"2001:db8::/33", "2001:db8:7fff::1", true},
        {"2001:db8::/33", "2001:db8:8000::1", false}, {"::/0", "::", true},
        {"::/0", "0.0.0.0", false},              {"2001:db8::1/128", "2001:db8::1", true},
        {"2001:db8::1/128", "2001:db8::2", false}, {"0.0.0.0/0", "::ffff:1.2.3.4", true},
    };
    for (const auto& row : rows) {
        INFO(row.network);
        INFO(row.address);
        auto net = parse_network(row.network);
        REQUIRE(net.ok());
        auto address = parse_ip_address(row.address);
        REQUIRE(address);
        CHECK(net->contains(*address) == row.inside);
    }
}

TEST_CASE("senders: the man page names every attribute, number type and notify level")
{
    std::ifstream in(std::string(SMSGATE_SOURCE_DIR) + "/common/policy/smsgate-senders.5");
    REQUIRE(in);
    const std::string man((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto name : attribute_names()) {
        INFO(name);
        CHECK(man.find(".BI " + std::string(name) + "= ") != std::string::npos);
    }
    for (auto type : number_type_names) {
        INFO(type);
        CHECK(man.find(".B " + std::string(type) + "\n") != std::string::npos);
    }
    for (auto level : notify_level_words) {
        INFO(level);
        CHECK(man.find(".B " + std::string(level) + "\n") != std::string::npos);
    }
}

TEST_CASE("senders: the example of the man page reads as it says")
{
    std::ifstream in(std::string(SMSGATE_SOURCE_DIR) + "/common/policy/smsgate-senders.5");
    REQUIRE(in);
    const std::string man((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto start = man.find(".ft CR\n");
    const auto end = man.find(".ft\n", start);
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    const auto t = table(man.substr(start + 7, end - start - 7));
    CHECK(t.size() == 7);
    CHECK(t.lookup(from("ps@example.com")).prefix == "PS");
    const auto domain = t.lookup(from("jan@example.com"));
    CHECK(domain.destinations == Strings{"+32", "+31", "LU"});
    CHECK(domain.max_recipients == 5);
    CHECK(domain.quota == Quota{50, 200});
    CHECK(t.lookup(login("alice")).types == Strings{"mobile", "fixed_line_or_mobile", "toll_free"});
    CHECK(t.lookup(client("10.1.2.3")).prefix == "Help desk");
    CHECK(t.lookup(client("2001:db8::7")).max_parts == 1);
    const auto other = t.lookup({"jan@example.org", "", "198.51.100.1"});
    CHECK_FALSE(other.allowed);
    CHECK(other.reject_text == "sending SMS needs an account, ask the helpdesk");
    CHECK(other.matched_at == "senders:10");
}
