// submission.cpp - submit requests to jobs, and jobs to outcomes.
#include "worker/submission.hpp"

#include "mail/charset.hpp"
#include "sms/submit.hpp"

#include <atomic>
#include <chrono>

namespace smsgate::worker {

using proto::Outcome;

namespace {

// Concatenation references: a handset reassembles by sender and reference,
// so consecutive long messages must differ; a counter started from the clock
// does that across restarts too.
std::uint8_t next_reference()
{
    static std::atomic<unsigned> counter{static_cast<unsigned>(
        std::chrono::system_clock::now().time_since_epoch().count() / 1000000)};
    return static_cast<std::uint8_t>(counter++ & 0xFF);
}

Outcome refused(StatusCode code, std::string text) { return Outcome::refused(code, std::move(text)); }

// A deferral: the SIMs may send again later (RFC 3463 4.7.0, a policy of
// this system).
Outcome every_modem_held(const std::vector<SendHold>& reasons) { return refused("4.7.0", every_modem_held_text(reasons)); }

} // namespace

std::string mr_list(const store::Job& job)
{
    std::string out;
    for (const auto& p : job.parts)
        if (p.mr)
            out += (out.empty() ? "" : ",") + std::to_string(*p.mr);
    return out;
}

std::optional<Outcome> outcome_of(const store::Job& job, bool retry)
{
    switch (job.state) {
    case store::JobState::sent: {
        std::string text = std::string(retry ? "already sent" : "sent") + " to " + job.number + " via " + job.modem +
                           " (" + std::to_string(job.parts.size()) + (job.parts.size() == 1 ? " part" : " parts") +
                           ", mr " + mr_list(job) + ")";
        return Outcome::sent(text, job.id, retry);
    }
    // The state decides the class; the code the modem gave says why.
    case store::JobState::failed:
        return Outcome::refused(job.dsn.value_or(StatusCode("5.3.0")).as(VerdictClass::permanent), job.reason, job.id);
    case store::JobState::deferred:
        return Outcome::refused(job.dsn.value_or(StatusCode("4.3.0")).as(VerdictClass::temporary), job.reason, job.id);
    case store::JobState::queued:
    case store::JobState::sending:
        break;
    }
    return std::nullopt;
}

SubmitDecision submit_job(store::Store& store, Router& router, const config::WorkerConfig& config,
                          const proto::SubmitRequest& r, store::Seconds now)
{
    store::JobKey key{r.queue_id, r.recipient, r.mail_key};
    auto existing = store.job_by_key(key);
    if (!existing)
        return {refused("4.3.0", "database: " + existing.error().what()), 0};
    if (auto& job = existing.value()) {
        if (job->state == store::JobState::deferred) {
            if (!router.any_can_send())
                return {refused("4.4.0", "no GSM modem is registered to a network"), job->id};
            // What is left to send must fit: on the modem that sent the
            // first parts when some went out, else on any modem.
            int parts = unsent_parts(*job);
            bool pinned = !job->modem.empty() && parts < static_cast<int>(job->parts.size());
            if (pinned) {
                if (auto limit = router.limit(job->modem, parts); !limit.free())
                    return {refused("4.7.0", pinned_modem_held_text(limit.held)), job->id};
            } else if (auto held = router.held_everywhere(parts)) {
                return {every_modem_held(*held), job->id};
            }
            if (auto ok = store.requeue_deferred(job->id, now); !ok)
                return {refused("4.3.0", "database: " + ok.error().what()), job->id};
            router.notify_work(r.number);
            return {std::nullopt, job->id};
        }
        return {outcome_of(*job, true), job->id};
    }

    auto destination = sms::parse_address(r.number);
    if (!destination || !destination->international())
        return {refused("5.1.3", "'" + r.number + "' is not an international phone number"), 0};
    if (r.text.empty())
        return {refused("5.6.0", "the message has no text"), 0};
    if (!mail::is_valid_utf8(r.text))
        return {refused("5.6.0", "the message text is not valid UTF-8"), 0};
    if (!router.any_can_send())
        return {refused("4.4.0", "no GSM modem is registered to a network"), 0};

    sms::SubmitOptions options;
    options.text = config::text_options(config.sms);
    options.status_report = config.status_reports;
    if (config.validity_minutes > 0)
        options.validity_minutes = config.validity_minutes;
    auto reference = next_reference();
    auto parts = sms::encode_submit(*destination, sms::plan_text(r.text, options.text), options, reference);
    if (!parts)
        return {refused("5.6.0", parts.error().what()), 0};
    // Every modem at its limit or quiet: Postfix keeps the mail and
    // tries again later; nothing is queued here.
    if (auto held = router.held_everywhere(static_cast<int>(parts->size())))
        return {every_modem_held(*held), 0};
    std::vector<std::pair<std::string, int>> rows;
    for (const auto& p : *parts)
        rows.emplace_back(p.tpdu_hex(), static_cast<int>(p.tpdu_length));

    store::NewJob job{key, r.number, r.sender, r.from_name, r.to_name, r.notify, r.text, "", r.language, r.message_id};
    auto submitted = store.submit(job, rows, reference, now);
    if (!submitted)
        return {refused("4.3.0", "database: " + submitted.error().what()), 0};
    router.notify_work(r.number);
    return {std::nullopt, submitted->job.id};
}

std::string delivery_log_line(const store::Job& job, const Outcome& outcome)
{
    const char* status = outcome.verdict.temporary()   ? "deferred"
                         : outcome.verdict.permanent() ? "bounced"
                                                       : "sent";
    return job.key.queue_id + ": to=<" + job.key.recipient + ">, relay=smsgate" +
           (job.modem.empty() ? "" : "[" + job.modem + "]") + ", status=" + status + " (" + outcome.verdict.code.str() + " " +
           outcome.verdict.text + ")";
}

std::string refusal_log_line(const std::string& queue_id, const std::string& recipient, const Verdict& verdict)
{
    return queue_id + ": to=<" + recipient + ">, relay=smsgate, status=" + (verdict.permanent() ? "bounced" : "deferred") +
           " (" + verdict.code.str() + " " + verdict.text + ")";
}

} // namespace smsgate::worker
