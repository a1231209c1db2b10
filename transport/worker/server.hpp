// server.hpp - smsgated's Unix socket: submit requests from the pipe(8)
// transport and smsgatectl, status questions, and the answers when jobs
// finish. One thread, poll(2), never blocked by a modem: the modem threads
// tell it through job_changed() when a job reached an outcome.
#pragma once

#include "proto/attr.hpp"
#include "store/store.hpp"
#include "util/fd.hpp"
#include "config/worker_section.hpp"
#include "worker/intake.hpp"
#include "worker/router.hpp"
#include "worker/server_access.hpp"
#include "worker/sink.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

namespace smsgate::worker {

class Server {
public:
    Server(const config::WorkerConfig& config, Router& router, store::Store& store);

    // Creates the socket with the configured mode and group, and reads the
    // users and groups of the access rules. Refuses when another worker
    // answers on the socket; removes a stale one.
    Status listen();
    // Serves until stop(). Returns when stopped.
    void run();
    // Thread-safe: from a signal-safe context too (writes to a pipe).
    void stop();
    // Thread-safe: a modem thread changed this job; waiters are answered if
    // it reached an outcome.
    void job_changed(store::Id job);
    // Called in the server's thread once when a job reached sent or failed,
    // with whether a waiting transport was told. Set before run().
    void on_outcome(std::function<void(const JobOutcome&)> callback) { on_outcome_ = std::move(callback); }

private:
    using Clock = std::chrono::steady_clock;

    struct Client {
        Fd fd;
        Peer peer;
        bool privileged = false; // root or a submit user: see server_access.hpp
        bool admitted = true;    // false: over a limit, told so and closed
        proto::Decoder decoder;
        std::string output;
        store::Id waiting_for = 0;
        bool retry = false;  // the job existed before this request
        bool closing = false;
        // The client shut down its side after its request: no more requests,
        // but the answer still goes out.
        bool read_closed = false;
        // Until then the client must have sent a whole request (or read its
        // answer); not while it waits for a job's outcome.
        Clock::time_point deadline;
    };

    // Logs a kind of refusal at most every few seconds, with the count of
    // those left out, so that a flood of bad clients cannot flood the log.
    struct LogThrottle {
        Clock::time_point last{};
        long long left_out = 0;
        // Whether a line may be logged now; if not, it is counted.
        bool due();
        // Logs the line with the count of those left out since the last.
        void log(const std::string& line);
    };

    // The peer's access, with the users and groups read again (at most
    // once a second) before a refusal: a user created after the start
    // (the pipe(8) user of a new installation) is known then.
    bool peer_may(const Peer& peer, Access access);
    void accept_client();
    void admit(std::unique_ptr<Client> client);
    Held held_by(uid_t uid) const;
    void restart_timer(Client& client);
    // Closes the connections whose deadline passed; the milliseconds until
    // the next deadline, or -1.
    int expire_clients();
    // Forgets the connections that are done (closed, or answered after a
    // shutdown of their side).
    void drop_finished();
    void read_client(Client& client, short revents);
    bool may_handle(Client& client, const proto::Message& request);
    void write_client(Client& client);
    void handle(Client& client, const proto::Message& request);
    void reply(Client& client, const proto::Message& message);
    void handle_submit(Client& client, const proto::Message& request);
    // request=deliver: the transport's delivery checked (intake.hpp), then
    // submitted as handle_submit() submits.
    void handle_deliver(Client& client, const proto::Message& request);
    void submit(Client& client, const proto::SubmitRequest& request, bool send);
    void handle_status(Client& client);
    void handle_history(Client& client, const proto::Message& request);
    void handle_events(Client& client, store::Id job);
    void answer_waiters();
    // Answers the clients waiting for the job if it has an outcome. With
    // transition (a modem changed it), logs the outcome and calls
    // on_outcome once for sent and failed.
    void settle(store::Id id, bool transition);

    const config::WorkerConfig& config_;
    Router& router_;
    store::Store& store_;
    Intake intake_;
    Fd listener_;
    AccessRules rules_;
    Clock::time_point rules_read_; // users and groups are read again when one is refused
    Limits limits_;
    bool accept_paused_ = false; // out of descriptors: wait until a client leaves
    LogThrottle refused_log_, access_log_, timeout_log_;
    Fd wake_read_, wake_write_;
    std::vector<std::unique_ptr<Client>> clients_;
    std::mutex changed_mutex_;
    std::vector<store::Id> changed_;
    // Jobs whose waiters settle() answered before the modem's change was
    // taken in (a client that came just then): told, for on_outcome.
    std::set<store::Id> told_early_;
    std::atomic<bool> stopping_{false}; // set by the signal thread
    std::function<void(const JobOutcome&)> on_outcome_;
};

} // namespace smsgate::worker
