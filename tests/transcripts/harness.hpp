// harness.hpp - one transcript test: a real Store on a temporary SQLite
// file, a Router, a Sink that keeps what it is given, and a modem (the
// driver and its agent) that runs its thread over a ScriptedLink until the
// transcript ends. The Router is told nothing: the modem registers itself
// through its own AT+CREG?, as it does in smsgated.
#pragma once

#include "worker/modem_agent.hpp"
#include "transcript.hpp"
#include "worker/sink.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace smsgate::transcript {

// The seed's numbers: the recipient and the SMSC of its PDUs.
inline constexpr const char* seed_number = "+32477324847";
inline constexpr const char* seed_smsc = "+32475161616";
// Every transcript must play this quickly (poll_seconds and the pauses in
// the transcripts are chosen for it).
inline constexpr std::chrono::seconds longest_run{2};

class CapturingSink : public worker::Sink {
public:
    Status sms(const worker::ReceivedSms& sms) override;
    Status report(const worker::StatusReport& report) override;
    Status undecodable(const worker::UndecodablePdu& pdu) override;

    std::vector<worker::ReceivedSms> received;
    std::vector<worker::StatusReport> reports;
    std::vector<std::string> undecodable_pdus;
};

class Harness {
public:
    Harness();
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    // A job as smsgated would store it: PDUs as SMS Comfort sent the seed's
    // (SMSC +32475161616, status report requested, validity 1440 minutes).
    store::Id submit(const std::string& text, const std::string& number = seed_number);

    // Plays a transcript (the text of a file) against a Modem; returns the
    // failure, with the worker's log of the session, or "" when the
    // transcript played to its end. Gives up after `limit`.
    std::string play_text(const std::string& text, const std::string& name,
                          std::chrono::milliseconds limit = std::chrono::seconds(5));
    std::string play_transcript(Transcript transcript, std::chrono::milliseconds limit = std::chrono::seconds(5));

    // A setting of "@set": a key of the [modem.NAME] table for the modem
    // (storage, report_storage, cnmi, ...), else of the [worker] table
    // (poll_seconds, retry_seconds, ...), read by smsgated's own option
    // tables. Before play.
    Status set(const std::string& key, const std::string& value);

    store::Job job(store::Id id);
    store::Store& store() { return *store_; }

    config::WorkerConfig worker;  // adjust before play
    config::ModemConfig modem;    // named "gsm0", storage "SM"
    CapturingSink sink;
    std::vector<store::Id> changed; // job_changed calls, in order
    worker::ModemStatus status;     // as the router had it when the session ended
    std::chrono::milliseconds took{};
    store::Seconds started = 0;     // when the play began, as the store keeps time

private:
    std::filesystem::path dir_;
    std::unique_ptr<store::Store> store_;
    int next_queue_id_ = 1;
};

// The log file of the test run (main.cpp); failures quote the session's lines.
void use_log_file(const std::string& path);

} // namespace smsgate::transcript
