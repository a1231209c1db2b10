// submission.hpp - what the worker answers to a submit: a job is committed to
// SQLite before anything is said; an earlier delivery of the same key is
// answered from its record and never sent again.
#pragma once

#include "proto/requests.hpp"
#include "store/store.hpp"
#include "config/worker_section.hpp"
#include "worker/router.hpp"

#include <optional>

namespace smsgate::worker {

struct SubmitDecision {
    // The answer now, or nothing: wait for the job's outcome.
    std::optional<proto::Outcome> answer;
    store::Id job = 0;
};

SubmitDecision submit_job(store::Store& store, Router& router, const config::WorkerConfig& config,
                          const proto::SubmitRequest& request, store::Seconds now);

// The answer for a job in a final state (sent, failed, deferred), or nothing
// while it is still queued or sending.
std::optional<proto::Outcome> outcome_of(const store::Job& job, bool retry);

// The message references of the parts sent so far: "18,19,20".
std::string mr_list(const store::Job& job);

// "4F1A2B3C: to=<+32477324847@sms.example.com>, relay=smsgate, status=sent (...)"
std::string delivery_log_line(const store::Job& job, const proto::Outcome& outcome);

// The same line for a delivery refused before it became a job.
std::string refusal_log_line(const std::string& queue_id, const std::string& recipient, const Verdict& verdict);

} // namespace smsgate::worker
