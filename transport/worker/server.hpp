// server.hpp - smsgated's Unix socket: submit requests from the pipe(8)
// transport and smsgatectl, status questions, and the answers when jobs
// finish. One thread, poll(2), never blocked by a modem: the modem threads
// tell it through job_changed() when a job reached an outcome.
#pragma once

#include "proto/attr.hpp"
#include "store/store.hpp"
#include "util/fd.hpp"
#include "worker/config.hpp"
#include "worker/router.hpp"
#include "worker/sink.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

namespace smsgate::worker {

class Server {
public:
    Server(const WorkerConfig& config, Router& router, store::Store& store);

    // Creates the socket with the configured mode and group. Refuses when
    // another worker answers on it; removes a stale one.
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
    struct Client {
        Fd fd;
        proto::Decoder decoder;
        std::string output;
        store::Id waiting_for = 0;
        bool retry = false;  // the job existed before this request
        bool closing = false;
    };

    void accept_client();
    void read_client(Client& client);
    void write_client(Client& client);
    void handle(Client& client, const proto::Message& request);
    void reply(Client& client, const proto::Message& message);
    void handle_submit(Client& client, const proto::Message& request);
    void handle_status(Client& client);
    void handle_history(Client& client, const proto::Message& request);
    void handle_events(Client& client, store::Id job);
    void answer_waiters();
    // Answers the clients waiting for the job if it has an outcome. With
    // transition (a modem changed it), logs the outcome and calls
    // on_outcome once for sent and failed.
    void settle(store::Id id, bool transition);

    const WorkerConfig& config_;
    Router& router_;
    store::Store& store_;
    Fd listener_;
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
