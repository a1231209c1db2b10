// routing.hpp - where an incoming SMS goes: to the person who last wrote
// to its number within the reply window (a conversation), else to the
// address the number map gives, else to the default mailbox. Pure: the
// store's answers are the arguments.
#pragma once

#include "config/number_map.hpp"
#include "store/store.hpp"
#include "worker/mail_writer.hpp"

#include <optional>
#include <string>

namespace smsgate::worker {

// The originator as jobs store numbers: E.164 for a number libphonenumber
// reads (a national one with the default region); otherwise, and for an
// alphanumeric sender, as it came.
std::string originator_number(const std::string& originator, bool alphanumeric, const std::string& default_region);

// conversation: the latest job to the number within the window (with a
// sender), if any. An alphanumeric sender has no conversation.
Route choose_route(const std::string& originator, bool alphanumeric, const std::optional<store::Job>& conversation,
                   const config::NumberMap& map, const std::string& default_mailbox);

} // namespace smsgate::worker
