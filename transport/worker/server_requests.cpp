// server_requests.cpp - the requests the worker's socket answers: submit,
// status and history, and the answers to clients waiting for a job.
#include "checks/checks.hpp"
#include "log/log.hpp"
#include "worker/mail_writer.hpp"
#include "worker/server.hpp"
#include "worker/snapshot.hpp"
#include "worker/submission.hpp"

#include <algorithm>
#include <exception>
#include <ctime>
#include <variant>

namespace smsgate::worker {

void Server::handle_submit(Client& c, const proto::Message& request)
{
    auto r = proto::submit_from(request);
    if (!r) {
        reply(c, proto::error_reply("5.5.2", r.error().what()));
        return;
    }
    // A test send names who sent it: it passed no senders table.
    submit(c, *r, request.value_or("request", "") == "send");
}

void Server::handle_deliver(Client& c, const proto::Message& request)
{
    auto d = proto::deliver_from(request);
    if (!d) {
        reply(c, proto::error_reply("5.5.2", d.error().what()));
        return;
    }
    // The mail is a stranger's: whatever its parsing throws ends this
    // delivery (deferred, as the transport deferred it when it parsed the
    // mail itself), never the worker and its modems.
    std::variant<Verdict, proto::SubmitRequest> taken = checks::internal("the mail could not be checked");
    try {
        taken = intake_.take(*d, static_cast<std::int64_t>(std::time(nullptr)));
    } catch (const std::exception& e) {
        log::error(d->envelope.queue_id + ": to=<" + d->envelope.recipient + ">: the mail could not be checked: " +
                   e.what());
    }
    if (auto* refused = std::get_if<Verdict>(&taken)) {
        log::info(refusal_log_line(d->envelope.queue_id, d->envelope.recipient, *refused));
        reply(c, proto::to_message(proto::Outcome::refused(refused->code, refused->text)));
        return;
    }
    submit(c, std::get<proto::SubmitRequest>(taken), false);
}

void Server::submit(Client& c, const proto::SubmitRequest& r, bool send)
{
    auto decision = submit_job(store_, router_, config_, r, store::clock_now());
    if (decision.answer) {
        auto job = decision.job ? store_.job(decision.job) : Result<std::optional<store::Job>>(std::nullopt);
        if (job.ok() && job.value())
            log::info(delivery_log_line(**job, *decision.answer));
        else
            log::info(refusal_log_line(r.queue_id, r.recipient, decision.answer->verdict));
        reply(c, proto::to_message(*decision.answer));
        return;
    }
    c.waiting_for = decision.job;
    c.retry = false;
    log::info(r.queue_id + ": to=<" + r.recipient + ">, number=" + r.number + ", job=" +
              std::to_string(decision.job) + ", queued" + (send ? ", sent by " + describe(c.peer) : ""));
    // The job may have finished between the commit and now.
    settle(decision.job, false);
}

void Server::answer_waiters()
{
    std::vector<store::Id> changed;
    {
        std::lock_guard lock(changed_mutex_);
        changed.swap(changed_);
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    for (store::Id id : changed)
        settle(id, true);
}

void Server::settle(store::Id id, bool transition)
{
    auto job = store_.job(id);
    if (!job || !job.value())
        return;
    auto outcome = outcome_of(**job, false);
    if (!outcome)
        return;
    // The outcome is logged whether or not a client still waits for it
    // (a transport that gave up comes back and is answered from the record).
    if (transition)
        log::info(delivery_log_line(**job, *outcome));
    bool answered = false;
    for (auto& c : clients_) {
        if (c->waiting_for != id || c->closing)
            continue;
        c->waiting_for = 0;
        restart_timer(*c); // now to read the answer
        reply(*c, proto::to_message(*outcome));
        answered = true;
    }
    if (!transition) {
        if (answered)
            told_early_.insert(id);
        return;
    }
    answered = told_early_.erase(id) > 0 || answered;
    auto state = (*job)->state;
    if (on_outcome_ && (state == store::JobState::sent || state == store::JobState::failed))
        on_outcome_({id, answered, (*job)->key.queue_id});
}

namespace {

// The send limits of one modem in a status: its counts, its limits, and
// whether (and until when) they hold it.
void set_limits(proto::Message& m, const std::string& k, const ModemStatus& s)
{
    m.set(k + "sent_hour", static_cast<long long>(s.limit.sent_hour))
        .set(k + "sent_day", static_cast<long long>(s.limit.sent_day))
        .set(k + "max_per_hour", static_cast<long long>(s.limits.max_per_hour))
        .set(k + "max_per_day", static_cast<long long>(s.limits.max_per_day))
        .set(k + "quiet_hours", s.limits.quiet ? s.limits.quiet->str() : "");
    if (!s.limit.free())
        m.set(k + "held", held_name(s.limit.held)).set(k + "held_until", static_cast<long long>(s.limit.until));
}

} // namespace

void Server::handle_status(Client& c)
{
    auto snap = take_snapshot(router_, store_, store::clock_now());
    proto::Message m;
    m.set("status", "ok");
    m.set("modems", static_cast<long long>(snap.modems.size()));
    for (std::size_t i = 0; i < snap.modems.size(); ++i) {
        const auto& one = snap.modems[i];
        const auto& s = one.status;
        auto k = "modem" + std::to_string(i) + ".";
        auto count = [&](std::int64_t store::Counters::*field) -> long long {
            return one.counters ? (*one.counters).*field : -1;
        };
        m.set(k + "name", s.name)
            .set(k + "link", s.link)
            .set(k + "registered", s.registered ? "yes" : "no")
            .set(k + "registration", s.registration)
            .set(k + "operator", s.operator_name)
            .set(k + "signal_dbm", s.signal_dbm ? std::to_string(*s.signal_dbm) : "")
            .set(k + "model", s.model)
            .set(k + "storage_used", static_cast<long long>(s.storage_used))
            .set(k + "storage_slots", static_cast<long long>(s.storage_slots))
            .set(k + "queue", static_cast<long long>(one.queue))
            .set(k + "sent", count(&store::Counters::sent))
            .set(k + "failed", count(&store::Counters::failed))
            .set(k + "received", count(&store::Counters::received))
            .set(k + "in_doubt", count(&store::Counters::in_doubt))
            .set(k + "doubt_resends", count(&store::Counters::doubt_resends))
            .set(k + "last_error", s.last_error);
        set_limits(m, k, s);
    }
    m.set("queued", static_cast<long long>(snap.queued));
    m.set("mails", static_cast<long long>(snap.mails));
    if (snap.oldest_mail)
        m.set("oldest_mail_age", static_cast<long long>(snap.taken - *snap.oldest_mail));
    reply(c, m);
}

void Server::handle_events(Client& c, store::Id id)
{
    auto job = store_.job(id);
    auto events = store_.events(id);
    if (!job || !events) {
        reply(c, proto::error_reply("4.3.0", (!job ? job.error() : events.error()).what()));
        return;
    }
    if (!job.value()) {
        reply(c, proto::error_reply("5.5.4", "no job " + std::to_string(id)));
        return;
    }
    const auto& j = **job;
    proto::Message m;
    m.set("status", "ok")
        .set("job.id", j.id)
        .set("job.queue_id", j.key.queue_id)
        .set("job.recipient", j.key.recipient)
        .set("job.mail_key", j.key.mail_key)
        .set("job.message_id", j.message_id)
        .set("job.number", j.number)
        .set("job.sender", j.sender)
        .set("job.state", std::string(store::job_state_name(j.state)))
        .set("job.dsn", j.dsn ? j.dsn->str() : "")
        .set("job.reason", j.reason)
        .set("events", static_cast<long long>(events->size()));
    for (std::size_t i = 0; i < events->size(); ++i) {
        auto k = "event" + std::to_string(i) + ".";
        m.set(k + "time", (*events)[i].time).set(k + "what", (*events)[i].what);
    }
    // What the sender was told: each report decided, and the mail it made
    // (its key is "job:ID:KIND"), with how far sendmail got with it.
    auto reports = store_.job_reports(id);
    auto mails = store_.job_mails(id);
    if (reports && mails) {
        m.set("reports", static_cast<long long>(reports->size()));
        for (std::size_t i = 0; i < reports->size(); ++i) {
            const auto& r = (*reports)[i];
            auto k = "report" + std::to_string(i) + ".";
            m.set(k + "kind", std::string(checks::report_word(r.kind))).set(k + "detail", r.detail).set(k + "time", r.time);
            auto key = report_mail_key(id, r.kind);
            for (const auto& mail : *mails) {
                if (mail.key != key)
                    continue;
                m.set(k + "mail.recipient", mail.recipient)
                    .set(k + "mail.state", mail.state == store::MailState::sent ? "sent" : "queued")
                    .set(k + "mail.attempts", static_cast<long long>(mail.attempts))
                    .set(k + "mail.last_error", mail.last_error)
                    .set(k + "mail.sent_at", mail.sent_at);
            }
        }
    }
    reply(c, m);
}

void Server::handle_history(Client& c, const proto::Message& request)
{
    if (auto id = request.number("job")) {
        handle_events(c, *id);
        return;
    }
    auto limit = request.number("limit").value_or(20);
    auto jobs = store_.recent_jobs(static_cast<int>(std::clamp<long long>(limit, 1, 1000)));
    if (!jobs) {
        reply(c, proto::error_reply("4.3.0", jobs.error().what()));
        return;
    }
    proto::Message m;
    m.set("status", "ok").set("jobs", static_cast<long long>(jobs->size()));
    for (std::size_t i = 0; i < jobs->size(); ++i) {
        const auto& j = (*jobs)[i];
        auto k = "job" + std::to_string(i) + ".";
        m.set(k + "id", j.id)
            .set(k + "queue_id", j.key.queue_id)
            .set(k + "number", j.number)
            .set(k + "state", std::string(store::job_state_name(j.state)))
            .set(k + "modem", j.modem)
            .set(k + "dsn", j.dsn ? j.dsn->str() : "")
            .set(k + "reason", j.reason)
            .set(k + "updated", j.updated);
    }
    reply(c, m);
}

} // namespace smsgate::worker
