// requests.hpp - the requests and replies of smsgated's socket (see
// smsgated(8), PROTOCOL): what the transport, smsgatectl and the worker say
// to each other, to and from attribute lists.
#pragma once

#include "policy/notify_level.hpp"
#include "proto/attr.hpp"
#include "verdict/verdict.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace smsgate::proto {

// request=submit: hand over one delivery and wait for its outcome.
struct SubmitRequest {
    std::string queue_id;   // Postfix queue id; with recipient and mail_key the idempotency key
    std::string recipient;  // envelope recipient
    std::string mail_key;   // the Message-ID, or mail::content_digest() of a mail without one
    std::string message_id; // the Message-ID without "<>", for threading; empty when the mail has none
    std::string number;     // E.164 destination
    std::string sender;     // envelope sender (empty for a bounce)
    std::string from_name;
    std::string to_name;
    // As its word; a request without one, or with a word that names no
    // level, asks for failure, the default of smsgate-senders(5).
    policy::NotifyLevel notify = policy::NotifyLevel::failure;
    std::string text;       // UTF-8
    std::string language;   // of the mails back to the sender ("nl"), or empty for the default
};

// request=submit, from the pipe(8) transport; request=send, the same
// fields, from smsgatectl send (a test send past the senders table, which
// the worker allows to other users than a submit).
Message to_message(const SubmitRequest& request, std::string_view kind = "submit");
Result<SubmitRequest> submit_from(const Message& message);

// request=deliver, from the pipe(8) transport: one delivery as pipe(8) gives
// it, the envelope and the mail, for the worker to check as the milter checks
// mail (senders table, number, text, quota) and then submit.
struct Envelope {
    std::string queue_id;       // ${queue_id}
    std::string sender;         // ${sender}: envelope sender, empty for a bounce
    std::string recipient;      // ${recipient}: "+32477324847@sms.example.com"
    std::string sasl_username;  // ${sasl_username}: the SMTP AUTH login, if any
    std::string client_address; // ${client_address}: the SMTP client, if any
};

struct DeliverRequest {
    Envelope envelope;
    std::string mail;         // the mail, or its first [sms] max_message_size bytes
    long long mail_size = 0;  // bytes of the whole mail
};

Message to_message(const DeliverRequest& request);
Result<DeliverRequest> deliver_from(const Message& message);

// The largest deliver request a peer that may deliver may send: a mail of
// max_mail bytes, every byte escaped, and the envelope; and how such a
// request begins (Decoder::allow_larger()). Any other request keeps the
// bound of max_message_bytes.
std::size_t max_deliver_bytes(long long max_mail);
std::string deliver_head();

// What became of a submit: sent (every part got +CMGS), try again later, or
// give up; the text goes to the Postfix log ("sent to +32477324847 via gsm0
// (mr 18)"). On the wire its status is one word: sent, already_sent (an
// earlier delivery of the same key was sent), temporary or permanent.
struct Outcome {
    Verdict verdict;
    bool already_sent = false;
    long long job = 0;

    static Outcome sent(std::string text, long long job, bool already = false)
    {
        return {Verdict{0, "2.0.0", std::move(text)}, already, job};
    }
    static Outcome refused(StatusCode code, std::string text, long long job = 0)
    {
        return {Verdict{0, code, std::move(text)}, false, job};
    }
};

// "sent", "already_sent", "temporary", "permanent"
std::string_view outcome_name(const Outcome& outcome);

Message to_message(const Outcome& outcome);
Result<Outcome> outcome_from(const Message& message);

// A reply that refuses a request: malformed, unknown, too large; its status
// is the code's class.
Message error_reply(StatusCode code, const std::string& text);

} // namespace smsgate::proto
