// outbox.cpp - the outbox thread's loop.
#include "worker/outbox.hpp"

#include "log/log.hpp"
#include "process/process.hpp"
#include "worker/sendmail.hpp"

#include <algorithm>

namespace smsgate::worker {

namespace {

constexpr store::Seconds prune_interval = 3600;
constexpr store::Seconds keep_sent = 30 * 24 * 3600;
constexpr store::Seconds max_retry = 3600;
// Mails asked of the store at once; a mail queued meanwhile ends the batch.
constexpr int batch = 50;
// From a transport's 4.4.7 to the mail in Postfix's deferred queue takes
// milliseconds; the nudge waits this long to be sure.
constexpr store::Seconds nudge_delay = 3;

} // namespace

Outbox::Outbox(const config::MailConfig& config, std::unique_ptr<store::Store> store,
               std::function<void(store::Seconds, bool)> sweep)
    : config_(config), store_(std::move(store)), sweep_(std::move(sweep))
{
}

void Outbox::stop()
{
    std::lock_guard lock(mutex_);
    stopping_ = true;
    cv_.notify_all();
}

void Outbox::wake()
{
    std::lock_guard lock(mutex_);
    woken_ = true;
    cv_.notify_all();
}

void Outbox::nudge(const std::string& queue_id)
{
    // Postfix queue ids are letters and digits; anything else is not one.
    if (config_.postqueue_argv.empty() || queue_id.empty() ||
        queue_id.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
            std::string::npos)
        return;
    std::lock_guard lock(mutex_);
    nudges_.push_back({queue_id, store::clock_now() + nudge_delay});
    woken_ = true;
    cv_.notify_all();
}

store::Seconds Outbox::run_nudges(store::Seconds now)
{
    std::vector<std::string> todo;
    store::Seconds next = 0;
    {
        std::lock_guard lock(mutex_);
        for (const auto& n : nudges_) {
            if (n.due <= now)
                todo.push_back(n.queue_id);
            else if (next == 0 || n.due < next)
                next = n.due;
        }
        std::erase_if(nudges_, [now](const Nudge& n) { return n.due <= now; });
    }
    for (const auto& qid : todo) {
        auto argv = config_.postqueue_argv;
        argv.insert(argv.end(), {"-i", qid});
        // Not kept when it fails: Postfix tries again by its own schedule.
        if (auto done = process::run_command("postqueue", argv, "", 30); done)
            log::info(qid + ": Postfix asked to deliver it now (postqueue -i)");
        else
            log::warning(qid + ": postqueue -i: " + done.error().what() + "; Postfix retries when it will");
    }
    return next;
}

void Outbox::retry_marks(store::Seconds now)
{
    for (const auto& mark : unrecorded_.marks_due(now)) {
        if (auto ok = store_->mail_sent(mark.id, store::clock_now()); !ok) {
            unrecorded_.mark_failed(mark.id, store::clock_now());
            log::error("outbox: " + mark.key + ": mark still not written (" + std::to_string(mark.failures + 1) +
                       " failures): " + ok.error().what() + "; tried again later");
            continue;
        }
        unrecorded_.recorded(mark.id);
        log::info("outbox: " + mark.key + ": marked sent after " + std::to_string(mark.failures) +
                  (mark.failures == 1 ? " failure" : " failures"));
    }
}

void Outbox::deliver(const store::OutMail& mail)
{
    unrecorded_.recorded(mail.id); // a refused mail whose time came: tried now
    auto sent = run_sendmail({config_.sendmail_argv, mail.envelope_sender, mail.recipient, mail.message, 120});
    if (sent) {
        if (auto ok = store_->mail_sent(mail.id, store::clock_now()); !ok) {
            // sendmail has it: whatever the store says, never again.
            unrecorded_.taken(mail.id, mail.key, store::clock_now());
            log::error("outbox: " + mail.key + " went to sendmail but is not marked sent: " + ok.error().what() +
                       "; not handed over again, the mark is tried again later");
        } else {
            log::info("outbox: " + mail.key + " to <" + mail.recipient + ">: sent to sendmail" +
                      (mail.attempts > 0 ? " after " + std::to_string(mail.attempts) + " failures" : ""));
        }
        return;
    }
    auto delay = std::min<store::Seconds>(static_cast<store::Seconds>(config_.retry_seconds)
                                              << std::min(mail.attempts, 16),
                                          max_retry);
    log::warning("outbox: " + mail.key + " to <" + mail.recipient + ">: " + sent.error().what() +
                 "; kept, next try in " + std::to_string(delay) + " s");
    if (auto ok = store_->mail_failed(mail.id, store::clock_now() + delay, sent.error().what()); !ok) {
        unrecorded_.refused(mail.id, mail.key, store::clock_now() + delay);
        log::error("outbox: " + mail.key + ": " + ok.error().what());
    }
}

bool Outbox::waiting_for_marks()
{
    // While the store cannot record what sendmail took, no further mail is
    // handed over: each would be handed over again if the worker died
    // before its mark is written. They wait in the outbox instead.
    auto unmarked = unrecorded_.taken_count();
    if (unmarked > 0 && !paused_)
        log::warning("outbox: " + std::to_string(unmarked) +
                     " mail(s) taken by sendmail are not marked sent yet; no further mail is handed over "
                     "until the database records them");
    else if (unmarked == 0 && paused_)
        log::info("outbox: the database records again; handing mails over");
    paused_ = unmarked > 0;
    return paused_;
}

bool Outbox::deliver_due(store::Seconds now)
{
    {
        std::lock_guard lock(mutex_);
        woken_ = false; // what was queued until now is in the list below
    }
    retry_marks(now);
    if (waiting_for_marks())
        return false;
    const int limit = batch + static_cast<int>(unrecorded_.size());
    auto due = store_->due_mails(now, limit);
    if (!due) {
        log::error("outbox: " + due.error().what());
        return false;
    }
    for (const auto& mail : *due) {
        if (unrecorded_.holds(mail.id, now))
            continue;
        {
            // A mail queued meanwhile may come before the rest: the
            // caller asks the store again, without sleeping.
            std::lock_guard lock(mutex_);
            if (stopping_ || woken_)
                return true;
        }
        deliver(mail);
        if (waiting_for_marks())
            return false;
    }
    return static_cast<int>(due->size()) == limit;
}

void Outbox::run()
{
    // Every minute, or four times per report timeout when that is shorter.
    const store::Seconds sweep_interval = std::clamp<store::Seconds>(config_.report_timeout / 4, 2, 60);
    store::Seconds next_sweep = 0, next_prune = 0;
    bool first = true;
    while (true) {
        auto now = store::clock_now();
        if (now >= next_sweep) {
            if (sweep_)
                sweep_(now, first);
            first = false;
            next_sweep = now + sweep_interval;
        }
        if (now >= next_prune) {
            if (auto pruned = store_->prune_mails(now - keep_sent); !pruned)
                log::error("outbox: " + pruned.error().what());
            next_prune = now + prune_interval;
        }
        auto next_nudge = run_nudges(now);
        bool more = deliver_due(now);

        // Sleep until a mail is queued, the next retry, mark or nudge is
        // due, or the sweep; not at all while more mails may be due. (The
        // mails held in memory have their store's next_try behind them.)
        store::Seconds wake_at = next_sweep;
        if (next_nudge > 0)
            wake_at = std::min(wake_at, next_nudge);
        if (auto mark = unrecorded_.next_due())
            wake_at = std::min(wake_at, *mark);
        if (auto mail = store_->next_mail_after(now); mail && *mail)
            wake_at = std::min(wake_at, **mail);
        std::unique_lock lock(mutex_);
        // At least a second otherwise: a store that cannot be read must
        // not make this a busy loop.
        auto wait = more ? 0 : std::max<store::Seconds>(wake_at - store::clock_now(), 1);
        cv_.wait_for(lock, std::chrono::seconds(wait), [this] { return stopping_ || woken_; });
        if (stopping_)
            return;
        woken_ = false;
    }
}

} // namespace smsgate::worker
