// framer.cpp - line framing of modem output (V.250 5.7.1) and recognition of
// the TS 27.005 3.5.1 prompt, byte by byte, with a bounded line buffer.
#include "at/framer.hpp"

namespace smsgate::at {

namespace {

constexpr std::string_view prompt_text = "> ";

// Blanks and control characters around a line carry nothing: the Ctrl-Z a
// modem echoes after a PDU, a stray ESC, spaces some modems pad with.
bool padding(char c)
{
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
}

std::string trimmed(std::string_view text)
{
    while (!text.empty() && padding(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && padding(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

} // namespace

Framer::Framer(std::size_t max_line) : max_line_(max_line < prompt_text.size() ? prompt_text.size() : max_line)
{
}

std::vector<Frame> Framer::feed(std::string_view bytes)
{
    std::vector<Frame> frames;
    for (char c : bytes)
        push(c, frames);
    return frames;
}

void Framer::reset()
{
    line_.clear();
    discarding_ = false;
}

void Framer::push(char c, std::vector<Frame>& frames)
{
    if (c == '\0')
        return;
    if (c == '\r' || c == '\n') {
        end_line(frames);
        return;
    }
    if (discarding_)
        return;
    line_.push_back(c);
    // The prompt ends no line: it is recognised as soon as its two
    // characters open one (after CR/LF, or at the very start).
    if (line_ == prompt_text) {
        frames.push_back(Frame{FrameKind::prompt, {}});
        line_.clear();
        return;
    }
    if (line_.size() > max_line_) {
        frames.push_back(Frame{FrameKind::overflow, line_.substr(0, overflow_sample)});
        line_.clear();
        discarding_ = true;
    }
}

void Framer::end_line(std::vector<Frame>& frames)
{
    if (discarding_) {
        discarding_ = false;
        return;
    }
    auto text = trimmed(line_);
    line_.clear();
    if (!text.empty())
        frames.push_back(Frame{FrameKind::line, std::move(text)});
}

} // namespace smsgate::at
