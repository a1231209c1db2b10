// One TEST_CASE per transcript file: a Modem plays it to its end against a
// real Store, and the outcome is read back from the store and the sink.
#include "harness.hpp"

#include <doctest/doctest.h>

using namespace smsgate;
using namespace smsgate::transcript;

namespace {

// seed: SMS Comfort's PDUs, and the text they carry.
constexpr const char* seed_text = "PS test";
constexpr const char* seed_report = "07912374151616F606120B912374374248F7701191610500407011916105004000";
constexpr const char* seed_deliver = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301";

void check_sent(const store::Job& job, int mr)
{
    INFO("job " << job.id << ": " << job.reason);
    CHECK(job.state == store::JobState::sent);
    CHECK(job.dsn == "2.0.0");
    REQUIRE(job.parts.size() == 1);
    CHECK(job.parts[0].state == store::PartState::sent);
    CHECK(job.parts[0].mr == mr);
    CHECK(job.parts[0].modem == "gsm0");
}

} // namespace

TEST_CASE("echo-on.txt: a modem that echoes every command and the PDU sends the job once with MR 18")
{
    Harness h;
    auto id = h.submit(seed_text);
    h.play("echo-on.txt");
    check_sent(h.job(id), 18);
    CHECK(h.status.model == "MC35i"); // not the echo of AT+CGMM
    CHECK(h.status.sent == 1);
    CHECK(h.changed == std::vector<store::Id>{id});
    CHECK(h.sink.received.empty());
}

TEST_CASE("urc-inside-cmgs.txt: +CMTI and ^RSSI inside AT+CMGS do not disturb the send and the +CMTI brings a sweep")
{
    Harness h;
    auto id = h.submit(seed_text);
    h.play("urc-inside-cmgs.txt");
    check_sent(h.job(id), 18);
    REQUIRE(h.sink.received.size() == 1);
    CHECK(h.sink.received[0].originator == seed_number);
    CHECK(h.sink.received[0].text == "Ok test");
    auto deleted = h.store().incoming_in_state(store::IncomingState::deleted, "gsm0");
    REQUIRE(deleted.ok());
    REQUIRE(deleted->size() == 1);
    CHECK((*deleted)[0].storage == "SM");
    CHECK((*deleted)[0].index == 3);
    CHECK((*deleted)[0].pdu_hex == seed_deliver);
}

TEST_CASE("slow-prompt.txt: a prompt late and in two pieces is waited for and the job sent once")
{
    Harness h;
    auto id = h.submit(seed_text);
    h.play("slow-prompt.txt");
    check_sent(h.job(id), 18);
    CHECK(h.took >= std::chrono::milliseconds(700)); // the pauses of the transcript were waited for
}

TEST_CASE("cms-errors.txt: +CMS ERROR 38 and its verbose form are retried later and 21 fails at once")
{
    Harness h;
    auto network_down = h.submit("network down");
    auto barred = h.submit("barred", "+32470000001");
    auto verbose = h.submit("verbose");
    auto seed = h.submit(seed_text);
    auto before = static_cast<store::Seconds>(std::time(nullptr));
    h.play("cms-errors.txt");

    for (auto id : {network_down, verbose}) {
        auto job = h.job(id);
        INFO("job " << id << ": " << job.reason);
        CHECK(job.state == store::JobState::queued); // waiting for its retry
        CHECK(job.attempts == 1);
        CHECK(job.not_before >= before + h.worker.retry_seconds);
        CHECK(job.dsn == "4.4.1");
        CHECK(job.reason == "modem gsm0 says +CMS ERROR: 38 (network out of order)");
        CHECK(job.parts[0].state == store::PartState::pending);
    }
    auto failed = h.job(barred);
    CHECK(failed.state == store::JobState::failed);
    CHECK(failed.dsn == "5.7.1");
    CHECK(failed.reason == "modem gsm0 says +CMS ERROR: 21 (short message transfer rejected)");
    CHECK(failed.parts[0].state == store::PartState::failed);
    check_sent(h.job(seed), 18);
    // The waiters hear of final outcomes only.
    CHECK(h.changed == std::vector<store::Id>{barred, seed});
}

