// outbox.hpp - the thread that hands queued mails to sendmail(1): incoming
// SMS before reports, oldest first, a failed one again after a doubling
// delay (up to an hour), kept in SQLite until sendmail exits 0. A mail
// sendmail took is never handed to it again while the process lives, even
// when its "sent" mark cannot be written: the mark is tried again later. It also runs the sink's periodic sweep
// (expired reports), forgets sent mails after 30 days, and asks Postfix to
// deliver again now a mail whose SMS was decided after its transport left.
#pragma once

#include "store/store.hpp"
#include "config/mail_section.hpp"
#include "worker/unrecorded_mails.hpp"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::worker {

class Outbox {
public:
    // sweep(now, first): the sink's periodic work, first=true on the first run.
    Outbox(const config::MailConfig& config, std::unique_ptr<store::Store> store,
           std::function<void(store::Seconds, bool)> sweep);
    void run(); // until stop()
    void stop();
    void wake(); // a mail was queued
    // The SMS of Postfix's mail queue_id was decided while no transport
    // waited: postqueue -i makes Postfix deliver it again soon, rather than
    // at its next retry, and the transport is answered from the record. It
    // runs a few seconds later, when Postfix has surely moved the mail to
    // its deferred queue (postqueue -i does nothing to a mail still active).
    void nudge(const std::string& queue_id);

private:
    // Hands the due mails to sendmail; returns early when a mail was
    // queued meanwhile (it may come first) or on stop(). True when more
    // mails may be due now.
    bool deliver_due(store::Seconds now);
    void deliver(const store::OutMail& mail);
    // Writes the "sent" marks that failed before, when they are due.
    void retry_marks(store::Seconds now);
    // True while a mail sendmail took is not marked sent: then no further
    // mail is handed over. Logs when that begins and ends.
    bool waiting_for_marks();
    // Runs the nudges that are due; returns when the next one is (0: none).
    store::Seconds run_nudges(store::Seconds now);

    const config::MailConfig& config_;
    std::unique_ptr<store::Store> store_;
    std::function<void(store::Seconds, bool)> sweep_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool woken_ = false;
    struct Nudge {
        std::string queue_id;
        store::Seconds due = 0;
    };
    std::vector<Nudge> nudges_;
    UnrecordedMails unrecorded_; // the outbox thread's own
    bool paused_ = false;        // handing over waits for the marks (logged once)
};

} // namespace smsgate::worker
