// The worker socket's access rules and connection limits (pure decisions),
// and their keys in smsgate.conf.
#include "config/worker_section.hpp"
#include "worker/server_access.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace smsgate::worker;

namespace {

Peer peer(uid_t uid, gid_t gid, std::vector<gid_t> groups = {}) { return {42, uid, gid, std::move(groups)}; }

smsgate::Result<smsgate::config::WorkerConfig> parse(const std::string& text)
{
    std::istringstream in(text);
    return smsgate::config::parse_config<smsgate::config::WorkerConfig>(in, "test.conf");
}

} // namespace

TEST_CASE("socket access: requests by kind")
{
    CHECK(access_of("submit") == Access::submit);
    CHECK(access_of("send") == Access::send);
    CHECK(access_of("status") == Access::read);
    CHECK(access_of("history") == Access::read);
    CHECK(access_of("ping") == Access::open);
    CHECK(access_of("frobnicate") == Access::open); // answered "unknown request", nothing to protect
}

TEST_CASE("socket access: who may do what")
{
    AccessRules rules;
    rules.submit_users = {101};
    rules.send_users = {102};
    rules.send_groups = {500};
    rules.status_users = {103};
    rules.status_groups = {600};
    struct Row {
        const char* who;
        Peer peer;
        bool submit, send, read;
    };
    const Row rows[] = {
        {"root", peer(0, 0), true, true, true},
        {"the submit user", peer(101, 101), true, false, false},
        {"a send user", peer(102, 102), false, true, false},
        {"a send group, primary", peer(200, 500), false, true, false},
        {"a send group, supplementary", peer(200, 200, {7, 500}), false, true, false},
        {"a status user", peer(103, 103), false, false, true},
        {"a status group, supplementary", peer(200, 200, {600}), false, false, true},
        {"nobody", peer(65534, 65534), false, false, false},
        {"a uid equal to an allowed gid", peer(500, 65534), false, false, false},
    };
    for (const auto& r : rows) {
        CAPTURE(r.who);
        CHECK(may(rules, r.peer, Access::submit) == r.submit);
        CHECK(may(rules, r.peer, Access::send) == r.send);
        CHECK(may(rules, r.peer, Access::read) == r.read);
        CHECK(may(rules, r.peer, Access::open));
    }
}

TEST_CASE("socket access: a refusal keeps a misplaced transport's mail, tells a person no")
{
    auto submit = refusal(Access::submit);
    CHECK(submit.value_or("status", "") == "temporary");
    CHECK(submit.value_or("dsn", "") == "4.3.5");
    auto read = refusal(Access::read);
    CHECK(read.value_or("status", "") == "permanent");
    CHECK(read.value_or("dsn", "") == "5.7.1");
    CHECK(read.value_or("text", "").find("status_users") != std::string::npos);
    CHECK(refusal(Access::send).value_or("text", "").find("send_users") != std::string::npos);
}

TEST_CASE("socket limits: per uid, and a reserve for those who may submit")
{
    Limits limits{64, 16, 16};
    CHECK_FALSE(over_limit(limits, {0, 0, 0}, false));
    CHECK_FALSE(over_limit(limits, {15, 15, 15}, false));
    CHECK(over_limit(limits, {16, 16, 16}, false)->find("max_connections_per_uid") != std::string::npos);
    // Many uids together reach the part that is not reserved.
    CHECK_FALSE(over_limit(limits, {47, 47, 1}, false));
    CHECK(over_limit(limits, {48, 48, 1}, false)->find("reserved_connections") != std::string::npos);
    // The transport: no per-uid limit, the reserve is its own.
    CHECK_FALSE(over_limit(limits, {48, 48, 0}, true));
    CHECK_FALSE(over_limit(limits, {63, 48, 15}, true));
    CHECK(over_limit(limits, {64, 48, 16}, true)->find("max_connections") != std::string::npos);
}

TEST_CASE("worker config: access and limit keys")
{
    auto c = parse("");
    REQUIRE(c.ok());
    CHECK(c->submit_users == std::vector<std::string>{"smsgate"});
    CHECK(c->status_groups.empty());
    CHECK(c->client_timeout == 30);
    CHECK(database_mode(*c) == 0600);

    c = parse("[worker]\nsubmit_users = smsgate, 1001\nstatus_groups = adm\nsend_users = root,alice\n"
              "client_timeout = 5\nmax_connections = 100\nreserved_connections = 20\ndatabase_mode = 0640\n");
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().what()));
    CHECK(c->submit_users == std::vector<std::string>{"smsgate", "1001"});
    CHECK(c->status_groups == std::vector<std::string>{"adm"});
    CHECK(c->send_users == std::vector<std::string>{"root", "alice"});
    CHECK(limits_of(*c).max_connections == 100);
    CHECK(limits_of(*c).reserved == 20);
    CHECK(database_mode(*c) == 0640);

    CHECK(parse("[worker]\nsubmit_users =\n")->submit_users.empty());
    for (const char* bad : {"database_mode = 0644", "database_mode = 0400", "database_mode = rw",
                            "reserved_connections = 512", "client_timeout = 0", "max_connections_per_uid = 0"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse(std::string("[worker]\n") + bad + "\n").ok());
    }
}

TEST_CASE("socket access: admin_users send and read, admin_group reads, through the same rules")
{
    // Numbers, as a name may be: no user or group database needed.
    auto c = parse("[worker]\nadmin_users = 2001\nadmin_group = 3001\n");
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().what()));
    CHECK(c->admin_users == std::vector<std::string>{"2001"});
    CHECK(c->admin_group == "3001");
    auto rules = resolve_rules(*c, false);
    auto admin = peer(2001, 100);
    CHECK(may(rules, admin, Access::send));
    CHECK(may(rules, admin, Access::read));
    CHECK_FALSE(may(rules, admin, Access::submit));
    auto member = peer(1234, 100, {3001});
    CHECK(may(rules, member, Access::read));
    CHECK_FALSE(may(rules, member, Access::send));
    CHECK_FALSE(may(rules, member, Access::submit));
    CHECK(may(rules, peer(1234, 3001), Access::read)); // as its primary group too
    CHECK_FALSE(may(resolve_rules(*parse(""), false), member, Access::read));
    CHECK(refusal_reason(Access::send).find("admin_users") != std::string::npos);
    CHECK(refusal_reason(Access::read).find("admin_group") != std::string::npos);
}
