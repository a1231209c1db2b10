// sink.hpp - where received SMS, status reports and the outcomes of jobs go
// once they are safe in SQLite. The worker deletes a message from the modem
// only after the sink accepted it, and a sink may be given the same message
// again (after a crash, or after it failed): it must not act twice.
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
    std::string smsc;
    int parts = 1;
    std::vector<int> missing; // sequence numbers of parts that never came
    store::Seconds scts_epoch = 0; // TP-SCTS of the (first) part as a Unix time; 0 when unknown
    int zone_minutes = 0;     // its zone, minutes east of UTC (0 when unknown)
    // The TP-SCTS as read ("2026-13-32T25:00:00+01:00") when it names no
    // moment that exists: scts_epoch is 0 then, and the mail says so.
    std::string scts_unusable;
    // Names this message for good: "incoming:ROW" for a single SMS and for
    // the part that completed a long one, "parts:..." for one delivered
    // incomplete. A sink given the same key twice acts once.
    std::string key;
    // The long SMS whose stored parts this message is made of: a sink that
    // keeps it in the store drops them in the same transaction.
    std::optional<store::PartsKey> consumes;
};

// A received PDU that could not be read, kept in the store's incoming table.
struct UndecodablePdu {
    std::string modem;
    std::string pdu_hex; // with its SMSC address, as the modem gave it
    std::string why;
    store::Id row = 0;   // its row in the incoming table
};

struct StatusReport {
    std::string modem;
    std::string recipient;
    int mr = 0;
    int status = 0;            // TP-ST
    std::string discharge;     // ISO 8601
    std::optional<store::Part> part; // the part it matched, if any
};

// How a job ended, as the server saw it: answered tells whether a transport
// was waiting and got the outcome (then Postfix tells the sender itself).
struct JobOutcome {
    store::Id job = 0;
    bool answered = false;
    std::string queue_id; // Postfix's, of the mail the job came from
};

class Sink {
public:
    virtual ~Sink() = default;
    virtual Status sms(const ReceivedSms& sms) = 0;
    virtual Status report(const StatusReport& report) = 0;
    // A PDU that could not be decoded: kept visible, never silently dropped.
    virtual Status undecodable(const UndecodablePdu& pdu) = 0;
    // A job reached sent or failed (called from the server's thread).
    virtual void outcome(const JobOutcome&) {}
};

// The log lines of both sinks: "received: modem=gsm0, from=<+32...>, ...,
// text=\"...\"" and "status report: modem=gsm0, to=<+32...>, mr=18, st=0
// (delivered: ...), job=3, part=1".
std::string received_line(const ReceivedSms& sms);
// The SCTS in ISO 8601 with its zone ("2007-11-19T16:50:33+01:00"); "" when unknown.
std::string scts_iso(const ReceivedSms& sms);
std::string report_line(const StatusReport& report);

// Logs what it is given; for tests and for a gateway that writes no mails.
class LogSink : public Sink {
public:
    Status sms(const ReceivedSms& sms) override;
    Status report(const StatusReport& report) override;
    Status undecodable(const UndecodablePdu& pdu) override;
};

} // namespace smsgate::worker
