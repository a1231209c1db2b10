// mail_sink.hpp - the sink that writes mails: reports to the sender of a
// job at the levels the sender asked for, and every incoming SMS to the
// person it answers. Each mail is composed and queued in SQLite (the
// outbox) before the modem may delete what it came from; smsgated's outbox
// thread hands it to sendmail. Thread-safe: modem threads, the server and
// the outbox thread call it.
#pragma once

#include "config/number_map.hpp"
#include "config/worker_section.hpp"
#include "worker/mail_writer.hpp"
#include "worker/sink.hpp"

#include <functional>
#include <memory>
#include <mutex>

namespace smsgate::worker {

class MailSink : public Sink {
public:
    // wake: tells the outbox thread that a mail was queued.
    MailSink(const config::WorkerConfig& config, std::unique_ptr<store::Store> store, config::NumberMap map,
             std::function<void()> wake);

    Status sms(const ReceivedSms& sms) override;
    Status report(const StatusReport& report) override;
    // Logged, and mailed to the default mailbox with the PDU, once per row.
    Status undecodable(const UndecodablePdu& pdu) override;
    void outcome(const JobOutcome& outcome) override;

    // Periodic: sent jobs without a network report get it (the worker
    // stopped between the +CMGS and the report, or the database failed);
    // at start (catch_up) all of the last report_timeout, later those a few
    // seconds old. Jobs without a final report after [mail] report_timeout
    // are decided from their parts' saved reports, or fail as "expired".
    void sweep(store::Seconds now, bool catch_up);

private:
    // Records the report once, with a mail when the job's level asks for it
    // and quiet_because is empty (else the log says why there is none). An
    // error means nothing was recorded.
    Status decide(const store::Job& job, const ReportFacts& facts, const std::string& detail, store::Seconds now,
                  std::string_view quiet_because = {});
    Result<bool> queue_incoming(const ReceivedSms& sms, store::Seconds now);
    // Whether "handset" or "failed" is recorded for the job.
    Result<bool> final_decided(store::Id job);

    const config::WorkerConfig& config_;
    std::mutex mutex_;
    std::unique_ptr<store::Store> store_;
    config::NumberMap map_;
    std::function<void()> wake_;
    unsigned serial_ = 0; // makes Message-IDs of one second unique
};

} // namespace smsgate::worker
