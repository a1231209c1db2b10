// smsgatectl check: the fix it gives for a file a program's user cannot
// use, and the files each program opens as its user.
#include "file_access.hpp"

#include <doctest/doctest.h>

using namespace smsgate;
using namespace smsgate::ctl;

TEST_CASE("access fix: the group of the user, the bits it needs, the owner's bits for an owner")
{
    // The senders table only root can read; the transport runs as smsgate.
    CHECK(access_fix(Access::read, {0600, "root", "root"}, "smsgate", "smsgate") == "chgrp smsgate and chmod 0640");
    // Already the user's group: only the mode.
    CHECK(access_fix(Access::read, {0600, "root", "smsgate"}, "smsgate", "smsgate") == "chmod 0640");
    CHECK(access_fix(Access::read_write, {0400, "smsgate", "smsgate"}, "smsgate", "smsgate") == "chmod 0600");
    CHECK(access_fix(Access::create_in, {0755, "root", "root"}, "smsgate", "smsgate") ==
          "chgrp smsgate and chmod 0775");
    CHECK(access_fix(Access::connect, {0600, "root", "root"}, "smsgate", "smsgate") ==
          "chgrp smsgate and chmod 0620");
    // A directory on the way: let every user pass through, as /etc does.
    CHECK(access_fix(Access::search, {0750, "root", "postfix"}, "smsgate", "smsgate") == "chmod 0751");
}

TEST_CASE("access plan: each program's files as its user, the transport as the first submit user")
{
    config::WorkerConfig worker;
    worker.user = "smsgate";
    worker.submit_users = {"smsgate-pipe", "other"};
    worker.database = "/var/lib/smsgate/smsgate.db";
    worker.sms.senders = "/etc/smsgate/senders";
    worker.quota_database = "/var/lib/smsgate/quota.db";
    worker.modems.push_back({});
    worker.modems.back().name = "gsm0";
    worker.modems.back().link.device = "/dev/ttyUSB0";
    config::MilterConfig milter;
    milter.user = "smsgate-milter";
    milter.sms.senders = "/etc/smsgate/senders";
    config::TransportConfig transport;
    transport.sms.senders = "/etc/smsgate/senders";
    auto plan = access_plan("/etc/smsgate/smsgate.conf", &worker, &milter, &transport);
    REQUIRE(plan.size() == 3);
    CHECK(plan[0].program == "smsgated");
    CHECK(plan[0].user == "smsgate");
    CHECK(plan[1].user == "smsgate-milter");
    CHECK(plan[2].program == "smsgate-transport");
    CHECK(plan[2].user == "smsgate-pipe");
    auto has = [](const Reader& r, const std::string& path, Access access) {
        for (const auto& n : r.needs)
            if (n.path == path && n.access == access)
                return true;
        return false;
    };
    CHECK(has(plan[0], "/etc/smsgate/smsgate.conf", Access::read));
    CHECK(has(plan[0], "/var/lib/smsgate", Access::create_in));
    CHECK(has(plan[0], "/dev/ttyUSB0", Access::read_write));
    CHECK(has(plan[1], "/etc/smsgate/senders", Access::read));
    // The worker checks what the transport hands it; the transport only
    // reads the configuration and connects.
    CHECK(has(plan[0], "/etc/smsgate/senders", Access::read));
    CHECK(has(plan[0], "/var/lib/smsgate/quota.db", Access::read_write));
    CHECK_FALSE(has(plan[2], "/etc/smsgate/senders", Access::read));
    CHECK(has(plan[2], "/run/smsgate/smsgated.sock", Access::connect));
    // Only what was read is planned.
    CHECK(access_plan("/x", nullptr, &milter, nullptr).size() == 1);
}
