// test_doubt.cpp - the decision about a part in doubt: adopt an unmatched
// status report whose number and SCTS fit the send, keep waiting, or send
// again; a table of cases with near misses beside the good ones.
#include "worker/doubt.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace smsgate::worker::doubt;

namespace {

constexpr int window = 120;
const std::string number = "+32477324847";

// Sent at 1000, found in doubt at 1005 (the worker restarted), reports asked for.
PartInDoubt killed_part()
{
    return {number, 1000, 1005, true, std::nullopt};
}

UnmatchedReport report(smsgate::store::Id row, std::string to, int mr, long scts)
{
    return {row, std::move(to), mr, 0, scts, ""};
}

} // namespace

TEST_CASE("doubt: a report for the number stamped after the send began is adopted")
{
    std::vector<UnmatchedReport> reports = {report(7, number, 18, 1002)};
    auto d = decide(killed_part(), reports, 1010, window);
    CHECK(d.verdict == Verdict::adopt_report);
    CHECK(d.report == 0);
}

TEST_CASE("doubt: near misses are not adopted")
{
    struct Case {
        const char* name;
        UnmatchedReport r;
    };
    const Case cases[] = {
        {"another number", report(1, "+32477324848", 18, 1002)},
        {"the number written nationally", report(2, "0477324847", 18, 1002)},
        {"stamped a second before the send began", report(3, number, 18, 999)},
        {"stamped after the window", report(4, number, 18, 1000 + window + 1)},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK_FALSE(fits(killed_part(), c.r, window));
        std::vector<UnmatchedReport> reports = {c.r};
        CHECK(decide(killed_part(), reports, 1010, window).verdict == Verdict::wait);
    }
    // The window's edges fit.
    CHECK(fits(killed_part(), report(5, number, 1, 1000), window));
    CHECK(fits(killed_part(), report(6, number, 1, 1000 + window), window));
}

TEST_CASE("doubt: of several fitting reports the one stamped closest to the send is adopted")
{
    std::vector<UnmatchedReport> reports = {report(1, number, 30, 1050), report(2, "+32470000001", 31, 1001),
                                            report(3, number, 29, 1003)};
    auto d = decide(killed_part(), reports, 1010, window);
    REQUIRE(d.verdict == Verdict::adopt_report);
    CHECK(reports[d.report].row == 3);
}

TEST_CASE("doubt: without a report it waits doubt_seconds from when it was found in doubt, then resends")
{
    auto waiting = decide(killed_part(), {}, 1010, window);
    CHECK(waiting.verdict == Verdict::wait);
    CHECK(waiting.until == 1005 + window);
    CHECK(decide(killed_part(), {}, 1005 + window - 1, window).verdict == Verdict::wait);
    auto part = killed_part();
    part.storage_read_at = 1005 + window;
    auto resend = decide(part, {}, 1005 + window, window);
    CHECK(resend.verdict == Verdict::resend);
    CHECK(resend.why == "no status report within 120 s");
    // A late report still fits after the deadline, when it came in time to be read.
    std::vector<UnmatchedReport> reports = {report(9, number, 18, 1100)};
    CHECK(decide(killed_part(), reports, 2000, window).verdict == Verdict::adopt_report);
}

TEST_CASE("doubt: no status report asked for: sent again at once")
{
    auto part = killed_part();
    part.reports_requested = false;
    std::vector<UnmatchedReport> reports = {report(1, number, 18, 1002)};
    auto d = decide(part, reports, 1006, window);
    CHECK(d.verdict == Verdict::resend);
    CHECK(d.why == "no status report was requested");
}

TEST_CASE("doubt: an MR the worker kept settles it, reports or not")
{
    auto part = killed_part();
    part.known_mr = 42;
    part.reports_requested = false;
    CHECK(decide(part, {}, 5000, window).verdict == Verdict::known_mr);
    // With reports asked for, its own report is adopted (the sender hears
    // of it); a fitting one with another MR is not its own.
    part.reports_requested = true;
    std::vector<UnmatchedReport> reports = {report(1, number, 41, 1001), report(2, number, 42, 1002)};
    auto d = decide(part, reports, 1010, window);
    REQUIRE(d.verdict == Verdict::adopt_report);
    CHECK(reports[d.report].row == 2);
    reports.pop_back();
    CHECK(decide(part, reports, 1010, window).verdict == Verdict::known_mr);
}

TEST_CASE("doubt: doubt_seconds 0 resends at once when no report is there")
{
    auto part = killed_part();
    part.storage_read_at = 1005;
    CHECK(decide(part, {}, 1005, 0).verdict == Verdict::resend);
}

TEST_CASE("doubt: past the deadline it is sent again only once the storage was read after the deadline")
{
    // The modem stores a report while its routing is off, and a full
    // storage keeps it at the network: the last sweep must have come after
    // the deadline, or the report may be there unread.
    auto part = killed_part();
    const long deadline = 1005 + window;
    for (long read_at : {0L, 1005L, deadline - 1}) {
        CAPTURE(read_at);
        part.storage_read_at = read_at;
        auto d = decide(part, {}, deadline + 30, window);
        CHECK(d.verdict == Verdict::read_storage);
        CHECK(d.why == "its status report may wait in the modem's storage");
    }
    part.storage_read_at = deadline;
    CHECK(decide(part, {}, deadline + 30, window).verdict == Verdict::resend);
    // Before the deadline a recent read changes nothing: it waits.
    part.storage_read_at = deadline - 1;
    CHECK(decide(part, {}, deadline - 1, window).verdict == Verdict::wait);
    // A report found by that read is adopted, however late the read.
    part.storage_read_at = 0;
    std::vector<UnmatchedReport> reports = {report(4, number, 18, 1001)};
    CHECK(decide(part, reports, deadline + 30, window).verdict == Verdict::adopt_report);
    // Without reports asked for, or with the MR kept, the storage is not waited on.
    auto unasked = killed_part();
    unasked.reports_requested = false;
    CHECK(decide(unasked, {}, deadline + 30, window).verdict == Verdict::resend);
    auto kept = killed_part();
    kept.known_mr = 7;
    CHECK(decide(kept, {}, deadline + 30, window).verdict == Verdict::known_mr);
}
