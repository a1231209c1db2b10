// smsgatectl status --check: the worker's status reply judged as a Nagios
// plugin judges, one line and 0, 1 or 2.
#include "health.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

using namespace smsgate;
using namespace smsgate::ctl;

namespace {

struct Modem {
    const char* link;
    const char* registered;
    const char* dbm;
    int used;
    int slots;
};

// A status reply with the given modems.
proto::Message status_of(std::initializer_list<Modem> modems, long long oldest_mail_age = -1)
{
    proto::Message m;
    m.set("status", "ok").set("modems", static_cast<long long>(modems.size())).set("queued", 3LL).set("mails", 1LL);
    int i = 0;
    for (const auto& [link, registered, dbm, used, slots] : modems) {
        auto k = "modem" + std::to_string(i) + ".";
        m.set(k + "name", "gsm" + std::to_string(i))
            .set(k + "link", link)
            .set(k + "registered", registered)
            .set(k + "registration", std::string(registered) == "yes" ? "registered, home network" : "searching")
            .set(k + "signal_dbm", dbm)
            .set(k + "storage_used", static_cast<long long>(used))
            .set(k + "storage_slots", static_cast<long long>(slots));
        ++i;
    }
    if (oldest_mail_age >= 0)
        m.set("oldest_mail_age", oldest_mail_age);
    return m;
}

} // namespace

TEST_CASE("status check: ok, warning and critical, each with the reason on its one line")
{
    HealthLimits limits;
    auto ok = judge(status_of({{"up", "yes", "-73", 2, 30}}), limits);
    CHECK(ok.code == 0);
    CHECK(ok.line == "SMSGATE OK - 1 of 1 modems can send | modems_sending=1 jobs_waiting=3 mails_waiting=1");

    auto one_down = judge(status_of({{"up", "yes", "-73", 0, 30}, {"down", "no", "", 0, 0}}), limits);
    CHECK(one_down.code == 1);
    CHECK(one_down.line.starts_with("SMSGATE WARNING - 1 of 2 modems can send; gsm1 link down |"));

    auto weak = judge(status_of({{"up", "yes", "-107", 0, 30}}), limits);
    CHECK(weak.code == 1);
    CHECK(weak.line.find("gsm0 signal -107 dBm") != std::string::npos);
    limits.weak_signal_dbm = -110;
    CHECK(judge(status_of({{"up", "yes", "-107", 0, 30}}), limits).code == 0);

    auto full = judge(status_of({{"up", "yes", "-73", 30, 30}}), limits);
    CHECK(full.code == 1);
    CHECK(full.line.find("gsm0 storage full") != std::string::npos);

    auto mail = judge(status_of({{"up", "yes", "-73", 0, 30}}, 901), limits);
    CHECK(mail.code == 1);
    CHECK(mail.line.find("a mail waits for sendmail since 901 s") != std::string::npos);
    CHECK(judge(status_of({{"up", "yes", "-73", 0, 30}}, 900), limits).code == 0);

    auto searching = judge(status_of({{"up", "no", "-73", 0, 30}}), limits);
    CHECK(searching.code == 2);
    CHECK(searching.line.starts_with("SMSGATE CRITICAL - 0 of 1 modems can send; gsm0 not registered (searching)"));

    CHECK(judge(status_of({}), limits).code == 2);
}
