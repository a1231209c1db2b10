// attributes.hpp - the ATTRIBUTE=VALUE settings of an allow entry in the
// senders table, as one const table of names and readers. An entry sets
// some of them; the rest come from the default entry or the built-in values.
#pragma once

#include "policy/senders.hpp"
#include "policy/table_text.hpp"
#include "util/result.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::policy {

// What one entry sets; nullopt: not set there.
struct Attributes {
    std::optional<bool> require_auth;
    std::optional<std::vector<std::string>> destinations;
    std::optional<std::vector<std::string>> types;
    std::optional<int> max_parts;
    std::optional<int> max_recipients;
    std::optional<Quota> quota;
    std::optional<NotifyLevel> notify;
    std::optional<std::string> prefix;
    std::optional<std::string> language;
};

// "auth", "destinations", "types", "parts", "recipients", "quota", "notify",
// "prefix", "language".
std::span<const std::string_view> attribute_names();

// Whether a word has the form of a known attribute: "parts=3".
bool is_attribute(std::string_view word);

// Reads one attribute into the entry's settings. Errors (field: the line):
// an unknown name, a bad value, a name given twice in the entry.
Status set_attribute(Attributes& attributes, const Attribute& attribute);

// The settings that are set, over a policy.
void apply(const Attributes& attributes, SenderPolicy& policy);

} // namespace smsgate::policy
