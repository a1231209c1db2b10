// sent_log.hpp - every SMS-SUBMIT the simulated network accepted, in memory
// for the control command "sent" and, with --log, appended to a file as
// JSON lines and flushed at once: how tests count what was really sent,
// even across restarts of the simulator.
#pragma once

#include "util/fd.hpp"

#include "sms/pdu.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::sim {

struct SentRecord {
    unsigned n = 0; // 1, 2, 3... counted over the whole log file
    std::uint8_t mr = 0;
    std::size_t length = 0; // of AT+CMGS=<length>
    std::string pdu;        // hex, upper case, as received
    sms::Address to;
    std::string text;
    std::string alphabet;
    bool srr = false;
    std::optional<sms::Concat> concat;
    std::string link;
    std::string time;    // UTC, ISO 8601 with milliseconds
    sms::Timestamp scts; // what the SC's status report will say it received it
    int delay_ms = 0;    // from Ctrl-Z to +CMGS: --cmgs-delay-ms, or --cmgs-burst-delay-ms
};

class SentLog {
public:
    // Throws when the file cannot be opened for appending.
    explicit SentLog(const std::optional<std::string>& path);

    const SentRecord& add(SentRecord record);
    const std::vector<SentRecord>& records() const { return records_; }
    // The last one sent with this MR; nothing when none was.
    const SentRecord* last_with_mr(std::uint8_t mr) const;

    // {"n":1,"mr":18,"length":21,"pdu":"...","to":"+32477324847","text":"PS test",...}
    static std::string json(const SentRecord& record);

private:
    Fd file_;
    unsigned count_ = 0;
    std::vector<SentRecord> records_;
};

// The time now as an SMSC writes it: local time with its offset.
sms::Timestamp local_timestamp();
// "2026-01-02T03:04:05.678Z"
std::string utc_time_now();

} // namespace smsgate::sim
