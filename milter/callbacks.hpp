// callbacks.hpp - smsgate-milter's libmilter callbacks: they translate the
// milter protocol to Message (message.hpp) and its decisions to SMTP
// replies, and nothing else.
#pragma once

#include "snapshot.hpp"

#include <atomic>

struct smfiDesc;

namespace smsgate::milter {


// What the callbacks share for the life of the process.
struct Shared {
    SnapshotHolder* snapshots = nullptr; // each with its quota book
    std::atomic<int> open_connections{0};
};

// The filter description for smfi_register(); callbacks read shared, which
// must outlive smfi_main().
smfiDesc& filter_description(Shared& shared);

} // namespace smsgate::milter
