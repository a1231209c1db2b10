// modem_jobs.cpp - the jobs one modem sends: claim, commit each part before
// its AT+CMGS and its MR after, retry a temporary failure with a doubling
// delay (other jobs go on meanwhile), fail the job at once on a permanent
// +CMS ERROR of the message, and move a job a modem could not send to
// another modem.
#include "log/log.hpp"
#include "sms/cmgs_pdu.hpp"
#include "worker/modem_agent.hpp"
#include "worker/submission.hpp"

#include <algorithm>
#include <chrono>

namespace smsgate::worker {

namespace {

// How many jobs a modem looks at per round: enough to skip the ones another
// modem suits better, few enough to keep the round short.
constexpr int jobs_per_round = 16;

// No part of the job went out: it may move to another modem.
bool nothing_sent(const store::Job& job)
{
    return std::none_of(job.parts.begin(), job.parts.end(), [](const store::Part& p) { return p.mr.has_value(); });
}

std::string part_name(const store::Part& part) { return "part " + std::to_string(part.seq); }

} // namespace

std::optional<ModemAgent::Claimed> ModemAgent::claim_next()
{
    // A job of the round that another modem claimed first sends the round
    // back to the database: with many modems free at once, a whole round
    // may go to others while later jobs wait.
    constexpr int max_rounds = 64;
    for (int round = 0; round < max_rounds; ++round) {
        auto jobs = store_->runnable_jobs(config_.name, now(), jobs_per_round);
        if (!jobs) {
            log::error(config_.name + ": database: " + jobs.error().what());
            return std::nullopt;
        }
        bool lost = false;
        for (auto& job : *jobs) {
            // A job pinned here (a part already went out) stays; others go
            // to the modem the router prefers for the number, and one whose
            // send failed here to another modem if one is up. The modem
            // preferred is woken: a job left here is never left to wait.
            // A modem held by its send limits takes nothing the message's
            // parts would carry over them; a job pinned here waits for it.
            if (job.modem.empty()) {
                auto chosen = router_.choose(job.number, job.id, config_.name, unsent_parts(job));
                if (chosen != config_.name) {
                    if (chosen)
                        router_.wake(*chosen);
                    continue;
                }
            } else if (held_here(job)) {
                continue;
            }
            auto claimed = store_->claim_job(job.id, config_.name, now());
            if (claimed && *claimed)
                return Claimed{std::move(job), jobs->size() > 1};
            lost = lost || (claimed && !*claimed);
        }
        if (!lost)
            break;
    }
    return std::nullopt;
}

bool ModemAgent::work(modem::Sender& sender)
{
    auto job = claim_next();
    if (!job)
        return false;
    status([](auto& s) { ++s.busy; });
    // A hint for the driver: more jobs wait, so the sends run as a burst.
    sender.jobs_waiting(job->others_waiting);
    send_job(sender, std::move(job->job));
    count_sent();
    status([](auto& s) { --s.busy; });
    return true;
}

void ModemAgent::requeue(const store::Job& job)
{
    recorded(store_->requeue_job(job.id, false, now() + worker_.retry_seconds, now()), "requeue");
}

void ModemAgent::defer(const store::Job& job, StatusCode dsn, const std::string& what)
{
    auto delay = static_cast<store::Seconds>(worker_.retry_seconds) << std::min(job.attempts, 10);
    auto state =
        store_->defer_job(job.id, worker_.max_attempts, now() + delay, dsn, "modem " + config_.name + " says " + what, now());
    if (!recorded(state, "deferral"))
        return;
    if (*state == store::JobState::deferred)
        router_.done(job.id);
    else
        router_.failed_on(job.id, config_.name);
    if (nothing_sent(job) && *state == store::JobState::queued)
        recorded(store_->requeue_job(job.id, true, now() + delay, now()), "requeue");
    log::info(job.key.queue_id + ": " + config_.name + ": " + what + ", temporary; " +
              (*state == store::JobState::deferred ? "given back to Postfix" : "retry in " + std::to_string(delay) + " s"));
    if (*state == store::JobState::deferred)
        hooks_.job_changed(job.id);
}

void ModemAgent::requeue_orphans()
{
    // This thread is the only one that sends the jobs pinned to its modem,
    // and it sends them to the end: one still "sending" here was left by a
    // commit that failed. It goes back to the queue.
    auto open = store_->open_jobs();
    if (!open)
        return;
    for (const auto& job : *open)
        if (job.state == store::JobState::sending && job.modem == config_.name)
            requeue(job);
}

void ModemAgent::send_job(modem::Sender& sender, store::Job job)
{
    for (auto& part : job.parts) {
        if (part.state == store::PartState::sent)
            continue;
        if (part.in_doubt()) {
            auto settled = settle_doubt(job, part);
            if (settled == Settled::sent)
                continue;
            if (settled != Settled::resend)
                return;
        }
        if (send_part(sender, job, part) == Step::stop)
            return;
    }
    finish_sent(job);
}

ModemAgent::Step ModemAgent::send_part(modem::Sender& sender, const store::Job& job, store::Part& part)
{
    // Committed before the modem is asked: after a crash the record shows
    // the part may have gone out.
    if (!recorded(store_->mark_part_sending(part.id, config_.name, now()), "part sending")) {
        requeue(job);
        return Step::stop;
    }
    auto started = std::chrono::steady_clock::now();
    auto r = sender.send(sms::cmgs_pdu_hex({config_.smsc, worker_.smsc}, part.tpdu_hex), part.tpdu_length,
                         &part != &job.parts.back());
    switch (r.kind) {
    case modem::SendResult::Kind::sent:
        router_.sent_in(config_.name, std::chrono::steady_clock::now() - started);
        return sent(part, r.mr);
    case modem::SendResult::Kind::unconfirmed:
        // OK without a readable +CMGS: whether it went out is not known;
        // like an interrupted send, it is tried again later.
        log::warning(job.key.queue_id + ": " + config_.name + ": " + part_name(part) +
                     ": no +CMGS in the answer; in doubt");
        requeue(job);
        return Step::stop;
    case modem::SendResult::Kind::interrupted:
        interrupted(job, part, r);
        return Step::stop;
    case modem::SendResult::Kind::cms_error:
    case modem::SendResult::Kind::refused:
        refused(job, part, r);
        return Step::stop;
    }
    return Step::stop;
}

ModemAgent::Step ModemAgent::sent(store::Part& part, int mr)
{
    if (!recorded(store_->mark_part_sent(part.id, mr, config_.name, now()), "part sent, mr " + std::to_string(mr))) {
        // The job stays in state sending; requeued, the part is in doubt,
        // and this MR settles it without a second send.
        unrecorded_mr_[part.id] = mr;
        return Step::stop;
    }
    part.mr = mr;
    router_.part_sent(config_.name);
    status([](auto& s) { ++s.sent; });
    return Step::next;
}

void ModemAgent::interrupted(const store::Job& job, const store::Part& part, const modem::SendResult& r)
{
    // Once the modem had the PDU, whether it went out is unknown: the part
    // is in doubt, and stays with this modem, where its status report will
    // come. Before, it was not sent; with no part out yet, another modem may
    // take the job meanwhile. A stop (the worker ends during a long AT+CMGS)
    // is handled so too, and is no fault of the modem.
    bool doubt = r.pdu_written;
    if (!doubt && !r.stopped)
        router_.failed_on(job.id, config_.name);
    log::warning(job.key.queue_id + ": " + config_.name + ": " + part_name(part) + ": " + r.error +
                 (doubt ? "; in doubt" : "; not sent, will retry"));
    recorded(store_->requeue_job(job.id, !doubt && nothing_sent(job), now() + worker_.retry_seconds, now(), doubt),
             "requeue");
    recorded(store_->add_event(job.id, "interrupted " + part_name(part) + ": " + r.error, now()), "event");
}

void ModemAgent::refused(const store::Job& job, const store::Part& part, const modem::SendResult& r)
{
    if (!r.cms) {
        // ERROR, +CME ERROR and the like: the modem refused; try again later.
        defer(job, "4.3.0", "AT+CMGS refused: " + at::describe_final_result(r.final));
        return;
    }
    const auto& cms = *r.cms;
    std::string reason = "+CMS ERROR: " + std::to_string(cms.code) + " (" + std::string(cms.text) + ")";
    // A permanent error of the modem or its SIM (no subscription) is not
    // the message's fault: another modem may send it. A permanent fault of
    // the modem is temporary for the message.
    if (!cms.permanent() || cms.modem_fault) {
        defer(job, cms.permanent() ? StatusCode("4.3.0") : cms.status, reason);
        return;
    }
    recorded(store_->mark_part_failed(part.id, now()), "part failed");
    recorded(store_->finish_job(job.id, store::JobState::failed, cms.status, "modem " + config_.name + " says " + reason,
                                now()),
             "job failed");
    status([](auto& s) { ++s.failed; });
    router_.done(job.id);
    log::info(job.key.queue_id + ": " + config_.name + ": " + part_name(part) + " failed: " + reason);
    hooks_.job_changed(job.id);
}

void ModemAgent::finish_sent(const store::Job& job)
{
    if (!recorded(store_->finish_job(job.id, store::JobState::sent, "2.0.0",
                                     "sent to " + job.number + " via " + config_.name + " (mr " + mr_list(job) + ")",
                                     now()),
                  "job sent"))
        return;
    router_.done(job.id);
    if (hooks_.sent_after)
        hooks_.sent_after(now() - job.created);
    log::info(job.key.queue_id + ": " + config_.name + ": sent to " + job.number + ", mr " + mr_list(job));
    hooks_.job_changed(job.id);
}

} // namespace smsgate::worker
