// words.hpp - an enum written as words: one array of words in the order of
// the enum's values, read both ways. For enums whose words go into a file,
// a protocol or a database, where each word must mean one value.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace smsgate {

template <typename Enum, std::size_t N>
constexpr std::string_view word_of(const std::array<std::string_view, N>& words, Enum value)
{
    return words[static_cast<std::size_t>(value)];
}

// The value whose word this is, exactly; nothing for any other word.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of_word(const std::array<std::string_view, N>& words, std::string_view word)
{
    for (std::size_t i = 0; i < N; ++i)
        if (words[i] == word)
            return static_cast<Enum>(i);
    return std::nullopt;
}

} // namespace smsgate
