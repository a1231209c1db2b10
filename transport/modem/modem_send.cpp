// modem_send.cpp - sending jobs: claim, AT+CMGS per part, commit each MR,
// classify +CMS ERROR as temporary (retry with backoff, other jobs go on) or
// permanent (the job fails at once).
#include "at/parse_sms.hpp"
#include "log/log.hpp"
#include "modem/modem.hpp"
#include "sms/cmgs_pdu.hpp"
#include "sms/cms_error.hpp"
#include "sms/hex.hpp"
#include "sms/pdu_fields.hpp"
#include "sms/submit.hpp"
#include "worker/submission.hpp"

#include <algorithm>

namespace smsgate::modem {

namespace {

// How many jobs a modem looks at per round: enough to skip the ones another
// modem suits better, few enough to keep the round short.
constexpr int jobs_per_round = 16;

// No part of the job went out: it may move to another modem.
bool nothing_sent(const store::Job& job)
{
    return std::none_of(job.parts.begin(), job.parts.end(), [](const store::Part& p) { return p.mr.has_value(); });
}

} // namespace

bool Modem::send_work(Channel& ch)
{
    bool can_send = false;
    status([&](auto& s) { can_send = s.can_send(); });
    if (!can_send)
        return false;
    auto jobs = store_->runnable_jobs(config_.name, now(), jobs_per_round);
    if (!jobs) {
        log::error(config_.name + ": database: " + jobs.error().what());
        return false;
    }
    for (auto& job : *jobs) {
        // A job pinned here (a part already went out) stays; others go to
        // the modem the router prefers for the number, and one whose send
        // failed here to another modem if one is up.
        if (job.modem.empty() && router_.choose(job.number, job.id) != config_.name)
            continue;
        auto claimed = store_->claim_job(job.id, config_.name, now());
        if (!claimed || !*claimed)
            continue;
        status([](auto& s) { ++s.busy; });
        send_job(ch, std::move(job));
        status([](auto& s) { --s.busy; });
        return true;
    }
    return false;
}

void Modem::defer(const store::Job& job, StatusCode dsn, const std::string& what)
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

void Modem::requeue_orphans()
{
    // This thread is the only one that sends the jobs pinned to its modem,
    // and it sends them to the end: one still "sending" here was left by a
    // commit that failed. It goes back to the queue.
    auto open = store_->open_jobs();
    if (!open)
        return;
    for (const auto& job : *open)
        if (job.state == store::JobState::sending && job.modem == config_.name)
            recorded(store_->requeue_job(job.id, false, now() + worker_.retry_seconds, now()), "requeue");
}

void Modem::send_job(Channel& ch, store::Job job)
{
    const auto& qid = job.key.queue_id;
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
        // Committed before the modem is asked: after a crash the record
        // shows the part may have gone out.
        if (!recorded(store_->mark_part_sending(part.id, config_.name, now()), "part sending")) {
            recorded(store_->requeue_job(job.id, false, now() + worker_.retry_seconds, now()), "requeue");
            return;
        }
        auto r = ch.run(at::Command::send, {std::to_string(part.tpdu_length)},
                        sms::cmgs_pdu_hex({config_.smsc, worker_.smsc}, part.tpdu_hex));
        if (r.failure) {
            // Once the modem had the PDU, whether it went out is unknown:
            // the part is in doubt, and stays with this modem, where its
            // status report will come. Before, it was not sent; with no part
            // out yet, another modem may take the job meanwhile.
            // A stop (the worker ends during a long AT+CMGS) is handled so
            // too, and is no fault of the modem.
            bool doubt = r.pdu_written;
            if (!doubt && r.failure != ChannelFailure::stopped)
                router_.failed_on(job.id, config_.name);
            log::warning(qid + ": " + config_.name + ": part " + std::to_string(part.seq) + ": " + r.error +
                         (doubt ? "; in doubt" : "; not sent, will retry"));
            recorded(store_->requeue_job(job.id, !doubt && nothing_sent(job), now() + worker_.retry_seconds, now(),
                                         doubt),
                     "requeue");
            recorded(store_->add_event(job.id, "interrupted part " + std::to_string(part.seq) + ": " + r.error, now()),
                     "event");
            return;
        }
        if (r.ok()) {
            const auto* line = r.outcome->find("+CMGS:");
            auto reply = line ? at::parse_cmgs(line->line) : Result<at::SubmitReply>(make_error("+CMGS", "missing"));
            if (!reply) {
                // OK without a readable +CMGS: whether it went out is not
                // known; like an interrupted send, it is tried again later.
                log::warning(qid + ": " + config_.name + ": part " + std::to_string(part.seq) +
                             ": no +CMGS in the answer; in doubt");
                recorded(store_->requeue_job(job.id, false, now() + worker_.retry_seconds, now()), "requeue");
                return;
            }
            int mr = reply->mr;
            if (!recorded(store_->mark_part_sent(part.id, mr, config_.name, now()), "part sent, mr " + std::to_string(mr))) {
                // The job stays in state sending; requeued, the part is in
                // doubt, and this MR settles it without a second send.
                unrecorded_mr_[part.id] = mr;
                return;
            }
            part.mr = mr;
            status([](auto& s) { ++s.sent; });
            continue;
        }
        const auto& final = r.outcome->final;
        if (final.kind == at::FinalKind::cms_error) {
            auto cms = sms::describe_cms_error(final.code);
            std::string reason = "+CMS ERROR: " + std::to_string(final.code) + " (" + std::string(cms.text) + ")";
            // A permanent error of the modem or its SIM (no subscription)
            // is not the message's fault: another modem may send it.
            if (cms.permanent() && !cms.modem_fault) {
                recorded(store_->mark_part_failed(part.id, now()), "part failed");
                recorded(store_->finish_job(job.id, store::JobState::failed, cms.status,
                                            "modem " + config_.name + " says " + reason, now()),
                         "job failed");
                status([](auto& s) { ++s.failed; });
                router_.done(job.id);
                log::info(qid + ": " + config_.name + ": part " + std::to_string(part.seq) + " failed: " + reason);
                hooks_.job_changed(job.id);
                return;
            }
            // A permanent fault of the modem is temporary for the message.
            defer(job, cms.permanent() ? StatusCode("4.3.0") : cms.status, reason);
            return;
        }
        // ERROR, +CME ERROR and the like: the modem refused; try again later.
        defer(job, "4.3.0", "AT+CMGS refused: " + at::describe_final_result(final));
        return;
    }
    if (!recorded(store_->finish_job(job.id, store::JobState::sent, "2.0.0",
                                     "sent to " + job.number + " via " + config_.name + " (mr " + worker::mr_list(job) + ")",
                                     now()),
                  "job sent"))
        return;
    router_.done(job.id);
    log::info(qid + ": " + config_.name + ": sent to " + job.number + ", mr " + worker::mr_list(job));
    hooks_.job_changed(job.id);
}

} // namespace smsgate::modem
