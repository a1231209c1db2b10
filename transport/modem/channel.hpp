// channel.hpp - the AT channel of one modem: a link, the framer and the
// transaction of common/at. One command in flight; each waits at most its
// named timeout; URCs that arrive meanwhile are queued for the modem logic,
// which acts on them after the command (no side effects in the wait loop).
#pragma once

#include "at/commands.hpp"
#include "at/framer.hpp"
#include "at/queries.hpp"
#include "at/transaction.hpp"
#include "link/link.hpp"

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace smsgate::modem {

// Why a command gave no final result. stopped: the worker stops, and the
// command was left as it was (no ESC): what it was doing stays as after a
// kill, for the next start to find.
enum class ChannelFailure { timeout, link, stopped };

struct CommandResult {
    std::optional<at::Outcome> outcome; // the final result came
    std::optional<ChannelFailure> failure;
    std::string error; // for the log, with failure
    // The prompt came and the PDU went to the modem (or began to): without
    // a final result, the message may have been sent.
    bool pdu_written = false;

    bool ok() const { return outcome && outcome->ok(); }
};

class Channel {
public:
    Channel(std::unique_ptr<link::Link> link, std::string modem);

    // Runs one command. With a prompt (AT+CMGS), writes pdu and Ctrl-Z when
    // "> " comes. Every line that passes is logged when trace is on.
    CommandResult run(at::Command id, std::initializer_list<std::string_view> args = {},
                      std::string_view pdu = {});
    // Runs a query and gives its value: nothing when the command failed or
    // its answer had no readable line.
    template <typename T>
    std::optional<T> query(const at::Query<T>& q)
    {
        auto r = run(q.command);
        return r.outcome ? at::answer(q, *r.outcome) : std::nullopt;
    }
    CommandResult run_text(const at::Expect& expect, std::chrono::milliseconds timeout, std::string_view pdu = {});
    // Reads for up to `duration`, queueing URCs; returns early when a URC
    // came, or when wake_fd (an eventfd or a pipe, non-blocking; -1: none)
    // became readable, which it then reads empty. False when the link
    // failed.
    bool idle(std::chrono::milliseconds duration, int wake_fd = -1);
    // Writes ESC (leaves a stuck SMS prompt) and drops pending input.
    void escape();
    // ESC, then AT until its OK comes with no further final result after
    // it: an answer of what the ESC aborted (or the ESC's own OK, from a
    // modem at its prompt) that comes late is dropped, not taken for the
    // next command's. At most resync_tries; when the OK never comes, logs
    // it, and the channel is out of step until a resync works.
    bool resync();
    bool out_of_step() const { return out_of_step_; }

    std::deque<at::Urc>& urcs() { return urcs_; }
    int consecutive_timeouts() const { return timeouts_; }
    bool link_failed() const { return link_failed_; }
    // Why the link failed ("read: ..."), once it did.
    const std::string& link_error() const { return link_error_; }
    const link::Link& link() const { return *link_; }
    void set_trace(bool on) { trace_ = on; }
    // Asked between reads: true ends every wait at once (the worker stops).
    void set_stopping(std::function<bool()> stopping) { stopping_ = std::move(stopping); }
    bool stopped() const { return stopped_; }

private:
    // Feeds bytes read within the deadline; returns the completed outcome.
    // When the prompt comes, writes the PDU and moves the deadline to
    // after_prompt from then.
    std::optional<at::Outcome> pump(std::chrono::steady_clock::time_point deadline, std::string_view pdu,
                                    bool& prompted, std::chrono::milliseconds after_prompt);
    // One read of up to `wait`, fed as pump() feeds it.
    std::optional<at::Outcome> read_once(std::chrono::milliseconds wait, std::string_view pdu, bool& prompted,
                                         std::chrono::steady_clock::time_point& deadline,
                                         std::chrono::milliseconds after_prompt);
    bool write(std::string_view bytes);
    // Why a command cannot be sent now (the worker stops, the link is down).
    std::optional<CommandResult> refusal(const at::Expect& expect);
    // One command without a prompt, and no ESC when it times out.
    std::optional<at::Outcome> exchange(const at::Expect& expect, std::chrono::milliseconds timeout);
    // AT: true when OK came and no late answer followed it.
    bool attention_in_step();
    // After a command that timed out: resync(), or only ESC when a resync
    // failed already.
    void escape_in_step();

    std::unique_ptr<link::Link> link_;
    std::string modem_;
    at::Framer framer_;
    at::Transaction transaction_;
    std::deque<at::Urc> urcs_;
    int timeouts_ = 0;
    bool link_failed_ = false;
    bool out_of_step_ = false;
    bool stopped_ = false;
    std::function<bool()> stopping_;
    std::string link_error_;
    unsigned long stray_finals_ = 0; // final results that came while no command was in flight
    bool trace_ = false;
};

} // namespace smsgate::modem
