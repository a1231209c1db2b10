// snapshot.hpp - the policy the milter decides by: the [sms] section and
// the senders table, read together and never changed after. A reload
// (SIGHUP) builds a new snapshot and swaps it in; a connection keeps the one
// it started with, so a message is judged by one policy from MAIL to the
// end.
#pragma once

#include "config/sms_config.hpp"
#include "policy/senders.hpp"
#include "util/result.hpp"

#include <memory>
#include <mutex>
#include <string>

namespace smsgate::quota {
class QuotaTally;
}

namespace smsgate::milter {

using quota::QuotaTally;

struct Snapshot {
    config::SmsConfig sms;
    std::shared_ptr<const policy::SendersTable> senders;
    std::string quota_database; // [milter] quota_database
    // The quota counts of that file in memory, owned by the QuotaWriter that
    // writes them to it (quota_writer.hpp) and shared with the snapshot
    // before when the file is the same; null when the file could not be
    // opened (senders with a quota then wait with 451 4.3.0 until a reload
    // opens it).
    std::shared_ptr<QuotaTally> quota;
};

// Reads [sms] and [milter] quota_database of the file and the senders table
// it names; the quota book is for the caller to attach. An error names the
// file and the line ("senders:12: unknown attribute 'partz'").
Result<std::shared_ptr<Snapshot>> load_snapshot(const std::string& config_path);

class SnapshotHolder {
public:
    explicit SnapshotHolder(std::shared_ptr<const Snapshot> first) : current_(std::move(first)) {}

    std::shared_ptr<const Snapshot> get() const
    {
        std::lock_guard lock(mutex_);
        return current_;
    }

    void set(std::shared_ptr<const Snapshot> next)
    {
        std::lock_guard lock(mutex_);
        current_.swap(next);
        // The old snapshot goes when the last connection that pinned it ends.
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const Snapshot> current_;
};

} // namespace smsgate::milter
