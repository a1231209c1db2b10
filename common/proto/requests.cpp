// requests.cpp - requests and replies to and from attribute lists.
#include "proto/requests.hpp"

namespace smsgate::proto {

namespace {

struct Field {
    const char* name;
    std::string SubmitRequest::*member;
    bool required;
};

constexpr Field submit_fields[] = {
    {"queue_id", &SubmitRequest::queue_id, true},   {"recipient", &SubmitRequest::recipient, true},
    {"message_id", &SubmitRequest::message_id, false}, {"number", &SubmitRequest::number, true},
    {"sender", &SubmitRequest::sender, false},      {"from_name", &SubmitRequest::from_name, false},
    {"to_name", &SubmitRequest::to_name, false},    {"notify", &SubmitRequest::notify, false},
    {"text", &SubmitRequest::text, true},           {"language", &SubmitRequest::language, false},
};

constexpr std::string_view outcome_names[] = {"sent", "already_sent", "temporary", "permanent"};

} // namespace

Message to_message(const SubmitRequest& request, std::string_view kind)
{
    Message m;
    m.set("request", std::string(kind));
    for (const auto& f : submit_fields)
        m.set(f.name, request.*f.member);
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
    if (r.queue_id.empty() || r.number.empty())
        return make_error("protocol", "submit with an empty queue_id or number");
    return r;
}

std::string_view outcome_name(OutcomeKind kind) { return outcome_names[static_cast<int>(kind)]; }

Message to_message(const Outcome& outcome)
{
    Message m;
    m.set("status", std::string(outcome_name(outcome.kind)));
    m.set("dsn", outcome.dsn);
    m.set("text", outcome.text);
    m.set("job", outcome.job);
    return m;
}

Result<Outcome> outcome_from(const Message& message)
{
    Outcome o;
    auto status = message.get("status");
    if (!status)
        return make_error("protocol", "reply without status");
    bool known = false;
    for (std::size_t i = 0; i < std::size(outcome_names); ++i) {
        if (*status == outcome_names[i]) {
            o.kind = static_cast<OutcomeKind>(i);
            known = true;
        }
    }
    if (!known)
        return make_error("protocol", "unknown status '" + std::string(*status) + "'");
    o.dsn = message.value_or("dsn", "");
    o.text = message.value_or("text", "");
    o.job = message.number("job").value_or(0);
    // The class of the DSN must agree with the outcome.
    char want = o.kind == OutcomeKind::temporary ? '4' : o.kind == OutcomeKind::permanent ? '5' : '2';
    if (o.dsn.size() < 5 || o.dsn[0] != want || o.dsn[1] != '.')
        return make_error("protocol", "status " + std::string(*status) + " with dsn '" + o.dsn + "'");
    return o;
}

Message error_reply(const std::string& dsn, const std::string& text)
{
    Message m;
    m.set("status", dsn.size() > 0 && dsn[0] == '5' ? "permanent" : "temporary");
    m.set("dsn", dsn);
    m.set("text", text);
    return m;
}

} // namespace smsgate::proto
