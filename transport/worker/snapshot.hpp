// snapshot.hpp - what the worker is now, read once: each modem's state and
// counts, its status reports by class, the jobs waiting and the mails
// waiting for sendmail(1). smsgatectl status and the metrics file are both
// made from it, so that they always agree. Counting the status reports
// reads every part the modem sent: only the metrics file asks for it, a
// status request (a monitoring system's --check every minute) does not.
#pragma once

#include "store/store.hpp"
#include "worker/router.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace smsgate::worker {

struct ModemSnapshot {
    ModemStatus status;
    std::int64_t queue = -1;                 // jobs pinned to it; -1: the database failed
    std::optional<store::Counters> counters; // none: the database failed
    // Parts by the class of their last status report, in the order of
    // sms::StatusClass (delivered, pending, failed, failed_gave_up); none
    // when not asked for or the database failed.
    std::optional<std::array<std::int64_t, 4>> reports;
};

struct Snapshot {
    std::vector<ModemSnapshot> modems;
    std::int64_t queued = -1;                // open jobs
    std::int64_t mails = -1;                 // mails waiting for sendmail(1)
    std::optional<store::Seconds> oldest_mail; // when the oldest of them was queued
    store::Seconds taken = 0;
};

enum class Reports { skip, count };

Snapshot take_snapshot(const Router& router, store::Store& store, store::Seconds now, Reports reports = Reports::skip);

} // namespace smsgate::worker
