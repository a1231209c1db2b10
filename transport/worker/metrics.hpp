// metrics.hpp - the worker's metrics in Prometheus's text format, for
// node_exporter's textfile collector ([worker] metrics_file): per modem its
// link, registration, signal, storage, SMS sent, failed and received and
// status reports by class; the jobs and mails waiting; and a histogram of
// the time from a job's submission to its last part's +CMGS. The file is
// written whole and renamed into place, so that a reader never sees half.
#pragma once

#include "util/result.hpp"
#include "worker/snapshot.hpp"

#include <array>
#include <cstdint>
#include <mutex>
#include <string>

namespace smsgate::worker {

// Send latencies seen since the worker started (thread-safe).
class SendLatency {
public:
    // Upper bounds of the buckets, in seconds.
    static constexpr std::array<double, 10> bounds{1, 2, 5, 10, 30, 60, 120, 300, 900, 3600};
    struct Counts {
        std::array<std::uint64_t, bounds.size()> buckets{}; // each: observations <= its bound
        std::uint64_t count = 0;
        double sum = 0;
    };
    void observe(double seconds);
    Counts counts() const;

private:
    mutable std::mutex mutex_;
    Counts counts_;
};

std::string metrics_text(const Snapshot& snap, const SendLatency::Counts& latency);

// Writes text to path through a temporary file beside it and rename(2).
Status write_metrics_file(const std::string& path, const std::string& text);

} // namespace smsgate::worker
