// mail_sink.cpp - which mails a status report, a job's outcome or an
// incoming SMS produce, queued once each.
#include "worker/mail_sink.hpp"

#include "log/log.hpp"
#include "sms/tp_status.hpp"
#include "worker/routing.hpp"
#include "worker/submission.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

namespace smsgate::worker {

namespace {

bool every_part_delivered(const store::Job& job)
{
    if (job.parts.empty())
        return false;
    for (const auto& p : job.parts) {
        if (!p.report_status)
            return false;
        auto st = sms::describe_tp_status(static_cast<std::uint8_t>(*p.report_status));
        if (st.status_class != sms::StatusClass::delivered)
            return false;
    }
    return true;
}

// The first part whose status report says it failed for good.
std::optional<store::Part> failed_part(const store::Job& job)
{
    for (const auto& p : job.parts) {
        if (!p.report_status)
            continue;
        auto st = sms::describe_tp_status(static_cast<std::uint8_t>(*p.report_status));
        if (st.status_class == sms::StatusClass::failed || st.status_class == sms::StatusClass::failed_gave_up)
            return p;
    }
    return std::nullopt;
}

store::Seconds last_sent(const store::Job& job)
{
    store::Seconds t = 0;
    for (const auto& p : job.parts)
        t = std::max(t, p.sent_at);
    return t;
}

// "10 seconds", "5 minutes", "25 hours"
std::string duration_words(long seconds)
{
    if (seconds < 120)
        return std::to_string(seconds) + " seconds";
    if (seconds < 2 * 3600)
        return std::to_string(seconds / 60) + " minutes";
    return std::to_string(seconds / 3600) + " hours";
}

std::string unique_suffix(unsigned serial)
{
    static const unsigned seed = std::random_device{}();
    char buf[24];
    std::snprintf(buf, sizeof buf, "%08x%u", seed, serial);
    return buf;
}

} // namespace

MailSink::MailSink(const config::WorkerConfig& config, std::unique_ptr<store::Store> store, config::NumberMap map,
                   std::function<void()> wake)
    : config_(config), store_(std::move(store)), map_(std::move(map)), wake_(std::move(wake))
{
}

Status MailSink::decide(const store::Job& job, const ReportFacts& facts, const std::string& detail,
                       store::Seconds now, std::string_view quiet_because)
{
    const auto& qid = job.key.queue_id;
    const std::string kind(checks::report_word(facts.kind));
    std::optional<store::OutMail> mail;
    // The transport made notify "none" for an automatic mail; the sender is
    // checked here again so that no bounce is ever answered.
    if (quiet_because.empty() && checks::wants_report(job.notify, facts.kind, job.sender, "")) {
        auto written = write_report(config_.mail, job, facts, now, unique_suffix(++serial_));
        if (written)
            mail = std::move(written).value();
        else
            log::error(qid + ": cannot write the " + kind + " report to <" + log::printable(job.sender, 80) +
                       ">: " + written.error().what());
    }
    auto recorded = store_->record_report(job.id, facts.kind, detail, mail, now);
    if (!recorded) {
        log::error(qid + ": recording the " + kind + " report: " + recorded.error().what());
        return recorded.error();
    }
    if (!*recorded)
        return Done{}; // decided before
    if (mail) {
        log::info(qid + ": " + kind + " report to <" + job.sender + ">, queued as " + mail->key);
        if (wake_)
            wake_();
    } else if (!quiet_because.empty()) {
        log::info(qid + ": " + kind + " (" + detail + "): recorded without a mail: " + std::string(quiet_because));
    } else {
        log::info(qid + ": " + kind + " (" + detail + "): no report for level " +
                  std::string(policy::notify_level_word(job.notify)) +
                  (job.sender.empty() ? " and a null sender" : ""));
    }
    return Done{};
}

Status MailSink::report(const StatusReport& r)
{
    auto st = sms::describe_tp_status(static_cast<std::uint8_t>(r.status));
    if (!r.part) {
        log::info(report_line(r) + " (matches no SMS sent)");
        return Done{};
    }
    std::lock_guard lock(mutex_);
    auto job = store_->job(r.part->job);
    if (!job)
        return job.error();
    if (!*job)
        return Done{}; // the job was removed since
    const auto& j = **job;
    log::info(j.key.queue_id + ": " + report_line(r) + " of " + std::to_string(j.parts.size()));
    // What it decides is recorded before the modem may delete the report; a
    // report given again after a failure finds its part remembered, and
    // decides the same.
    auto now = store::clock_now();
    std::string detail = "part " + std::to_string(r.part->seq) + " st=" + std::to_string(r.status);
    // A part of a job that then failed at +CMGS: Postfix's bounce has the word.
    std::string_view quiet = j.state == store::JobState::failed ? "the SMS failed, Postfix bounces it" : "";
    switch (st.status_class) {
    case sms::StatusClass::delivered:
        if (every_part_delivered(j))
            return decide(j, tp_status_facts(checks::Report::handset, r.status), "st=" + std::to_string(r.status),
                          now, quiet);
        return Done{};
    case sms::StatusClass::pending:
        return decide(j, tp_status_facts(checks::Report::trying, r.status), detail, now, quiet);
    case sms::StatusClass::failed:
    case sms::StatusClass::failed_gave_up:
        return decide(j, tp_status_facts(checks::Report::failed, r.status), detail, now, quiet);
    }
    return Done{};
}

Result<bool> MailSink::final_decided(store::Id job)
{
    auto reports = store_->job_reports(job);
    if (!reports)
        return reports.error();
    return std::any_of(reports->begin(), reports->end(),
                       [](const store::ReportRecord& r) {
                           return r.kind == checks::Report::handset || r.kind == checks::Report::failed;
                       });
}

void MailSink::outcome(const JobOutcome& o)
{
    std::lock_guard lock(mutex_);
    auto job = store_->job(o.job);
    if (!job || !*job)
        return;
    const auto& j = **job;
    auto now = store::clock_now();
    // A network report not recorded here (the database failed) is caught
    // up by the next sweep.
    if (j.state == store::JobState::sent) {
        // A status report may have come first: it said more.
        auto later = final_decided(j.id);
        (void)decide(j, network_facts(j), "mr " + mr_list(j), now, later && *later ? "a later report said more" : "");
    }
    // The Postfix mail of a failed job waits in Postfix's queue until its
    // transport is answered (now, or at Postfix's next try), and Postfix's
    // bounce tells the sender: a report from here would say it twice.
    else if (j.state == store::JobState::failed)
        (void)decide(j,
                     {checks::Report::failed, j.reason, j.dsn ? j.dsn->str() : "", j.dsn ? j.dsn->str() : "",
                      j.dsn ? j.dsn->as(VerdictClass::permanent) : StatusCode("5.0.0"), j.reason},
                     "dsn=" + (j.dsn ? j.dsn->str() : ""), now,
                     o.answered ? "Postfix bounces it" : "Postfix bounces it at its next try");
}

void MailSink::sweep(store::Seconds now, bool catch_up)
{
    std::lock_guard lock(mutex_);
    auto timeout = config_.mail.report_timeout;
    // Network reports not decided when the job was sent: the worker stopped
    // between the +CMGS and the report, or the database failed then. At
    // start every job of the last report_timeout; later only those a few
    // seconds old, so as not to race the server's own decision.
    auto missing = store_->jobs_without_network_report(now - timeout, catch_up ? now : now - 5, 200);
    if (!missing)
        log::error("network report sweep: " + missing.error().what());
    else
        for (const auto& j : *missing) {
            auto later = final_decided(j.id);
            if (!later)
                continue;
            (void)decide(j, network_facts(j), "mr " + mr_list(j), now, *later ? "a later report said more" : "");
        }

    auto due = store_->jobs_awaiting_reports(now - timeout, now - 2 * timeout, 200);
    if (!due) {
        log::error("expiry sweep: " + due.error().what());
        return;
    }
    for (const auto& j : *due) {
        // The parts' saved reports decide first: a report whose decision
        // could not be recorded when it came is not "expired".
        if (every_part_delivered(j)) {
            auto st = *j.parts.back().report_status;
            (void)decide(j, tp_status_facts(checks::Report::handset, st),
                         "st=" + std::to_string(st) + ", from the saved reports", now);
            continue;
        }
        if (auto failed = failed_part(j)) {
            (void)decide(j, tp_status_facts(checks::Report::failed, *failed->report_status),
                         "part " + std::to_string(failed->seq) + " st=" + std::to_string(*failed->report_status) +
                             ", from the saved reports",
                         now);
            continue;
        }
        if (!config_.status_reports) {
            // None were asked for: nothing will come, and nothing is late.
            (void)decide(j, {checks::Report::handset, "", "", "", "2.0.0", ""}, "no status reports requested", now,
                         "no status reports were requested");
            continue;
        }
        if (last_sent(j) < now - 2 * timeout) {
            // Long past (the worker was stopped, or the job predates
            // reports): recorded, but a report this late helps nobody.
            (void)decide(j, {checks::Report::failed, "", "", "", "5.4.7", ""}, "expired, not reported", now,
                         "too late to be of use");
            continue;
        }
        std::string why = "no status report within " + duration_words(timeout);
        (void)decide(j, {checks::Report::failed, why, "expired", "expired", "5.4.7", why}, "expired", now);
    }
}

Status MailSink::undecodable(const UndecodablePdu& pdu)
{
    // The PDU stays in the store's incoming table, where smsgatectl and
    // sqlite3(1) can read it; the default mailbox learns of it, so that an
    // SMS nobody could read is not one nobody saw.
    log::warning(pdu.modem + ": undecodable PDU kept in the database (incoming row " + std::to_string(pdu.row) +
                 "): " + pdu.why + ", pdu=" + pdu.pdu_hex);
    std::lock_guard lock(mutex_);
    auto now = store::clock_now();
    auto mail = write_undecodable(config_.mail, pdu, now, unique_suffix(++serial_));
    if (!mail) {
        log::error(pdu.modem + ": cannot write the mail about incoming row " + std::to_string(pdu.row) + ": " +
                   mail.error().what());
        return mail.error();
    }
    auto queued = store_->queue_mail(*mail);
    if (!queued) {
        log::error(pdu.modem + ": undecodable PDU stays on the modem: " + queued.error().what());
        return queued.error();
    }
    if (*queued) {
        log::info(pdu.modem + ": undecodable PDU to <" + mail->recipient + ">, queued as " + mail->key);
        if (wake_)
            wake_();
    }
    return Done{};
}

Result<bool> MailSink::queue_incoming(const ReceivedSms& sms, store::Seconds now)
{
    auto number = originator_number(sms.originator, sms.alphanumeric, config_.sms.default_region);
    std::optional<store::Job> conversation;
    std::string learned;
    if (!sms.alphanumeric) {
        auto last = store_->last_job_to(number, now - config_.mail.reply_window);
        if (!last)
            return last.error();
        conversation = std::move(last).value();
        auto name = store_->name_for_number(number);
        if (!name)
            return name.error();
        learned = *name;
    }
    auto route = choose_route(sms.originator, sms.alphanumeric, conversation, map_, config_.mail.default_mailbox);
    const auto& domain = config_.sms.domains.front();
    auto mail = write_incoming(config_.mail, domain, sms, number, learned, route, now, unique_suffix(++serial_));
    if (!mail && route.how != RouteReason::default_mailbox) {
        log::warning(sms.modem + ": SMS from " + log::printable(sms.originator, 40) + ": cannot write to <" +
                     log::printable(route.recipient, 80) + "> (" + mail.error().what() + "); to the default mailbox");
        route = choose_route(sms.originator, true, std::nullopt, config::NumberMap{}, config_.mail.default_mailbox);
        mail = write_incoming(config_.mail, domain, sms, number, learned, route, now, unique_suffix(++serial_));
    }
    if (!mail)
        return mail.error();
    // A long SMS's parts go with the mail they made, in one transaction:
    // after a crash there is either the mail or the parts, never both.
    auto queued = store_->queue_mail(*mail, sms.consumes);
    if (!queued)
        return queued.error();
    log::info(received_line(sms));
    if (!scts_dates_mail(sms, now) && (sms.scts_epoch > 0 || !sms.scts_unusable.empty()))
        log::warning(sms.modem + ": SMS from " + log::printable(sms.originator, 40) + ": SMSC time stamp " +
                     log::printable(sms.scts_unusable.empty() ? scts_iso(sms) : sms.scts_unusable, 40) +
                     (sms.scts_unusable.empty() ? " is more than a day ahead" : " names no moment that exists") +
                     "; the mail is dated when the SMS was received");
    log::info(sms.modem + ": SMS from " + log::printable(sms.originator, 40) + " to <" + route.recipient + "> by " +
              std::string(route_reason_word(route.how)) +
              (route.how == RouteReason::conversation ? " with " + conversation->key.queue_id : "") +
              (*queued ? ", queued as " + mail->key : ", already queued as " + mail->key));
    return *queued;
}

Status MailSink::sms(const ReceivedSms& sms)
{
    std::lock_guard lock(mutex_);
    auto queued = queue_incoming(sms, store::clock_now());
    if (!queued) {
        log::error(sms.modem + ": SMS from " + log::printable(sms.originator, 40) +
                   " stays on the modem: " + queued.error().what());
        return queued.error();
    }
    if (*queued && wake_)
        wake_();
    return Done{};
}

} // namespace smsgate::worker
