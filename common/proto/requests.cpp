// requests.cpp - requests and replies to and from attribute lists.
#include "proto/requests.hpp"

#include <algorithm>

namespace smsgate::proto {

namespace {

struct Field {
    const char* name;
    std::string SubmitRequest::*member;
    bool required;
};

constexpr Field submit_fields[] = {
    {"queue_id", &SubmitRequest::queue_id, true},   {"recipient", &SubmitRequest::recipient, true},
    {"mail_key", &SubmitRequest::mail_key, false},  {"message_id", &SubmitRequest::message_id, false},
    {"number", &SubmitRequest::number, true},
    {"sender", &SubmitRequest::sender, false},      {"from_name", &SubmitRequest::from_name, false},
    {"to_name", &SubmitRequest::to_name, false},
    {"text", &SubmitRequest::text, true},           {"language", &SubmitRequest::language, false},
};

struct EnvelopeField {
    const char* name;
    std::string Envelope::*member;
    bool required;
};

constexpr EnvelopeField envelope_fields[] = {
    {"queue_id", &Envelope::queue_id, true},           {"sender", &Envelope::sender, true},
    {"recipient", &Envelope::recipient, true},         {"sasl_username", &Envelope::sasl_username, false},
    {"client_address", &Envelope::client_address, false},
};

} // namespace

Message to_message(const DeliverRequest& request)
{
    Message m;
    m.set("request", "deliver");
    for (const auto& f : envelope_fields)
        m.set(f.name, request.envelope.*f.member);
    m.set("mail_size", request.mail_size);
    m.set("mail", request.mail);
    return m;
}

Result<DeliverRequest> deliver_from(const Message& message)
{
    DeliverRequest r;
    for (const auto& f : envelope_fields) {
        auto v = message.get(f.name);
        if (!v && f.required)
            return make_error("protocol", std::string("deliver without ") + f.name);
        r.envelope.*f.member = std::string(v.value_or(""));
    }
    auto mail = message.get("mail");
    if (!mail)
        return make_error("protocol", "deliver without mail");
    r.mail = std::string(*mail);
    auto size = message.number("mail_size");
    if (!size || *size < static_cast<long long>(r.mail.size()))
        return make_error("protocol", "deliver without a mail_size of at least the mail's bytes");
    r.mail_size = *size;
    if (r.envelope.queue_id.empty() || r.envelope.recipient.empty())
        return make_error("protocol", "deliver with an empty queue_id or recipient");
    return r;
}

std::size_t max_deliver_bytes(long long max_mail)
{
    return std::max<std::size_t>(max_message_bytes, 2 * static_cast<std::size_t>(std::max(0LL, max_mail)) + max_message_bytes);
}

std::string deliver_head()
{
    auto head = encode(Message().set("request", "deliver"));
    head.pop_back(); // the empty line that ends the message
    return head;
}

Message to_message(const SubmitRequest& request, std::string_view kind)
{
    Message m;
    m.set("request", std::string(kind));
    for (const auto& f : submit_fields)
        m.set(f.name, request.*f.member);
    m.set("notify", std::string(policy::notify_level_word(request.notify)));
    return m;
}

Result<SubmitRequest> submit_from(const Message& message)
{
    SubmitRequest r;
    for (const auto& f : submit_fields) {
        auto v = message.get(f.name);
        if (!v && f.required)
            return make_error("protocol", std::string("submit without ") + f.name);
        r.*f.member = std::string(v.value_or(""));
    }
    // Without mail_key the request comes from an smsgate-transport older
    // than the attribute, which sent the key as message_id (a Message-ID,
    // or a digest for a mail without one). It stays the key, so that such a
    // delivery tried again by the new transport finds its job; and, as
    // nothing here reads a value's characters to tell a digest from a
    // Message-ID, it is the Message-ID too: at worst a report threads under
    // an id that no mail has.
    if (!message.get("mail_key"))
        r.mail_key = r.message_id;
    r.notify = policy::notify_level_from_word(message.value_or("notify", "")).value_or(policy::NotifyLevel::failure);
    if (r.queue_id.empty() || r.number.empty())
        return make_error("protocol", "submit with an empty queue_id or number");
    return r;
}

std::string_view outcome_name(const Outcome& outcome)
{
    switch (outcome.verdict.verdict_class()) {
    case VerdictClass::ok: return outcome.already_sent ? "already_sent" : "sent";
    case VerdictClass::temporary: return "temporary";
    case VerdictClass::permanent: return "permanent";
    }
    return "temporary";
}

Message to_message(const Outcome& outcome)
{
    Message m;
    m.set("status", std::string(outcome_name(outcome)));
    m.set("dsn", outcome.verdict.code.str());
    m.set("text", outcome.verdict.text);
    m.set("job", outcome.job);
    return m;
}

Result<Outcome> outcome_from(const Message& message)
{
    auto status = message.get("status");
    if (!status)
        return make_error("protocol", "reply without status");
    std::string dsn(message.value_or("dsn", ""));
    auto code = StatusCode::parse(dsn);
    if (!code)
        return make_error("protocol", "status " + std::string(*status) + " with dsn '" + dsn + "'");
    Outcome o{Verdict{0, *code, std::string(message.value_or("text", ""))}, *status == "already_sent",
              message.number("job").value_or(0)};
    // The status word must be the one the code's class gives.
    if (outcome_name(o) != *status) {
        bool known = *status == "sent" || *status == "already_sent" || *status == "temporary" || *status == "permanent";
        return make_error("protocol", known ? "status " + std::string(*status) + " with dsn '" + dsn + "'"
                                            : "unknown status '" + std::string(*status) + "'");
    }
    return o;
}

Message error_reply(StatusCode code, const std::string& text)
{
    Message m;
    m.set("status", code.verdict_class() == VerdictClass::permanent ? "permanent" : "temporary");
    m.set("dsn", code.str());
    m.set("text", text);
    return m;
}

} // namespace smsgate::proto
