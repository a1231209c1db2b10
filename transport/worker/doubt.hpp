// doubt.hpp - what to do with a part in doubt: a part whose AT+CMGS was under
// way when the worker died, the link dropped, or the commit of its MR failed.
// It may have gone out. If the worker kept its MR, it did. If a status report
// was requested, the network's report for that send arrives, matches no part
// (the part has no MR) and is kept as unmatched: a report for the same number
// whose SCTS (when the SMSC took the message) falls between the start of the
// send and doubt_seconds later is taken as the part's. Only when none comes
// within doubt_seconds, or no report was asked for, is the part sent again;
// and only once the modem's storage was read after that deadline: a modem
// whose routing of reports ended (an acknowledgement that never came, a
// worker that was not listening) stores them, and a full storage leaves
// them waiting at the network until it is emptied.
//
// Pure: the caller reads the part, the reports and the clock, and does what
// the decision says.
#pragma once

#include "store/store.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace smsgate::worker::doubt {

// The part in doubt, as far as the decision needs it.
struct PartInDoubt {
    std::string number;               // E.164, as the job has it
    store::Seconds sending_at = 0;    // when its last AT+CMGS began
    store::Seconds doubt_since = 0;   // when it was found in doubt
    bool reports_requested = false;   // TP-SRR of its PDU
    std::optional<int> known_mr;      // +CMGS answered, but the commit failed
    store::Seconds storage_read_at = 0; // when the modem's storage was last read to the end
};

// An unmatched status report received on the part's modem.
struct UnmatchedReport {
    store::Id row = 0;          // its incoming row
    std::string number;         // TP-RA, as the report matching compares it
    int mr = 0;
    int status = 0;             // TP-ST
    store::Seconds scts = 0;    // TP-SCTS as a Unix time
    std::string discharge;      // TP-DT in ISO 8601, for the sink
};

enum class Verdict {
    known_mr,     // sent: the MR the worker kept
    adopt_report, // sent: the report `report` is its own
    wait,         // keep waiting until `until`
    read_storage, // the deadline passed: read the modem's storage, then decide again
    resend,       // send it again
};

struct Decision {
    Verdict verdict = Verdict::resend;
    std::size_t report = 0;     // adopt_report: index into the reports
    store::Seconds until = 0;   // wait: when to decide again at the latest
    std::string why;            // for the log: "no status report within 120 s"
};

// Whether the report can be the one for the part's last send.
bool fits(const PartInDoubt& part, const UnmatchedReport& report, int doubt_seconds);

// Of the fitting reports the one with the earliest SCTS (the closest to the
// send) is adopted (with a known MR, only one with that MR: so that the
// sender hears of it); the deadline is doubt_seconds after the part was found
// in doubt, or after its send began if that is later.
Decision decide(const PartInDoubt& part, std::span<const UnmatchedReport> reports, store::Seconds now,
                int doubt_seconds);

} // namespace smsgate::worker::doubt
