// network.hpp - the network behind the modem: incoming SMS-DELIVERs and
// SMS-STATUS-REPORTs, and where they go. Each arrival is routed to the
// terminal (+CMT, +CDS) or stored with an indication (+CMTI, +CDSI) as
// AT+CNMI says (TS 27.005 3.4.1); what cannot be stored now (memory full)
// or routed now (an earlier +CMT not yet acknowledged) waits in a queue,
// as the network holds it and tries again: nothing is lost.
#pragma once

#include "event_loop.hpp"

#include "sms/deliver.hpp"
#include "sms/pdu.hpp"
#include "util/result.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::sim {

class Modem;
struct SentRecord;

class Network {
public:
    explicit Network(Modem& modem) : modem_(modem) {}
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    struct Arrival {
        std::vector<std::uint8_t> octets; // SMSC address and TPDU
        bool status_report = false;
        bool store_only = false; // the terminal refused it or did not acknowledge it
    };

    // A PDU as +CMGL would list it; an error when it is not an SMS-DELIVER
    // or SMS-STATUS-REPORT.
    Result<sms::PduType> arrive(std::vector<std::uint8_t> octets);
    // Any octets as an SMS-DELIVER, undecoded: what a real network can send
    // that no decoder reads (a PDU longer than its user data, a reserved
    // coding). At least an SMSC length octet and a first octet.
    Status arrive_raw(std::vector<std::uint8_t> octets);
    // A text from a handset: its parts, delivered in the order given (part
    // numbers from 1; empty: 1, 2, 3...). Gives the number of parts the text has.
    Result<std::size_t> arrive_text(const std::string& from, const std::string& text,
                                    sms::DeliverOptions options, const std::vector<int>& order);
    // The SMS-SUBMIT was accepted; its status report follows if it asked for one.
    void submitted(const SentRecord& record);
    // A status report now, for the last message sent with this MR (or to
    // the number given, when nothing was sent with it).
    Result<std::uint8_t> report(std::uint8_t mr, int status, const std::optional<std::string>& number);

    // Delivers what waits, as far as storage and acknowledgements allow.
    void pump();
    // AT+CNMA: false when no routed message waits for it.
    bool acknowledge(bool positive);
    // Power cycle: routing ends; a message awaiting acknowledgement is stored.
    void reset();

    const std::deque<Arrival>& queue() const { return queue_; }
    unsigned next_reference() { return ++reference_; }

private:
    bool deliver(const Arrival& arrival);
    void route(const Arrival& arrival);
    void ack_timed_out();
    void send_report(std::uint8_t mr, const sms::Address& to, const sms::Timestamp& scts, int status);

    Modem& modem_;
    std::deque<Arrival> queue_;
    std::optional<Arrival> awaiting_ack_;
    EventLoop::TimerId ack_timer_ = 0;
    std::vector<EventLoop::TimerId> report_timers_;
    unsigned reference_ = 0x40; // concatenation references of injected texts
};

} // namespace smsgate::sim
