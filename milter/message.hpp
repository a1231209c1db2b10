// message.hpp - the decisions of smsgate-milter for one message, without
// libmilter: which recipients are SMS recipients and whether each may
// receive, and at the end whether the text can go. The libmilter callbacks
// (callbacks.cpp) only translate. See DESIGN.md, "Milter replies".
#pragma once

#include "verdict/verdict.hpp"
#include "snapshot.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::quota {
class QuotaTally;
}

namespace smsgate::milter {

using quota::QuotaTally;

// Who sends, as the SMTP session tells it.
struct Envelope {
    std::string client_address; // "192.0.2.1"; empty for mail submitted locally
    std::string sender;         // MAIL FROM, without angle brackets; empty for <>
    std::string sasl_login;     // {auth_authen}; empty without SMTP AUTH
};

struct EndOfMessage {
    std::optional<Verdict> refusal;
    // The refusal concerns the SMS copy only: the message has other
    // recipients, so it goes on and the transport refuses the SMS copy
    // with the same code (a bounce to the sender).
    bool left_to_transport = false;
    // "2; encoding=GSM-7", for the X-SMS-Parts header
    std::string parts_header;
    // For the log line: the SMS recipients.
    int sms_recipients = 0;
};

class Message {
public:
    // quota may be null: quotas are then not counted (and a sender with a
    // quota is refused with 451 4.3.0, since it cannot be checked).
    Message(std::shared_ptr<const Snapshot> snapshot, Envelope envelope, QuotaTally* quota);
    // Gives back what the quota book holds for this message, if it never
    // reached the end (an abort, a new MAIL FROM, a lost connection).
    ~Message();
    Message(const Message&) = delete;
    Message& operator=(const Message&) = delete;

    // RCPT TO: nothing when the recipient is not in an SMS domain (it is
    // none of the milter's business) or may receive an SMS; else why not.
    // written is the RCPT TO argument; routed the address as Postfix
    // resolved it ({rcpt_addr}), empty when the MTA did not say. The routed
    // address decides when there is one: it is where the mail will go.
    std::optional<Verdict> recipient(std::string_view written, std::string_view routed, std::int64_t now);

    bool has_sms_recipients() const { return sms_recipients_ > 0; }

    // The message as it comes: header lines, then body chunks. Kept up to
    // [sms] max_message_size.
    void header(std::string_view name, std::string_view value);
    void end_of_headers();
    void body(std::string_view chunk);

    // The text extracted as the transport will, its parts checked against
    // the sender's limit; the SMS counted against the sender's quota when
    // the message is accepted, marked with queue_id (Postfix's, empty when
    // unknown) so that the transport does not count them again.
    EndOfMessage end_of_message(std::int64_t now, const std::string& queue_id = {});

    const policy::SenderPolicy& policy() const { return policy_; }

private:
    std::string quota_key() const;
    // Gives back to the quota book what this message holds there.
    void release_reservation();
    EndOfMessage decide_end(std::int64_t now, const std::string& queue_id);

    std::shared_ptr<const Snapshot> snapshot_;
    Envelope envelope_;
    QuotaTally* quota_;
    policy::SenderPolicy policy_;
    std::optional<Verdict> sender_refusal_; // the same for every recipient
    int sms_recipients_ = 0;           // accepted SMS recipients
    std::vector<std::string> numbers_; // of them, the numbers (E.164)
    int reserved_ = 0;                 // of them, held in the quota book
    int others_ = 0;                   // recipients outside the SMS domains: the message
                                       // then is never refused as a whole for its SMS
    std::string raw_;
    std::size_t size_ = 0;             // all bytes seen, kept or not
};

} // namespace smsgate::milter
