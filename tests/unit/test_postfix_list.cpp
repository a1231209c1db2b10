// smsgatectl check --postfix reads Postfix's values as Postfix does: lists
// with braces, time units, domain lists of names, patterns and tables
// (postconf(5), "parent_domain_matches_subdomains", ADDRESS_CLASS_README).
#include "postfix_list.hpp"

#include <doctest/doctest.h>

using namespace smsgate::ctl;

TEST_CASE("postconf(5): lists split on commas and spaces, braces keep an item whole")
{
    using V = std::vector<std::string>;
    CHECK(postfix_list("a.example, b.example  c.example,,") == V{"a.example", "b.example", "c.example"});
    CHECK(postfix_list("inline:{ a=b, c=d }, hash:/etc/postfix/relay") ==
          V{"inline:{ a=b, c=d }", "hash:/etc/postfix/relay"});
    CHECK(postfix_list("{ unix:smsgate/milter.sock, connect_timeout=10s } inet:localhost:8891") ==
          V{"{ unix:smsgate/milter.sock, connect_timeout=10s }", "inet:localhost:8891"});
    CHECK(postfix_list("").empty());
}

TEST_CASE("postconf(5): time values with units, near misses refused")
{
    CHECK(postfix_seconds("300") == 300);
    CHECK(postfix_seconds("300s") == 300);
    CHECK(postfix_seconds("5m") == 300);
    CHECK(postfix_seconds("1h") == 3600);
    CHECK(postfix_seconds("1d") == 86400);
    CHECK(postfix_seconds("1w") == 604800);
    CHECK_FALSE(postfix_seconds(""));
    CHECK_FALSE(postfix_seconds("s"));
    CHECK_FALSE(postfix_seconds("10x"));
    CHECK_FALSE(postfix_seconds("10ss"));
    CHECK_FALSE(postfix_seconds("$command_time_limit"));
}

TEST_CASE("domain lists: names, .patterns, parents when subdomains count, tables, exclusions")
{
    std::vector<std::pair<std::string, std::string>> asked;
    TableLookup lookup = [&](const std::string& table, const std::string& key) -> std::optional<std::string> {
        asked.emplace_back(table, key);
        if (table == "hash:/etc/postfix/relay" && key == "example.net")
            return "OK";
        return std::nullopt;
    };
    CHECK(domain_in_list("example.org, SMS.Example.com", "sms.example.com", false, lookup));
    CHECK(domain_in_list("example.org", "SMS.EXAMPLE.ORG.", false, lookup) == false);
    CHECK(domain_in_list("example.org", "example.org.", false, lookup));
    CHECK(domain_in_list(".example.com", "sms.example.com", false, lookup));
    CHECK_FALSE(domain_in_list(".example.com", "example.com", false, lookup));
    CHECK(domain_in_list("example.com", "sms.example.com", true, lookup));
    CHECK_FALSE(domain_in_list("example.com", "sms.example.com", false, lookup));
    CHECK_FALSE(domain_in_list("ample.com", "sms.example.com", true, lookup));
    CHECK(domain_in_list("hash:/etc/postfix/relay", "sms.example.net", true, lookup));
    CHECK_FALSE(domain_in_list("hash:/etc/postfix/relay", "sms.example.net", false, lookup));
    CHECK_FALSE(domain_in_list("!sms.example.com, .example.com", "sms.example.com", false, lookup));
    CHECK(is_table("inline:{ a=b }"));
    CHECK_FALSE(is_table("/etc/postfix/relay_domains"));
    CHECK_FALSE(is_table("sms.example.com"));
}
