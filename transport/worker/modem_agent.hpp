// modem_agent.hpp - the worker's side of one modem: it runs the modem
// driver (transport/modem) in the modem's thread and acts on what the
// driver tells it. It chooses the jobs this modem sends, commits every part
// before and after its AT+CMGS, retries a temporary failure with a doubling
// delay, settles parts in doubt, matches status reports to parts,
// reassembles long SMS, and hands what came to the sink once it is safe in
// SQLite.
#pragma once

#include "modem/events.hpp"
#include "modem/modem.hpp"
#include "sms/pdu.hpp"
#include "store/store.hpp"
#include "config/worker_section.hpp"
#include "worker/doubt.hpp"
#include "worker/router.hpp"
#include "worker/sink.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::worker {

// A TP-SCTS or TP-DT as a Unix time (the zone applied; none: UTC).
store::Seconds epoch_of(const sms::Timestamp& t);

// What the driver needs of a [modem.NAME] section and the [worker] one.
modem::Settings driver_settings(const config::ModemConfig& modem, const config::WorkerConfig& worker);

struct ModemHooks {
    std::function<void(store::Id)> job_changed; // the server answers waiters
    // A job was sent, this long after it was submitted (for the metrics).
    std::function<void(store::Seconds)> sent_after = {};
    // Opens the modem's link; empty: link::open_link. The transcript tests
    // put a scripted modem here.
    modem::LinkOpener open_link = {};
};

class ModemAgent : public modem::Events {
public:
    ModemAgent(const config::ModemConfig& config, const config::WorkerConfig& worker, Router& router,
               std::unique_ptr<store::Store> store, Sink& sink, ModemHooks hooks);
    // The thread's body: returns when the router stops.
    void run();

    bool stopping() const override;
    void pause_until(std::chrono::steady_clock::time_point deadline) override;
    unsigned long long work_generation() const override;
    int wake_fd() const override;
    void state(const modem::State& state) override;
    void polled() override;
    modem::Receipt received(const modem::ReceivedPdu& pdu) override;
    void erased(long long row) override;
    void swept() override;
    bool storage_wanted() override;
    bool work(modem::Sender& sender) override;

private:
    // Sending (modem_jobs.cpp).
    struct Claimed {
        store::Job job;
        bool others_waiting = false; // more jobs were runnable with it
    };
    std::optional<Claimed> claim_next();
    void send_job(modem::Sender& sender, store::Job job);
    enum class Step { next, stop };
    Step send_part(modem::Sender& sender, const store::Job& job, store::Part& part);
    Step sent(store::Part& part, int mr);
    void interrupted(const store::Job& job, const store::Part& part, const modem::SendResult& r);
    void refused(const store::Job& job, const store::Part& part, const modem::SendResult& r);
    void finish_sent(const store::Job& job);
    // A temporary failure: retried with a doubling delay, given back to
    // Postfix after max_attempts.
    void defer(const store::Job& job, StatusCode dsn, const std::string& what);
    void requeue(const store::Job& job);
    void requeue_orphans();

    // Send limits (modem_limits.cpp): the times this modem's parts went
    // out, from the store to the router; whether a job pinned here waits
    // for a limit (said in the log once per wait).
    void count_sent();
    bool held_here(const store::Job& job);

    // A part in doubt (see doubt.hpp; modem_doubt.cpp): sent after all (part
    // updated), to be waited for (the job requeued), to be sent again, or
    // stuck (the database failed; the job requeued if it could be).
    enum class Settled { sent, waiting, resend, stuck };
    Settled settle_doubt(const store::Job& job, store::Part& part);
    Settled adopt(const store::Job& job, store::Part& part, const doubt::UnmatchedReport& r, const std::string& which,
                  const std::string& why);
    std::vector<doubt::UnmatchedReport> unmatched_reports(store::Seconds since);

    // Receiving (modem_incoming.cpp).
    bool hand_on(const store::Incoming& row, int length);
    bool hand_on_report(const store::Incoming& row, const sms::Pdu& pdu);
    bool hand_on_deliver(const store::Incoming& row, const sms::Pdu& pdu);
    bool hand_on_part(const ReceivedSms& sms, const store::Incoming& row, const sms::Pdu& pdu);
    void retry_routed();
    void deliver_stale_parts();
    void deliver_stale(const store::IncomingPart& one);
    // The row completed a long SMS that is mailed already: parts of that set
    // still stored (left by an older version's crash) go.
    void drop_parts_mailed_with(const store::Incoming& row, const store::PartsKey& message);

    void status(const std::function<void(ModemStatus&)>& change);
    store::Seconds now() const;
    // Logs a database failure with what was being recorded; true if it worked.
    template <typename T>
    bool recorded(const Result<T>& result, std::string_view what) const
    {
        if (!result.ok())
            log_db_error(result.error(), what);
        return result.ok();
    }
    void log_db_error(const Error& error, std::string_view what) const;

    config::ModemConfig config_;
    const config::WorkerConfig& worker_;
    Router& router_;
    std::unique_ptr<store::Store> store_;
    Sink& sink_;
    ModemHooks hooks_;
    // MRs that +CMGS gave for parts whose commit failed, by part: the part
    // is in doubt in the database, but this process knows it went out.
    std::map<store::Id, int> unrecorded_mr_;
    // When the modem's storage was last read to its end, and whether a part
    // in doubt waits for it to be read again.
    store::Seconds swept_at_ = 0;
    bool storage_wanted_ = false;
    // Jobs pinned here that wait for a limit, and until when the log said.
    std::map<store::Id, store::Seconds> held_logged_;
};


} // namespace smsgate::worker
