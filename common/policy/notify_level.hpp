// notify_level.hpp - the notification levels of the senders table
// (smsgate-senders(5)): which mails about an SMS go back to its sender.
// The words are those of the table, of X-SMS-Notify, of the worker's
// socket and of the store's jobs table; these two functions are the only
// place that turns a level into its word and back.
#pragma once

#include "util/words.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace smsgate::policy {

// In the order of notify_level_words.
enum class NotifyLevel { none, failure, network, handset, all };

inline constexpr std::array<std::string_view, 5> notify_level_words = {"none", "failure", "network", "handset", "all"};

inline std::string_view notify_level_word(NotifyLevel level)
{
    return word_of(notify_level_words, level);
}

// The level a word names exactly (lower case, no blanks); nothing for any
// other word.
inline std::optional<NotifyLevel> notify_level_from_word(std::string_view word)
{
    return value_of_word<NotifyLevel>(notify_level_words, word);
}

} // namespace smsgate::policy
