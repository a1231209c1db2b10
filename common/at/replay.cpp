// replay.cpp - feeding a byte stream through the framer and a transaction.
#include "at/replay.hpp"

#include <algorithm>

namespace smsgate::at {

void Collected::add(Step step)
{
    for (auto& urc : step.urcs)
        urcs.push_back(std::move(urc));
    for (auto& noise_line : step.noise)
        noise.push_back(std::move(noise_line));
    if (step.prompt)
        ++prompts;
    if (step.done)
        outcomes.push_back(std::move(*step.done));
}

void replay(Framer& framer, Transaction& transaction, std::string_view bytes, Collected& into, std::size_t chunk)
{
    if (chunk == 0)
        chunk = std::max<std::size_t>(bytes.size(), 1);
    for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
        for (const auto& frame : framer.feed(bytes.substr(pos, chunk)))
            into.add(transaction.feed(frame));
    }
}

} // namespace smsgate::at
