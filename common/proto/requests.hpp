// requests.hpp - the requests and replies of smsgated's socket (see
// smsgated(8), PROTOCOL): what the transport, smsgatectl and the worker say
// to each other, to and from attribute lists.
#pragma once

#include "proto/attr.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace smsgate::proto {

// request=submit: hand over one delivery and wait for its outcome.
struct SubmitRequest {
    std::string queue_id;   // Postfix queue id; with recipient and message_id the idempotency key
    std::string recipient;  // envelope recipient
    std::string message_id;
    std::string number;     // E.164 destination
    std::string sender;     // envelope sender (empty for a bounce)
    std::string from_name;
    std::string to_name;
    std::string notify;     // none|failure|network|handset|all, or empty for the default
    std::string text;       // UTF-8
    std::string language;   // of the mails back to the sender ("nl"), or empty for the default
};

// request=submit, from the pipe(8) transport; request=send, the same
// fields, from smsgatectl send (a test send past the senders table, which
// the worker allows to other users than a submit).
Message to_message(const SubmitRequest& request, std::string_view kind = "submit");
Result<SubmitRequest> submit_from(const Message& message);

enum class OutcomeKind {
    sent,         // every part got +CMGS
    already_sent, // an earlier delivery of the same key was sent
    temporary,    // try again later (4.x.x)
    permanent,    // give up (5.x.x)
};

std::string_view outcome_name(OutcomeKind kind);

struct Outcome {
    OutcomeKind kind = OutcomeKind::temporary;
    std::string dsn;  // RFC 3463, "2.0.0", "4.4.1", "5.1.1"
    std::string text; // for the Postfix log: "sent to +32477324847 via gsm0 (mr 18)"
    long long job = 0;
};

Message to_message(const Outcome& outcome);
Result<Outcome> outcome_from(const Message& message);

// A reply that refuses a request: malformed, unknown, too large.
Message error_reply(const std::string& dsn, const std::string& text);

} // namespace smsgate::proto
