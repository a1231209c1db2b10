// harness.hpp - one transcript test: a real Store on a temporary SQLite
// file, a Router, a Sink that keeps what it is given, and a Modem that runs
// its thread over a ScriptedLink until the transcript ends. The Router is
// told nothing: the modem registers itself through its own AT+CREG?, as it
// does in smsgated.
#pragma once

#include "modem/modem.hpp"
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
    // Plays tests/transcripts/<file>: REQUIREs that it played to its end,
    // and CHECKs that it took less than two seconds.
    void play(const std::string& file);

    store::Job job(store::Id id);
    store::Store& store() { return *store_; }

    worker::WorkerConfig worker;  // adjust before play
    worker::ModemConfig modem;    // named "gsm0", storage "SM"
    CapturingSink sink;
    std::vector<store::Id> changed; // job_changed calls, in order
    worker::ModemStatus status;     // as the router had it when the session ended
    std::chrono::milliseconds took{};

private:
    std::filesystem::path dir_;
    std::unique_ptr<store::Store> store_;
    int next_queue_id_ = 1;
};

// The log file of the test run (main.cpp); failures quote the session's lines.
void use_log_file(const std::string& path);

} // namespace smsgate::transcript
