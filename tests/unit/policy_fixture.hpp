// policy_fixture.hpp - what the senders-table tests share: a table from
// text, queries by sender, login or client, the example table, and a check
// of which entry a list of queries finds.
#pragma once

#include "policy/senders.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace policy_test {

using namespace smsgate::policy;
using smsgate::Result;

inline Result<SendersTable> load(const std::string& text)
{
    std::istringstream in(text);
    return SendersTable::parse(in, "senders");
}

inline SendersTable table(const std::string& text)
{
    auto parsed = load(text);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
    return std::move(parsed).value();
}

inline Query from(std::string sender) { return {std::move(sender), "", ""}; }
inline Query login(std::string name) { return {"", std::move(name), ""}; }
inline Query client(std::string address) { return {"", "", std::move(address)}; }

using Strings = std::vector<std::string>;

// The example of the brief and of smsgate-senders(5).
inline const std::string example = R"(# KEY                 ACTION [ATTRIBUTE=VALUE ...]
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

inline void check_matches(const SendersTable& t, const std::vector<Match>& rows)
{
    for (const auto& row : rows) {
        INFO(row.what);
        CHECK(t.lookup(row.query).matched_key == row.key);
    }
}

} // namespace policy_test
