// test_policy.cpp - the senders table (smsgate-senders(5)): keys, their
// precedence, networks, inheritance from the default entry, and every error
// with its line.
#include "policy/attributes.hpp"
#include "policy/network.hpp"
#include "policy/senders.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace smsgate::policy;
using smsgate::Result;

namespace {

Result<SendersTable> load(const std::string& text)
{
    std::istringstream in(text);
    return SendersTable::parse(in, "senders");
}

SendersTable table(const std::string& text)
{
    auto parsed = load(text);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
    return std::move(parsed).value();
}

Query from(std::string sender) { return {std::move(sender), "", ""}; }
Query login(std::string name) { return {"", std::move(name), ""}; }
Query client(std::string address) { return {"", "", std::move(address)}; }

using Strings = std::vector<std::string>;

// The example of the brief and of smsgate-senders(5).
const std::string example = R"(# KEY                 ACTION [ATTRIBUTE=VALUE ...]
ps@example.com        allow prefix=PS notify=all
@example.com          allow destinations=+32,+31,LU parts=3 recipients=5 quota=50/hour,200/day
sasl:alice            allow auth=yes types=mobile,fixed_line_or_mobile,toll_free
192.0.2.0/24          allow
2001:db8::/32         allow parts=1
10.1.2.3              allow
default               reject sending SMS needs an account, ask the helpdesk
)";

struct Match {
    const char* what;
    Query query;
    const char* key; // "" for no entry
};

void check_matches(const SendersTable& t, const std::vector<Match>& rows)
{
    for (const auto& row : rows) {
        INFO(row.what);
        CHECK(t.lookup(row.query).matched_key == row.key);
    }
}

} // namespace

TEST_CASE("senders: the example table, every attribute with its value")
{
    const auto t = table(example);
    CHECK(t.size() == 7);
    CHECK(t.name() == "senders");

    const auto ps = t.lookup(from("ps@example.com"));
    CHECK(ps.allowed);
    CHECK(ps.reject_text.empty());
    CHECK(ps.prefix == "PS");
    CHECK(ps.notify == "all");
    CHECK(ps.max_parts == 3);
    CHECK(ps.max_recipients == 10);
    CHECK(ps.destinations.empty());
    CHECK(ps.types == Strings{"mobile", "fixed_line_or_mobile"});
    CHECK(ps.quota == Quota{0, 0});
    CHECK_FALSE(ps.require_auth);
    CHECK(ps.language.empty());
    CHECK(ps.matched_key == "ps@example.com");
    CHECK(ps.matched_line == 2);
    CHECK(ps.matched_at == "senders:2");

    const auto domain = t.lookup(from("jan@example.com"));
    CHECK(domain.allowed);
    CHECK(domain.destinations == Strings{"+32", "+31", "LU"});
    CHECK(domain.max_parts == 3);
    CHECK(domain.max_recipients == 5);
    CHECK(domain.quota == Quota{50, 200});
    CHECK(domain.notify == "failure");
    CHECK(domain.prefix.empty());
    CHECK(domain.matched_key == "@example.com");
    CHECK(domain.matched_at == "senders:3");

    const auto alice = t.lookup(login("alice"));
    CHECK(alice.allowed);
    CHECK(alice.require_auth);
    CHECK(alice.types == Strings{"mobile", "fixed_line_or_mobile", "toll_free"});
    CHECK(alice.matched_line == 4);

    CHECK(t.lookup(client("192.0.2.77")).matched_key == "192.0.2.0/24");
    const auto v6 = t.lookup(client("2001:db8:1::5"));
    CHECK(v6.max_parts == 1);
    CHECK(v6.matched_line == 6);
    CHECK(t.lookup(client("10.1.2.3")).matched_key == "10.1.2.3");

    const auto other = t.lookup({"someone@example.org", "", "198.51.100.1"});
    CHECK_FALSE(other.allowed);
    CHECK(other.reject_text == "sending SMS needs an account, ask the helpdesk");
    CHECK(other.matched_key == "default");
    CHECK(other.matched_line == 8);
    CHECK(other.matched_at == "senders:8");
}

