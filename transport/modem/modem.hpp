// modem.hpp - one modem's life, in its own thread: open the link (with
// backoff), initialise from a table, then serve: send the jobs the router
// gives it, sweep the storage for SMS and status reports, watch
// registration and signal; reset after consecutive timeouts; reopen a link
// that vanished. Every state change is committed to SQLite before it is told.
#pragma once

#include "modem/channel.hpp"
#include "modem/doubt.hpp"
#include "sms/pdu.hpp"
#include "store/store.hpp"
#include "config/worker_section.hpp"
#include "worker/router.hpp"
#include "worker/sink.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace smsgate::modem {

// A TP-SCTS or TP-DT as a Unix time (the zone applied; none: UTC).
store::Seconds epoch_of(const sms::Timestamp& t);

struct Hooks {
    std::function<void(store::Id)> job_changed; // the server answers waiters
    // Opens the modem's link; empty: link::open_link. The transcript tests
    // put a scripted modem here.
    std::function<Result<std::unique_ptr<link::Link>>(const link::LinkConfig&)> open_link = {};
};

class Modem {
public:
    Modem(const config::ModemConfig& config, const config::WorkerConfig& worker, worker::Router& router,
          std::unique_ptr<store::Store> store, worker::Sink& sink, Hooks hooks);
    // The thread's body: returns when the router stops.
    void run();

private:
    enum class Served { link_failed, reset, stopped };

    bool initialise(Channel& ch);
    bool setup_storage(Channel& ch);
    void setup_indications(Channel& ch);
    Served serve(Channel& ch);
    void check_network(Channel& ch);
    bool send_work(Channel& ch);
    void send_job(Channel& ch, store::Job job);
    // A part in doubt (see doubt.hpp): sent after all (part updated), to be
    // waited for (the job requeued), to be sent again, or stuck (the
    // database failed; the job requeued if it could be).
    enum class Settled { sent, waiting, resend, stuck };
    Settled settle_doubt(const store::Job& job, store::Part& part);
    std::vector<doubt::UnmatchedReport> unmatched_reports(store::Seconds since);
    // A temporary failure: retried with a doubling delay, given back to
    // Postfix after max_attempts.
    void defer(const store::Job& job, StatusCode dsn, const std::string& what);
    void requeue_orphans();
    void sweep(Channel& ch);
    void handle_urcs(Channel& ch);
    // False when the message could not even be committed (then a routed one
    // is not acknowledged, and a stored one stays on the modem).
    bool handle_pdu(Channel& ch, const std::string& storage, int index, int length, const std::string& pdu_hex);
    void retry_routed();
    bool hand_on(const store::Incoming& row, int length);
    void deliver_stale_parts();
    // The row completed a long SMS that is mailed already: parts of that set
    // still stored (left by an older version's crash) go.
    void drop_parts_mailed_with(const store::Incoming& row, const store::PartsKey& message);
    void status(const std::function<void(worker::ModemStatus&)>& change);
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
    worker::Router& router_;
    std::unique_ptr<store::Store> store_;
    worker::Sink& sink_;
    Hooks hooks_;
    std::vector<std::string> storages_; // what the sweep reads: "SM", or "SM" and "SR"
    bool ack_routed_ = false;           // AT+CSMS=1 phase 2+: routed +CMT/+CDS need AT+CNMA
    bool sweep_due_ = true;
    bool restarted_ = false; // the modem said it booted (RDY, ^SYSSTART)
    int storage_slots_ = 0; // of the first storage, from AT+CPMS?: a listing this long means it was full
    // MRs that +CMGS gave for parts whose commit failed, by part: the part
    // is in doubt in the database, but this process knows it went out.
    std::map<store::Id, int> unrecorded_mr_;
};

} // namespace smsgate::modem
