// link_checks.hpp - checks every kind of link must pass, shared by the
// serial and the TCP tests.
#pragma once

#include "link/link.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>

namespace link_test {

// With nothing to read, read() waits its whole timeout (300 ms) and returns
// 0, without hanging far past it.
inline void check_read_times_out(smsgate::link::Link& link)
{
    using namespace std::chrono_literals;
    std::uint8_t buffer[16];
    auto start = std::chrono::steady_clock::now();
    auto n = link.read(buffer, 300ms);
    auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(n.ok());
    CHECK(*n == 0);
    CHECK(took >= 300ms);
    CHECK(took < 1300ms);
}

} // namespace link_test