TEST_CASE("senders: each kind of key is found by the part of the query it names")
{
    const auto t = table("ps@example.com allow\n"
                         "@example.org allow\n"
                         "postmaster@ allow\n"
                         "sasl:bob allow\n"
                         "198.51.100.0/24 allow\n"
                         "2001:db8:5::/48 allow\n");
    check_matches(t, {
                         {"full address", from("ps@example.com"), "ps@example.com"},
                         {"domain", from("anyone@example.org"), "@example.org"},
                         {"local part at any domain", from("postmaster@example.net"), "postmaster@"},
                         {"local part without a domain", from("postmaster"), "postmaster@"},
                         {"sasl login", login("bob"), "sasl:bob"},
                         {"ipv4 network", client("198.51.100.9"), "198.51.100.0/24"},
                         {"ipv6 network", client("2001:db8:5:1::9"), "2001:db8:5::/48"},
                         {"other user of the full address domain", from("jan@example.com"), ""},
                         {"subdomain is not the domain", from("jan@mail.example.org"), ""},
                         {"parent domain is not the domain", from("jan@org"), ""},
                         {"other login", login("bobby"), ""},
                         {"other network", client("198.51.101.9"), ""},
                         {"nothing at all", Query{}, ""},
                     });
}

TEST_CASE("senders: precedence sasl, address, user@, @domain, network, default")
{
    const auto t = table("default allow\n"
                         "192.0.2.0/24 allow\n"
                         "@example.com allow\n"
                         "ps@ allow\n"
                         "ps@example.com allow\n"
                         "sasl:alice allow\n");
    check_matches(t, {
                         {"sasl first", {"ps@example.com", "alice", "192.0.2.1"}, "sasl:alice"},
                         {"address before user@", {"ps@example.com", "carol", "192.0.2.1"}, "ps@example.com"},
                         {"user@ before @domain", {"ps@example.net", "", "192.0.2.1"}, "ps@"},
                         {"@domain before network", {"jan@example.com", "", "192.0.2.1"}, "@example.com"},
                         {"network before default", {"jan@example.net", "", "192.0.2.1"}, "192.0.2.0/24"},
                         {"default last", {"jan@example.net", "carol", "198.51.100.1"}, "default"},
                     });
}

TEST_CASE("senders: IPv4 networks, the longest prefix wins, with /0 and /32")
{
    const auto t = table("0.0.0.0/0 allow parts=1\n"
                         "10.0.0.0/8 allow parts=2\n"
                         "10.1.0.0/16 allow parts=3\n"
                         "10.1.2.3/32 allow parts=4\n"
                         "10.1.2.0/25 allow parts=5\n");
    check_matches(t, {
                         {"/32", client("10.1.2.3"), "10.1.2.3/32"},
                         {"/25", client("10.1.2.4"), "10.1.2.0/25"},
                         {"/25 last address", client("10.1.2.127"), "10.1.2.0/25"},
                         {"past the /25", client("10.1.2.128"), "10.1.0.0/16"},
                         {"/8", client("10.200.0.1"), "10.0.0.0/8"},
                         {"/0", client("203.0.113.1"), "0.0.0.0/0"},
                         {"/0 does not match IPv6", client("2001:db8::1"), ""},
                         {"not an address", client("unknown"), ""},
                         {"a host name", client("mail.example.com"), ""},
                     });
    CHECK(t.lookup(client("10.1.2.3")).max_parts == 4);
    CHECK(t.lookup(client("10.1.2.4")).max_parts == 5);
}

TEST_CASE("senders: IPv6 networks, with /0 and /128, an IPv6: prefix and a zone")
{
    const auto t = table("::/0 allow\n"
                         "2001:db8::/32 allow\n"
                         "2001:DB8:0:1::/64 allow\n"
                         "2001:db8::1/128 allow\n"
                         "fe80::/10 allow\n");
    check_matches(t, {
                         {"/128", client("2001:db8::1"), "2001:db8::1/128"},
                         {"/128 written long", client("2001:0db8:0000:0000:0000:0000:0000:0001"), "2001:db8::1/128"},
                         {"/64 written in upper case", client("2001:db8:0:1::42"), "2001:DB8:0:1::/64"},
                         {"/32", client("2001:db8:ffff::1"), "2001:db8::/32"},
                         {"/0", client("2001:db9::1"), "::/0"},
                         {"IPv6: prefix", client("IPv6:2001:db8::1"), "2001:db8::1/128"},
                         {"zone index", client("fe80::1%eth0"), "fe80::/10"},
                         {"/0 does not match IPv4", client("192.0.2.1"), ""},
                     });
}

