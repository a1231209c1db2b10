// transaction.cpp - sorting the lines of one command in flight (V.250 5.7:
// echo, information responses, final result code) from the unsolicited
// results of TS 27.005/27.007 that may come between them at any time.
#include "at/transaction.hpp"

#include "at/fields.hpp"

#include <cctype>

namespace smsgate::at {

namespace {

// The echo of the command, as the modem repeats it (its case may differ).
bool is_echo(std::string_view line, std::string_view command)
{
    if (line.size() != command.size() || command.empty())
        return false;
    for (std::size_t i = 0; i < line.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(line[i])) != std::toupper(static_cast<unsigned char>(command[i])))
            return false;
    return true;
}

} // namespace

const ResponseLine* Outcome::find(std::string_view prefix) const
{
    for (const auto& line : lines)
        if (line.line.starts_with(prefix))
            return &line;
    return nullptr;
}

Transaction::Transaction(Expect expect)
{
    (void)begin(std::move(expect));
}

bool Transaction::begin(Expect expect)
{
    if (command_)
        return false;
    command_.emplace();
    command_->outcome.command = expect.command;
    command_->expect = std::move(expect);
    return true;
}

void Transaction::abandon()
{
    command_.reset();
}

Step Transaction::feed(const Frame& frame)
{
    Step step;
    switch (frame.kind) {
    case FrameKind::line:
        feed_line(frame.text, step);
        break;
    case FrameKind::prompt:
        flush_urc(step);
        if (command_ && command_->expect.prompt && !command_->outcome.prompt_seen) {
            command_->outcome.prompt_seen = true;
            step.prompt = true;
        } else {
            note({NoiseKind::unexpected_prompt, "> "}, step);
        }
        break;
    case FrameKind::overflow:
        flush_urc(step);
        note({NoiseKind::overflow, frame.text}, step);
        break;
    }
    return step;
}

void Transaction::feed_line(const std::string& line, Step& step)
{
    if (line.empty())
        return; // the framer drops empty lines; a caller's own frame may not
    // TS 27.005 3.4.1: the PDU line comes right after its +CMT/+CDS header.
    if (urc_) {
        if (is_hex_line(line)) {
            urc_->pdu = line;
            auto urc = std::move(*urc_);
            urc_.reset();
            hand_out(std::move(urc), step);
            return;
        }
        flush_urc(step);
    }
    if (command_ && command_line(line, step))
        return;
    if (const UrcSpec* spec = find_urc(line)) {
        Urc urc{spec->kind, line, std::nullopt};
        if (spec->pdu_follows)
            urc_ = std::move(urc);
        else
            hand_out(std::move(urc), step);
        return;
    }
    if (!command_ && parse_final_result(line)) {
        note({NoiseKind::stray_final, line}, step);
        return;
    }
    note({NoiseKind::unknown_line, line}, step);
}

// The lines the command in flight explains: true when the line was taken.
bool Transaction::command_line(const std::string& line, Step& step)
{
    auto& c = *command_;
    if (!c.echo_seen && is_echo(line, c.expect.command)) {
        c.echo_seen = true;
        return true;
    }
    if (auto final = parse_final_result(line)) {
        complete(std::move(*final), step);
        return true;
    }
    if (c.awaiting_pdu && is_hex_line(line)) {
        c.outcome.lines.back().pdu = line;
        c.awaiting_pdu = false;
        return true;
    }
    const UrcSpec* urc = find_urc(line);
    if (expected(line, urc)) {
        c.outcome.lines.push_back(ResponseLine{line, std::nullopt});
        c.awaiting_pdu = c.expect.pdu_follows;
        return true;
    }
    if (urc)
        return false;
    // With echo on, the modem repeats the PDU written after the prompt.
    if (c.outcome.prompt_seen && !c.pdu_echo_seen && is_hex_line(line)) {
        c.pdu_echo_seen = true;
        return true;
    }
    if (c.expect.bare_lines && line.front() != '+' && line.front() != '^') {
        c.outcome.lines.push_back(ResponseLine{line, std::nullopt});
        c.awaiting_pdu = false;
        return true;
    }
    return false;
}

// A line with one of the command's prefixes is its response, unless the
// prefix is also a URC's and the line has the unsolicited form.
bool Transaction::expected(const std::string& line, const UrcSpec* urc) const
{
    for (const auto& prefix : command_->expect.prefixes) {
        if (!prefix.empty() && line.starts_with(prefix))
            return !(urc && urc->unsolicited_form && urc->unsolicited_form(line));
    }
    return false;
}

void Transaction::complete(FinalResult final, Step& step)
{
    command_->outcome.final = std::move(final);
    step.done = std::move(command_->outcome);
    command_.reset();
}

void Transaction::hand_out(Urc urc, Step& step)
{
    if (command_)
        command_->outcome.urcs.push_back(urc);
    step.urcs.push_back(std::move(urc));
}

// A header whose PDU line never came: handed out without it.
void Transaction::flush_urc(Step& step)
{
    if (!urc_)
        return;
    auto urc = std::move(*urc_);
    urc_.reset();
    hand_out(std::move(urc), step);
}

void Transaction::note(Noise noise, Step& step)
{
    if (command_)
        command_->outcome.noise.push_back(noise);
    step.noise.push_back(std::move(noise));
}

} // namespace smsgate::at
