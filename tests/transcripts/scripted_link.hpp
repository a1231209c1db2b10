// scripted_link.hpp - the modem side of a transcript, played to the worker
// through a link::Link. Each "<" step waits for what the worker writes and
// checks it; the answers after it become readable when it came (later by
// the "= sleep" steps between them). A mismatch fails the link and is kept
// with its line number; after the last step the link is gone (read and
// write fail), so that the Modem ends its session. Thread-safe: the modem
// thread uses the link while the test waits for the end.
#pragma once

#include "link/link.hpp"
#include "transcript.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

namespace smsgate::transcript {

class Playback {
public:
    using Clock = std::chrono::steady_clock;

    explicit Playback(Transcript transcript);

    // The link is opened: the answers before the first "<" are sent.
    void open();
    // link::Link, for the worker's side.
    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout);
    Status write(std::span<const std::uint8_t> bytes);
    void discard_input();
    const std::string& name() const { return transcript_.name; }

    // For the test: waits until the transcript was played to its end or
    // failed; false when the deadline came first.
    bool wait_end(Clock::time_point deadline);
    // Gives up: the failure is recorded and the link fails at once.
    void abort(const std::string& why);
    std::string failure() const;
    // "echo-on.txt:12: < AT+CMGS=21", the step the playback waits at.
    std::string where() const;

private:
    struct Chunk {
        Clock::time_point at; // readable from then on
        std::string bytes;
    };

    void release(Clock::time_point at);
    Status gone(const std::string& why);
    bool done() const { return ended_ || !failure_.empty(); }

    const Transcript transcript_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t cursor_ = 0;   // the next step; always a "<" one or the end
    std::deque<Chunk> ready_;  // answers released and not read yet
    std::string written_;      // what the worker wrote since the last unit
    std::string failure_;
    bool ended_ = false;
};

class ScriptedLink : public link::Link {
public:
    explicit ScriptedLink(std::shared_ptr<Playback> playback) : playback_(std::move(playback)) {}

    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override
    {
        return playback_->read(buffer, timeout);
    }
    Status write(std::span<const std::uint8_t> bytes) override { return playback_->write(bytes); }
    void discard_input() override { playback_->discard_input(); }
    std::string describe() const override { return "transcript " + playback_->name(); }

private:
    std::shared_ptr<Playback> playback_;
};

} // namespace smsgate::transcript
