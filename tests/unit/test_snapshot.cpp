// The worker's snapshot, read by smsgatectl status and the metrics file: on
// a real SQLite file, with a router that knows one modem.
#include "store_fixture.hpp"

#include "sms/tp_status.hpp"
#include "worker/metrics.hpp"
#include "worker/snapshot.hpp"

using namespace store_test;
namespace worker = smsgate::worker;

namespace {

// Two jobs sent through gsm0; the first has its "delivered" report.
void two_sent_one_reported(Store& store)
{
    Job first = submit(store, "FIRST", one_part, 1000);
    send_all(store, first, "gsm0", 5, 1000);
    Job second = submit(store, "SECOND", one_part, 1001, "+32477000001");
    send_all(store, second, "gsm0", 6, 1001);
    auto matched = store.match_report("gsm0", 5, number, 0x00, true, 1010);
    REQUIRE(matched.ok());
    REQUIRE(matched->has_value());
}

} // namespace

TEST_CASE("worker: status snapshots leave status reports uncounted, the metrics snapshot counts them")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    two_sent_one_reported(*store);
    worker::Router router(std::vector<worker::Router::Modem>{{"gsm0", {}}});

    auto status = worker::take_snapshot(router, *store, 2000);
    REQUIRE(status.modems.size() == 1);
    CHECK(status.modems[0].status.name == "gsm0");
    REQUIRE(status.modems[0].counters.has_value());
    CHECK(status.modems[0].counters->sent == 2);
    CHECK_FALSE(status.modems[0].reports.has_value());

    auto metrics = worker::take_snapshot(router, *store, 2000, worker::Reports::count);
    REQUIRE(metrics.modems[0].reports.has_value());
    const auto& reports = *metrics.modems[0].reports;
    CHECK(reports[static_cast<std::size_t>(smsgate::sms::StatusClass::delivered)] == 1);
    CHECK(reports[static_cast<std::size_t>(smsgate::sms::StatusClass::pending)] == 0);

    auto text = worker::metrics_text(metrics, {});
    CHECK(text.find("smsgate_status_reports_total{modem=\"gsm0\",class=\"delivered\"} 1\n") != std::string::npos);
    CHECK(text.find("smsgate_sms_parts_sent_total{modem=\"gsm0\"} 2\n") != std::string::npos);
    // A snapshot without the counts writes no report series at all, never zeros.
    auto without = worker::metrics_text(status, {});
    CHECK(without.find("smsgate_status_reports_total{") == std::string::npos);
}
