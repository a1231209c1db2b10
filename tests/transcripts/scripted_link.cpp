// scripted_link.cpp - playing a transcript: matching writes, releasing
// answers on time, the end of the script as a vanished link.
#include "scripted_link.hpp"

#include <algorithm>

namespace smsgate::transcript {

namespace {

// What ends one unit of the worker's writes: a command line (CR), a PDU
// (Ctrl-Z, TS 27.005 3.5.1), or the ESC that cancels a prompt.
constexpr std::string_view unit_ends = "\r\x1a\x1b";

} // namespace

Playback::Playback(Transcript transcript) : transcript_(std::move(transcript)) {}

void Playback::open()
{
    std::lock_guard lock(mutex_);
    release(Clock::now());
}

// Every answer and pause up to the next "<" step, timed from `at`.
void Playback::release(Clock::time_point at)
{
    const auto& steps = transcript_.steps;
    while (cursor_ < steps.size() && steps[cursor_].kind != Step::Kind::expect) {
        const auto& step = steps[cursor_++];
        if (step.kind == Step::Kind::sleep)
            at += std::chrono::milliseconds(step.milliseconds);
        else
            ready_.push_back({at, step.bytes});
    }
    changed_.notify_all();
}

Status Playback::gone(const std::string& why)
{
    changed_.notify_all();
    return make_error(transcript_.name, why);
}

Result<std::size_t> Playback::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    auto deadline = Clock::now() + timeout;
    for (;;) {
        if (!failure_.empty())
            return gone("link failed: " + failure_).error();
        if (ready_.empty() && cursor_ == transcript_.steps.size()) {
            ended_ = true;
            return gone("end of the transcript: the modem is gone").error();
        }
        auto now = Clock::now();
        std::size_t n = 0;
        while (n < buffer.size() && !ready_.empty() && ready_.front().at <= now) {
            auto& chunk = ready_.front();
            auto take = std::min(buffer.size() - n, chunk.bytes.size());
            std::copy_n(chunk.bytes.begin(), take, buffer.begin() + static_cast<std::ptrdiff_t>(n));
            n += take;
            chunk.bytes.erase(0, take);
            if (chunk.bytes.empty())
                ready_.pop_front();
        }
        if (n > 0)
            return n;
        if (now >= deadline)
            return std::size_t{0};
        // Silent until the next answer is due or the read's timeout passes.
        changed_.wait_until(lock, ready_.empty() ? deadline : std::min(deadline, ready_.front().at));
    }
}

Status Playback::write(std::span<const std::uint8_t> bytes)
{
    std::lock_guard lock(mutex_);
    if (!failure_.empty())
        return gone("link failed: " + failure_);
    written_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    for (auto cut = written_.find_first_of(unit_ends); cut != std::string::npos;
         cut = written_.find_first_of(unit_ends)) {
        auto unit = written_.substr(0, cut + 1);
        written_.erase(0, cut + 1);
        if (cursor_ == transcript_.steps.size()) {
            ended_ = true;
            return gone("end of the transcript: the modem is gone");
        }
        const auto& step = transcript_.steps[cursor_];
        if (!step.expect.matches(unit)) {
            failure_ = location(transcript_.name, step.line, step.from) + ": expected \"< " + step.expect.text() +
                       "\", the worker wrote \"" + escape(unit) + "\"";
            return gone(failure_);
        }
        ++cursor_;
        release(Clock::now());
    }
    return Done{};
}

void Playback::discard_input()
{
    std::lock_guard lock(mutex_);
    // What has arrived is dropped; what the modem says later still comes.
    auto now = Clock::now();
    while (!ready_.empty() && ready_.front().at <= now)
        ready_.pop_front();
}

bool Playback::wait_end(Clock::time_point deadline)
{
    std::unique_lock lock(mutex_);
    return changed_.wait_until(lock, deadline, [&] { return done(); });
}

void Playback::abort(const std::string& why)
{
    std::lock_guard lock(mutex_);
    if (failure_.empty())
        failure_ = why;
    changed_.notify_all();
}

std::string Playback::failure() const
{
    std::lock_guard lock(mutex_);
    return failure_;
}

std::string Playback::where() const
{
    std::lock_guard lock(mutex_);
    if (cursor_ < transcript_.steps.size()) {
        const auto& step = transcript_.steps[cursor_];
        return location(transcript_.name, step.line, step.from) + ": < " + step.expect.text();
    }
    if (!ready_.empty())
        return transcript_.name + ": the end, with " + std::to_string(ready_.size()) + " answers not read";
    return transcript_.name + ": the end";
}

} // namespace smsgate::transcript
