// sink.hpp - where received SMS and status reports go once they are safe in
// SQLite. The worker deletes a message from the modem only after the sink
// accepted it. The mail-writing sink replaces the logging one later.
#pragma once

#include "sms/pdu.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

#include <string>
#include <vector>

namespace smsgate::worker {

struct ReceivedSms {
    std::string modem;
    std::string originator;   // "+32477324847", digits, or alphanumeric text
    bool alphanumeric = false;
    std::string text;         // UTF-8, parts joined; "[part N missing]" where one never came
    std::string scts;         // ISO 8601 of the (first) part, may be empty
    std::string smsc;
    int parts = 1;
    std::vector<int> missing; // sequence numbers of parts that never came
};

struct StatusReport {
    std::string modem;
    std::string recipient;
    int mr = 0;
    int status = 0;            // TP-ST
    std::string discharge;     // ISO 8601
    std::optional<store::Part> part; // the part it matched, if any
};

class Sink {
public:
    virtual ~Sink() = default;
    virtual Status sms(const ReceivedSms& sms) = 0;
    virtual Status report(const StatusReport& report) = 0;
    // A PDU that could not be decoded: kept visible, never silently dropped.
    virtual Status undecodable(const std::string& modem, const std::string& pdu_hex, const std::string& why) = 0;
};

// Logs what it is given (until mails are written back).
class LogSink : public Sink {
public:
    Status sms(const ReceivedSms& sms) override;
    Status report(const StatusReport& report) override;
    Status undecodable(const std::string& modem, const std::string& pdu_hex, const std::string& why) override;
};

} // namespace smsgate::worker
