// replay.hpp - a byte stream fed through a framer and a transaction, with
// everything that came out collected: for transcript tests, the fuzzer, and
// smsgatectl's reading of a captured modem log. The worker itself acts on
// each Step as it comes instead.
#pragma once

#include "at/framer.hpp"
#include "at/transaction.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace smsgate::at {

struct Collected {
    std::vector<Outcome> outcomes;
    std::vector<Urc> urcs;
    std::vector<Noise> noise;
    int prompts = 0;

    void add(Step step);
    bool operator==(const Collected&) const = default;
};

// Feeds `bytes` in pieces of `chunk` bytes (0: in one piece), as reads from
// a port would deliver them, and adds every step to `into`.
void replay(Framer& framer, Transaction& transaction, std::string_view bytes, Collected& into,
            std::size_t chunk = 0);

} // namespace smsgate::at