TEST_CASE("status-reports-sr-storage.txt: the seed's FF-padded report in SR matches the part with MR 18")
{
    Harness h;
    h.modem.report_storage = "SR";
    auto id = h.submit(seed_text);
    h.play("status-reports-sr-storage.txt");
    auto job = h.job(id);
    check_sent(job, 18);
    CHECK(job.parts[0].report_status == 0); // TP-ST 0: delivered
    REQUIRE(h.sink.reports.size() == 1);
    const auto& report = h.sink.reports[0];
    CHECK(report.mr == 18);
    CHECK(report.recipient == seed_number);
    CHECK(report.status == 0);
    REQUIRE(report.part.has_value());
    CHECK(report.part->id == job.parts[0].id);
    CHECK(h.sink.received.empty());
    auto deleted = h.store().incoming_in_state(store::IncomingState::deleted, "gsm0");
    REQUIRE(deleted.ok());
    REQUIRE(deleted->size() == 1);
    CHECK((*deleted)[0].storage == "SR");
    CHECK((*deleted)[0].index == 1);
    CHECK((*deleted)[0].pdu_hex.starts_with(seed_report));
}

TEST_CASE("routed-cmt-cds.txt: routed +CMT and +CDS are handed on and acknowledged with AT+CNMA")
{
    Harness h;
    h.modem.cnmi = "2,2,0,1,0";
    auto id = h.submit(seed_text);
    h.play("routed-cmt-cds.txt");
    auto job = h.job(id);
    check_sent(job, 18);
    REQUIRE(h.sink.received.size() == 1);
    CHECK(h.sink.received[0].originator == seed_number);
    CHECK(h.sink.received[0].text == "Ok test");
    CHECK(h.sink.received[0].smsc == seed_smsc);
    REQUIRE(h.sink.reports.size() == 1);
    CHECK(h.sink.reports[0].mr == 18);
    REQUIRE(h.sink.reports[0].part.has_value());
    CHECK(h.sink.reports[0].part->id == job.parts[0].id);
    CHECK(job.parts[0].report_status == 0);
    // Routed messages are in no storage: nothing to delete, nothing left.
    auto done = h.store().incoming_in_state(store::IncomingState::deleted, "gsm0");
    REQUIRE(done.ok());
    REQUIRE(done->size() == 2);
    for (const auto& in : *done) {
        CHECK(in.storage.empty());
        CHECK(in.index == -1);
    }
    CHECK((*done)[0].pdu_hex == seed_deliver);
    CHECK((*done)[1].pdu_hex == seed_report);
}

TEST_CASE("huawei-noise.txt: ^BOOT ^RSSI ^MODE ^DSFLOWRPT lines anywhere and storage ME emptied from index 0")
{
    Harness h;
    h.modem.storage.clear();
    h.play("huawei-noise.txt");
    CHECK(h.status.model == "E1750");
    CHECK(h.status.operator_name == "Proximus");
    CHECK(h.status.signal_dbm == -83); // +CSQ: 15
    CHECK(h.status.received == 1);
    REQUIRE(h.sink.received.size() == 1);
    CHECK(h.sink.received[0].text == "Ok test");
    auto deleted = h.store().incoming_in_state(store::IncomingState::deleted, "gsm0");
    REQUIRE(deleted.ok());
    REQUIRE(deleted->size() == 1);
    CHECK((*deleted)[0].storage == "ME");
    CHECK((*deleted)[0].index == 0);
}

TEST_CASE("wavecom-cnmi-refused.txt: with AT+CNMI refused the worker polls and finds the SMS without +CMTI")
{
    Harness h;
    h.worker.poll_seconds = 0; // a sweep every turn of the serve loop, not every 11 s
    h.play("wavecom-cnmi-refused.txt");
    REQUIRE(h.sink.received.size() == 1);
    CHECK(h.sink.received[0].text == "Ok test");
    auto deleted = h.store().incoming_in_state(store::IncomingState::deleted, "gsm0");
    REQUIRE(deleted.ok());
    REQUIRE(deleted->size() == 1);
    CHECK((*deleted)[0].index == 1);
}
