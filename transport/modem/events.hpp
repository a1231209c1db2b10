// events.hpp - what the modem driver tells the layer above it, and what it
// asks of it. The driver speaks AT over its link and knows nothing of jobs,
// the database or mail: it says what the modem is (State), hands on every
// PDU it receives and deletes it from the modem only when told it is safe,
// and sends the PDUs the layer above gives it, one AT+CMGS at a time,
// reporting each as sent (with its MR), refused (a +CMS ERROR with its
// class) or interrupted.
#pragma once

#include "at/final_result.hpp"
#include "sms/cms_error.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace smsgate::modem {

// What the modem is, as the driver last saw it.
struct State {
    std::string link = "down";   // down, opening, up
    bool registered = false;
    std::string registration;    // "home", "roaming", "searching", ...
    std::string operator_name;
    std::optional<int> signal_dbm;
    std::string model;
    std::string last_error;      // why the link or the initialisation last failed
    // Messages in the storage the sweep reads first, and its slots (from
    // AT+CPMS at initialisation, then what each sweep left there); 0 slots:
    // not known.
    int storage_used = 0;
    int storage_slots = 0;
};

// A PDU the modem gave: stored at index in storage (index -1: routed to the
// terminal as +CMT or +CDS, then it exists nowhere else).
struct ReceivedPdu {
    std::string storage;
    int index = -1;
    int length = -1;             // of the TPDU, as the modem said; -1 unknown
    std::string pdu_hex;         // with its SMSC address
};

// What the layer above did with a received PDU.
struct Receipt {
    bool kept = false;           // committed: a routed one may be acknowledged
    bool erase = false;          // safe: delete it from the modem (then erased(row))
    long long row = 0;           // the layer's name for it, given back to erased()
};

// One AT+CMGS.
struct SendResult {
    enum class Kind {
        sent,        // +CMGS with its MR
        unconfirmed, // OK without a readable +CMGS: may have gone out
        cms_error,   // the network or the modem refused: cms
        refused,     // ERROR, +CME ERROR and the like: the command was not taken
        interrupted, // no final result (timeout, link, stop): see pdu_written
    };
    Kind kind = Kind::interrupted;
    int mr = 0;
    std::optional<sms::CmsError> cms;
    at::FinalResult final;       // cms_error, refused
    bool pdu_written = false;    // interrupted after the PDU went to the modem
    bool stopped = false;        // interrupted because the worker stops
    std::string error;           // interrupted: why, for the log
};

// Sends PDUs on the driver's channel while the layer above holds it.
class Sender {
public:
    virtual ~Sender() = default;
    // pdu_hex begins with the SMSC address; tpdu_length counts the octets
    // after it (TS 27.005 3.5.1). more_parts: further parts of the same
    // message follow at once.
    virtual SendResult send(const std::string& pdu_hex, int tpdu_length, bool more_parts = false) = 0;
    // Other jobs wait to be sent after the one about to be sent. With this
    // or more_parts the driver keeps the radio link up between the sends
    // (AT+CMMS=1) where the modem can.
    virtual void jobs_waiting(bool waiting) { (void)waiting; }
};

class Events {
public:
    virtual ~Events() = default;

    // The worker stops: every wait ends, and the driver returns.
    virtual bool stopping() const = 0;
    // Sleeps until the deadline or the stop.
    virtual void pause_until(std::chrono::steady_clock::time_point deadline) = 0;
    // Advances when there is new work; read before looking for work and
    // again before idling, so that none is missed between the two.
    virtual unsigned long long work_generation() const = 0;
    // A descriptor that becomes readable when work is there for this modem
    // (an eventfd): the idle driver waits on it with its link, so that a
    // submission is sent at once, not at the next look. The driver reads it
    // empty. -1: none; the driver then looks every idle slice.
    virtual int wake_fd() const { return -1; }

    // The modem's state changed.
    virtual void state(const State& state) = 0;
    // Every poll_seconds while the modem serves.
    virtual void polled() = 0;
    // A PDU came from the modem.
    virtual Receipt received(const ReceivedPdu& pdu) = 0;
    // A PDU whose receipt said erase was deleted from the modem.
    virtual void erased(long long row) = 0;
    // A sweep read the storage to its end (and, when it had been full, again
    // until what waited at the network came in).
    virtual void swept() = 0;
    // Asked before each look for work: true when the layer above waits on
    // something only the storage can tell (the status report of a part in
    // doubt, before that part is sent again). The driver then sets routing
    // again, as the modem may have ended it, and sweeps before the next
    // work(). Each request is answered once.
    virtual bool storage_wanted() { return false; }
    // The modem can send: send what is due through sender. True if
    // something was sent (then the driver asks again at once).
    virtual bool work(Sender& sender) = 0;
};

} // namespace smsgate::modem