TEST_CASE("senders: IPv4-mapped IPv6 clients match IPv4 entries")
{
    const auto t = table("192.0.2.0/24 allow\n"
                         "::ffff:198.51.100.0/120 allow\n"
                         "::/0 allow\n");
    check_matches(t, {
                         {"mapped client, IPv4 entry", client("::ffff:192.0.2.1"), "192.0.2.0/24"},
                         {"mapped client in upper case", client("::FFFF:192.0.2.1"), "192.0.2.0/24"},
                         {"mapped entry, IPv4 client", client("198.51.100.7"), "::ffff:198.51.100.0/120"},
                         {"mapped entry, mapped client", client("::ffff:198.51.100.7"), "::ffff:198.51.100.0/120"},
                         {"other mapped client is IPv4, not IPv6", client("::ffff:203.0.113.1"), ""},
                         {"IPv6 client", client("2001:db8::1"), "::/0"},
                     });
}

TEST_CASE("senders: addresses compare case-insensitively, SASL logins exactly")
{
    const auto t = table("PS@Example.COM allow\n"
                         "@Example.ORG allow\n"
                         "Info@ allow\n"
                         "sasl:Alice allow\n");
    check_matches(t, {
                         {"address", from("ps@EXAMPLE.com"), "PS@Example.COM"},
                         {"domain", from("Jan@example.org"), "@Example.ORG"},
                         {"local part", from("INFO@example.net"), "Info@"},
                         {"login as written", login("Alice"), "sasl:Alice"},
                         {"login in lower case", login("alice"), ""},
                         {"login in upper case", login("ALICE"), ""},
                     });
}

TEST_CASE("senders: attributes not set come from an allow default")
{
    const auto t = table("@example.com allow parts=1 language=nl\n"
                         "ps@example.com allow\n"
                         "sasl:alice reject\n"
                         "default allow auth=yes destinations=+32,BE types=mobile parts=5 recipients=2 "
                         "quota=10/hour notify=none prefix=GW language=en\n");
    const auto domain = t.lookup(from("jan@example.com"));
    CHECK(domain.allowed);
    CHECK(domain.max_parts == 1);
    CHECK(domain.language == "nl");
    CHECK(domain.require_auth);
    CHECK(domain.destinations == Strings{"+32", "BE"});
    CHECK(domain.types == Strings{"mobile"});
    CHECK(domain.max_recipients == 2);
    CHECK(domain.quota == Quota{10, 0});
    CHECK(domain.notify == "none");
    CHECK(domain.prefix == "GW");

    const auto bare = t.lookup(from("ps@example.com"));
    CHECK(bare.max_parts == 5);
    CHECK(bare.language == "en");
    CHECK(bare.prefix == "GW");
    CHECK(bare.matched_key == "ps@example.com");

    const auto def = t.lookup(from("x@example.net"));
    CHECK(def.allowed);
    CHECK(def.max_parts == 5);
    CHECK(def.matched_key == "default");
    CHECK(def.matched_line == 4);

    // A reject entry takes nothing from the default.
    const auto rejected = t.lookup(login("alice"));
    CHECK_FALSE(rejected.allowed);
    CHECK(rejected.reject_text.empty());
    CHECK(rejected.matched_key == "sasl:alice");
}

TEST_CASE("senders: none, all and an empty quoted prefix undo what the default sets")
{
    const auto t = table("default allow quota=5/day destinations=+32 prefix=GW\n"
                         "@example.com allow quota=none destinations=all prefix=\"\"\n");
    const auto p = t.lookup(from("jan@example.com"));
    CHECK(p.quota == Quota{0, 0});
    CHECK(p.destinations.empty());
    CHECK(p.prefix.empty());
    const auto d = t.lookup(from("jan@example.org"));
    CHECK(d.quota == Quota{0, 5});
    CHECK(d.destinations == Strings{"+32"});
    CHECK(d.prefix == "GW");
}

