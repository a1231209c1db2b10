// mail_sink.cpp - which mails a status report, a job's outcome or an
// incoming SMS produce, queued once each.
#include "worker/mail_sink.hpp"

#include "log/log.hpp"
#include "sms/tp_status.hpp"
#include "worker/routing.hpp"
#include "worker/submission.hpp"

#include <cstdio>
#include <random>

namespace smsgate::worker {

namespace {

std::string hex_status(int st)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(st) & 0xFF);
    return buf;
}

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

MailSink::MailSink(const WorkerConfig& config, std::unique_ptr<store::Store> store, config::NumberMap map,
                   std::function<void()> wake)
    : config_(config), store_(std::move(store)), map_(std::move(map)), wake_(std::move(wake))
{
}

void MailSink::decide(const store::Job& job, const ReportFacts& facts, const std::string& detail, store::Seconds now)
{
    const auto& qid = job.key.queue_id;
    const std::string kind(report_kind_name(facts.kind));
    std::optional<store::OutMail> mail;
    // The transport made notify "none" for an automatic mail; the sender is
    // checked here again so that no bounce is ever answered.
    if (checks::wants_report(job.notify, facts.kind, job.sender, "")) {
        auto written = write_report(config_.mail, job, facts, now, unique_suffix(++serial_));
        if (written)
            mail = std::move(written).value();
        else
            log::error(qid + ": cannot write the " + kind + " report to <" + log::printable(job.sender, 80) +
                       ">: " + written.error().what());
    }
    auto recorded = store_->record_report(job.id, kind, detail, mail, now);
    if (!recorded) {
        log::error(qid + ": recording the " + kind + " report: " + recorded.error().what());
        return;
    }
    if (!*recorded)
        return; // decided before
    if (mail) {
        log::info(qid + ": " + kind + " report to <" + job.sender + ">, queued as " + mail->key);
        if (wake_)
            wake_();
    } else {
        log::info(qid + ": " + kind + " (" + detail + "): no report for level " +
                  (job.notify.empty() ? "failure" : job.notify) + (job.sender.empty() ? " and a null sender" : ""));
    }
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
    auto now = store::clock_now();
    std::string detail = "part " + std::to_string(r.part->seq) + " st=" + std::to_string(r.status);
    switch (st.status_class) {
    case sms::StatusClass::delivered:
        if (every_part_delivered(j))
            decide(j, {checks::Report::handset, "", "", std::to_string(r.status)}, "st=" + std::to_string(r.status),
                   now);
        break;
    case sms::StatusClass::pending:
        decide(j, {checks::Report::trying, std::string(st.text), "TP-ST " + hex_status(r.status), std::to_string(r.status)},
               detail, now);
        break;
    case sms::StatusClass::failed:
    case sms::StatusClass::failed_gave_up:
        decide(j, {checks::Report::failed, std::string(st.text), "TP-ST " + hex_status(r.status), std::to_string(r.status)},
               detail, now);
        break;
    }
    return Done{};
}

void MailSink::outcome(const JobOutcome& o)
{
    std::lock_guard lock(mutex_);
    auto job = store_->job(o.job);
    if (!job || !*job)
        return;
    const auto& j = **job;
    auto now = store::clock_now();
    if (j.state == store::JobState::sent)
        decide(j, {checks::Report::network, "", "", ""}, "mr " + mr_list(j), now);
    // A failure a waiting transport heard of comes back as Postfix's bounce;
    // one nobody waited for is told here, at once.
    else if (j.state == store::JobState::failed && !o.answered)
        decide(j, {checks::Report::failed, j.reason, j.dsn, j.dsn}, "dsn=" + j.dsn, now);
}

void MailSink::sweep(store::Seconds now, bool catch_up)
{
    std::lock_guard lock(mutex_);
    if (catch_up) {
        auto recent = store_->jobs_awaiting_reports(now + 1, now - 3600, 1000);
        if (recent)
            for (const auto& j : *recent)
                decide(j, {checks::Report::network, "", "", ""}, "mr " + mr_list(j), now);
    }
    auto timeout = config_.mail.report_timeout;
    auto due = store_->jobs_awaiting_reports(now - timeout, now - 2 * timeout, 200);
    if (!due) {
        log::error("expiry sweep: " + due.error().what());
        return;
    }
    for (const auto& j : *due) {
        if (!config_.status_reports) {
            // None were asked for: nothing will come, and nothing is late.
            decide(j, {checks::Report::handset, "", "", ""}, "no status reports requested", now);
            continue;
        }
        if (last_sent(j) < now - 2 * timeout) {
            // Long past (the worker was stopped, or the job predates
            // reports): recorded, but a report this late helps nobody.
            store::Job quiet = j;
            quiet.notify = "none";
            decide(quiet, {checks::Report::failed, "", "", ""}, "expired, not reported", now);
            continue;
        }
        decide(j, {checks::Report::failed, "no status report within " + duration_words(timeout), "expired", "expired"},
               "expired", now);
    }
}

Status MailSink::undecodable(const std::string& modem, const std::string& pdu_hex, const std::string& why)
{
    // The PDU stays in the store's incoming table, where smsgatectl and
    // sqlite3(1) can read it.
    log::warning(modem + ": undecodable PDU kept in the database: " + why + ", pdu=" + pdu_hex);
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
    if (!mail && route.how != "default mailbox") {
        log::warning(sms.modem + ": SMS from " + log::printable(sms.originator, 40) + ": cannot write to <" +
                     log::printable(route.recipient, 80) + "> (" + mail.error().what() + "); to the default mailbox");
        route = choose_route(sms.originator, true, std::nullopt, config::NumberMap{}, config_.mail.default_mailbox);
        mail = write_incoming(config_.mail, domain, sms, number, learned, route, now, unique_suffix(++serial_));
    }
    if (!mail)
        return mail.error();
    auto queued = store_->queue_mail(*mail);
    if (!queued)
        return queued.error();
    log::info(received_line(sms));
    log::info(sms.modem + ": SMS from " + log::printable(sms.originator, 40) + " to <" + route.recipient + "> by " +
              route.how + (route.how == "conversation" ? " with " + conversation->key.queue_id : "") +
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
