// test_policy.cpp - the senders table (smsgate-senders(5)) looked up: keys,
// their precedence, networks, inheritance from the default entry, reject
// texts, bounces.
#include "policy_fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policy_test;

TEST_CASE("senders: the example table, every attribute with its value")
{
    const auto t = table(example);
    CHECK(t.size() == 7);
    CHECK(t.name() == "senders");

    const auto ps = t.lookup(from("ps@example.com"));
    CHECK(ps.allowed);
    CHECK(ps.reject_text.empty());
    CHECK(ps.prefix == "PS");
    CHECK(ps.notify == NotifyLevel::all);
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
    CHECK(domain.notify == NotifyLevel::failure);
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
    CHECK(domain.notify == NotifyLevel::none);
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
    CHECK(p.notify == NotifyLevel::failure);
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