TEST_CASE("senders: a reject default passes nothing on, the built-in defaults apply")
{
    const auto t = table("default reject\n"
                         "@example.com allow\n");
    const auto p = t.lookup(from("jan@example.com"));
    CHECK(p.allowed);
    CHECK_FALSE(p.require_auth);
    CHECK(p.destinations.empty());
    CHECK(p.types == Strings{"mobile", "fixed_line_or_mobile"});
    CHECK(p.max_parts == 3);
    CHECK(p.max_recipients == 10);
    CHECK(p.quota == Quota{0, 0});
    CHECK(p.notify == "failure");
    CHECK(p.prefix.empty());
    CHECK(p.language.empty());
    const auto d = t.lookup(from("jan@example.org"));
    CHECK_FALSE(d.allowed);
    CHECK(d.reject_text.empty());
    CHECK(d.matched_key == "default");
    CHECK(d.matched_line == 1);
}

TEST_CASE("senders: reject with and without text")
{
    const auto t = table("a@example.com reject\n"
                         "b@example.com reject   over\tquota,   ask Jan (x1234)\n"
                         "c@example.com reject account closed\n"
                         "   since 2024-01-01\n"
                         "d@example.com reject 100% # not a comment\n");
    struct Row {
        const char* sender;
        const char* text;
    };
    const Row rows[] = {
        {"a@example.com", ""},
        {"b@example.com", "over quota, ask Jan (x1234)"},
        {"c@example.com", "account closed since 2024-01-01"},
        {"d@example.com", "100% # not a comment"},
    };
    for (const auto& row : rows) {
        INFO(row.sender);
        const auto p = t.lookup(from(row.sender));
        CHECK_FALSE(p.allowed);
        CHECK(p.reject_text == row.text);
        CHECK(p.matched_key == row.sender);
    }
}

TEST_CASE("senders: no entry and no default is a reject with no text")
{
    const auto t = table("@example.com allow\n");
    const auto p = t.lookup({"jan@example.org", "alice", "192.0.2.1"});
    CHECK_FALSE(p.allowed);
    CHECK(p.reject_text.empty());
    CHECK(p.matched_key.empty());
    CHECK(p.matched_line == 0);
    CHECK(p.matched_at.empty());

    const SendersTable empty;
    CHECK(empty.size() == 0);
    CHECK_FALSE(empty.lookup(from("jan@example.com")).allowed);
    CHECK(empty.lookup(from("jan@example.com")).matched_line == 0);

    const auto blank = table("# nothing here\n\n   \n");
    CHECK(blank.size() == 0);
    CHECK_FALSE(blank.lookup(from("jan@example.com")).allowed);
}

TEST_CASE("senders: an empty sender (bounce) matches only sasl, network and default")
{
    const auto t = table("default allow parts=9\n"
                         "sasl:alice allow\n"
                         "192.0.2.0/24 allow\n"
                         "mailer-daemon@ allow\n");
    check_matches(t, {
                         {"empty", from(""), "default"},
                         {"angle brackets", from("<>"), "default"},
                         {"with a login", {"<>", "alice", ""}, "sasl:alice"},
                         {"from a network", {"", "", "192.0.2.9"}, "192.0.2.0/24"},
                     });
}

TEST_CASE("senders: angle brackets around the sender")
{
    const auto t = table("ps@example.com allow\n@example.org allow\n");
    check_matches(t, {
                         {"address", from("<PS@example.com>"), "ps@example.com"},
                         {"domain", from("<jan@example.org>"), "@example.org"},
                         {"half a bracket", from("<ps@example.com"), ""},
                     });
}

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
    CHECK(a.notify == "handset");
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
    CHECK(t.lookup(from("c@example.com")).notify == "all");
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
    for (auto level : notify_levels) {
        INFO(level);
        CHECK(table("a@x allow notify=" + std::string(level) + "\n").lookup(from("a@x")).notify == level);
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
    for (auto level : notify_levels) {
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
