// channel.cpp - commands over a link, one at a time, with their timeouts.
#include "modem/channel.hpp"

#include "log/log.hpp"

#include <poll.h>
#include <unistd.h>

#include <cstdint>

namespace smsgate::modem {

using Clock = std::chrono::steady_clock;

namespace {

// A read slice: short enough to notice a deadline soon, long enough not to spin.
constexpr std::chrono::milliseconds read_slice{200};
// ATs a resynchronisation sends before it gives up on the modem: the first
// may meet garbage in the modem's buffer or a late answer, the second the
// ESC's own OK.
constexpr int resync_tries = 4;

enum class Input { none, link, wake };

// Waits up to `wait` for bytes on the link or a wake-up. A wake-up is
// taken (the eventfd or pipe read empty), so that it ends one wait only.
Input wait_for_input(int link_fd, int wake_fd, std::chrono::milliseconds wait)
{
    pollfd fds[2] = {{link_fd, POLLIN, 0}, {wake_fd, POLLIN, 0}};
    int n = ::poll(fds, 2, static_cast<int>(wait.count()));
    if (n <= 0) // the time passed, or a signal: the caller waits again
        return Input::none;
    if (fds[1].revents & POLLIN) {
        std::uint64_t drained[8];
        while (::read(wake_fd, drained, sizeof drained) > 0) {
        }
        return Input::wake;
    }
    return fds[0].revents ? Input::link : Input::none;
}

} // namespace

Channel::Channel(std::unique_ptr<link::Link> link, std::string modem) : link_(std::move(link)), modem_(std::move(modem))
{
}

bool Channel::write(std::string_view bytes)
{
    if (trace_)
        log::info(modem_ + ": < " + log::printable(bytes));
    auto ok = link_->write(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    if (!ok) {
        link_failed_ = true;
        link_error_ = "write: " + ok.error().what();
        log::warning(modem_ + ": " + link_error_);
    }
    return ok.ok();
}

std::optional<at::Outcome> Channel::read_once(std::chrono::milliseconds wait, std::string_view pdu, bool& prompted,
                                              Clock::time_point& deadline, std::chrono::milliseconds after_prompt)
{
    std::uint8_t buf[1024];
    auto n = link_->read(buf, wait);
    if (!n) {
        link_failed_ = true;
        link_error_ = "read: " + n.error().what();
        log::warning(modem_ + ": " + link_error_);
        return std::nullopt;
    }
    // Every frame of the read is fed, also those after the final result: a
    // +CMTI in the same chunk as OK must not be lost.
    std::optional<at::Outcome> done;
    for (const auto& frame : framer_.feed(std::string_view(reinterpret_cast<char*>(buf), *n))) {
        if (trace_)
            log::info(modem_ + ": > " + log::printable(frame.text));
        auto step = transaction_.feed(frame);
        for (auto& u : step.urcs)
            urcs_.push_back(std::move(u));
        for (const auto& noise : step.noise) {
            if (noise.kind == at::NoiseKind::stray_final)
                ++stray_finals_;
            log::info(modem_ + ": ignored line: " + log::printable(noise.text, 80));
        }
        if (step.prompt && !prompted) {
            prompted = true;
            write(std::string(pdu) + at::submit_key);
            deadline = Clock::now() + after_prompt;
        }
        if (step.done)
            done = std::move(step.done);
    }
    return done;
}

std::optional<at::Outcome> Channel::pump(Clock::time_point deadline, std::string_view pdu, bool& prompted,
                                         std::chrono::milliseconds after_prompt)
{
    while (!link_failed_) {
        if (stopping_ && stopping_()) {
            stopped_ = true;
            return std::nullopt;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return std::nullopt;
        if (auto done = read_once(std::min(left, read_slice), pdu, prompted, deadline, after_prompt))
            return done;
    }
    return std::nullopt;
}

std::optional<CommandResult> Channel::refusal(const at::Expect& expect)
{
    CommandResult result;
    if (stopped_ || (stopping_ && stopping_())) {
        stopped_ = true;
        result.failure = ChannelFailure::stopped;
        result.error = "stopping; " + expect.command + " not sent";
        return result;
    }
    if (link_failed_) {
        result.failure = ChannelFailure::link;
        result.error = "link is down";
        return result;
    }
    return std::nullopt;
}

CommandResult Channel::run_text(const at::Expect& expect, std::chrono::milliseconds timeout, std::string_view pdu)
{
    if (auto refused = refusal(expect))
        return *refused;
    CommandResult result;
    transaction_.begin(expect);
    if (!write(expect.command + "\r")) {
        transaction_.abandon();
        result.failure = ChannelFailure::link;
        result.error = "write failed";
        return result;
    }
    // A command with a prompt (AT+CMGS) waits prompt_ms for "> ", which a
    // working modem shows at once; its own timeout runs from the PDU on.
    // A silent modem is noticed in seconds, not after the network's minute.
    bool prompted = false;
    auto first = expect.prompt ? std::chrono::milliseconds(at::timeouts::prompt_ms) : timeout;
    result.outcome = pump(Clock::now() + first, pdu, prompted, timeout);
    result.pdu_written = expect.prompt && prompted;
    if (result.outcome && expect.prompt && !prompted && result.outcome->ok()) {
        // OK before the prompt is not this command's answer but a late one
        // to an earlier command: the channel is out of step.
        ++timeouts_;
        result.outcome.reset();
        result.failure = ChannelFailure::timeout;
        result.error = "an answer came before the prompt of " + expect.command + "; the channel was out of step";
        escape_in_step();
        return result;
    }
    if (result.outcome) {
        timeouts_ = 0;
        return result;
    }
    transaction_.abandon();
    if (stopped_) {
        result.failure = ChannelFailure::stopped;
        result.error = "stopped during " + expect.command;
    } else if (link_failed_) {
        result.failure = ChannelFailure::link;
        result.error = "link failed during " + expect.command;
    } else {
        ++timeouts_;
        result.failure = ChannelFailure::timeout;
        result.error = expect.prompt && !prompted
                           ? "no prompt after " + expect.command + " within " + std::to_string(first.count()) + " ms"
                           : "no answer to " + expect.command + " within " + std::to_string(timeout.count()) + " ms";
        // Leaves a prompt that never came or a half-written PDU, and drops
        // what came: a late answer must not be taken for the next command's.
        escape_in_step();
    }
    return result;
}

CommandResult Channel::run(at::Command id, std::initializer_list<std::string_view> args, std::string_view pdu)
{
    const auto& spec = at::command_spec(id);
    auto text = at::command_text(spec, args);
    if (!text) {
        CommandResult r;
        r.failure = ChannelFailure::link;
        r.error = text.error().what();
        return r;
    }
    auto timeout = std::chrono::milliseconds(spec.timeout_ms);
    return run_text(at::expect_for(spec, *text), timeout, pdu);
}

bool Channel::idle(std::chrono::milliseconds duration, int wake_fd)
{
    auto deadline = Clock::now() + duration;
    bool prompted = true; // no PDU to write while idle
    while (!link_failed_ && urcs_.empty()) {
        if (stopping_ && stopping_()) {
            stopped_ = true;
            break;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            break;
        auto wait = std::min(left, read_slice);
        if (wake_fd >= 0 && link_->descriptor() >= 0) {
            auto ready = wait_for_input(link_->descriptor(), wake_fd, wait);
            if (ready == Input::wake)
                break;
            if (ready == Input::none)
                continue;
            wait = std::chrono::milliseconds(0); // bytes (or a hangup) are there
        }
        auto stray = read_once(wait, {}, prompted, deadline, duration);
        (void)stray;
    }
    return !link_failed_;
}

void Channel::escape()
{
    std::string esc(1, at::cancel_key);
    write(esc);
    link_->discard_input();
    framer_.reset();
}

std::optional<at::Outcome> Channel::exchange(const at::Expect& expect, std::chrono::milliseconds timeout)
{
    transaction_.begin(expect);
    bool prompted = true; // no prompt, no PDU
    std::optional<at::Outcome> outcome;
    if (write(expect.command + "\r"))
        outcome = pump(Clock::now() + timeout, {}, prompted, timeout);
    if (!outcome)
        transaction_.abandon();
    return outcome;
}

bool Channel::attention_in_step()
{
    auto expect = at::prepare(at::Command::attention);
    if (!expect)
        return false;
    auto answer = exchange(*expect, std::chrono::milliseconds(at::command_spec(at::Command::attention).timeout_ms));
    if (!answer || !answer->ok())
        return false;
    // An answer already on its way comes within a read slice: the modem
    // answers the AT that waited behind it at once.
    auto strays = stray_finals_;
    bool prompted = true;
    pump(Clock::now() + read_slice, {}, prompted, read_slice);
    if (stray_finals_ == strays)
        return !link_failed_;
    log::info(modem_ + ": a late answer came after ESC; AT again");
    return false;
}

void Channel::escape_in_step()
{
    // Out of step already, the session is about to end (a reset): another
    // round of ATs would only delay it.
    if (out_of_step_)
        escape();
    else
        resync();
}

bool Channel::resync()
{
    for (int attempt = 0; attempt < resync_tries && !link_failed_ && !stopped_; ++attempt) {
        escape();
        if (attention_in_step()) {
            out_of_step_ = false;
            return true;
        }
    }
    if (!link_failed_ && !stopped_) {
        out_of_step_ = true;
        log::warning(modem_ + ": no OK to AT after ESC in " + std::to_string(resync_tries) +
                     " tries; the modem is out of step");
    }
    return false;
}

} // namespace smsgate::modem
