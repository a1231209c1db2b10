// senders.cpp - reading the senders table into indexes of complete
// policies, and looking a sender up in them.
#include "policy/senders.hpp"

#include "policy/attributes.hpp"
#include "policy/key.hpp"
#include "policy/table_text.hpp"

#include <algorithm>

namespace smsgate::policy {

namespace {

// One entry as written, before the default entry completes it.
struct Entry {
    Key key;
    std::string key_text; // as written
    int line = 0;
    bool allow = false;
    std::string reject_text;
    Attributes attributes;
};

Error at_line(int line, std::string message) { return make_error(std::to_string(line), std::move(message)); }

// The reject text goes into an SMTP reply: printable ASCII only.
bool printable_ascii(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// The words after "reject", joined by single spaces.
Status read_reject_text(Words& words, Entry& entry)
{
    while (!words.done()) {
        const int line = words.line();
        const auto word = words.word();
        if (is_attribute(word))
            return at_line(line, "attribute '" + std::string(word) + "' after reject (attributes go with allow)");
        if (!printable_ascii(word))
            return at_line(line, "the reject text must be printable ASCII (it goes into an SMTP reply)");
        if (!entry.reject_text.empty())
            entry.reject_text.push_back(' ');
        entry.reject_text += word;
    }
    return Done{};
}

Result<Entry> read_entry(const LogicalLine& logical, const SendersTable::RegionCheck& known_region)
{
    Words words(logical);
    Entry entry;
    entry.line = logical.number();
    entry.key_text = words.word();
    auto key = parse_key(entry.key_text);
    if (!key)
        return at_line(entry.line, key.error().message);
    entry.key = std::move(*key);
    if (words.done())
        return at_line(entry.line, "no action after '" + entry.key_text + "': allow or reject");
    const int action_line = words.line();
    const auto action = words.word();
    if (action == "reject") {
        if (auto text = read_reject_text(words, entry); !text)
            return text.error();
        return entry;
    }
    if (action != "allow")
        return at_line(action_line, "unknown action '" + std::string(action) + "': allow or reject");
    entry.allow = true;
    while (!words.done()) {
        auto attribute = words.attribute();
        if (!attribute)
            return attribute.error();
        if (auto set = set_attribute(entry.attributes, *attribute); !set)
            return set.error();
        // "UK" would never match a number, and every SMS to Britain would bounce.
        if (attribute->name == "destinations" && known_region)
            for (const auto& d : *entry.attributes.destinations)
                if (d[0] != '+' && !known_region(d))
                    return at_line(attribute->line,
                                   "destination '" + d + "' is not a country code (BE, NL, GB, ...)");
    }
    return entry;
}

// Where a duplicate would collide: kinds have separate name spaces.
std::string identity(const Key& key) { return std::to_string(static_cast<int>(key.kind)) + key.text; }

// Every entry, or the first error; a key given twice is one.
Result<std::vector<Entry>> read_entries(const std::vector<LogicalLine>& lines,
                                        const SendersTable::RegionCheck& known_region)
{
    std::vector<Entry> entries;
    std::unordered_map<std::string, int> first_line;
    for (const auto& logical : lines) {
        auto entry = read_entry(logical, known_region);
        if (!entry)
            return entry.error();
        auto [seen, added] = first_line.emplace(identity(entry->key), entry->line);
        if (!added)
            return at_line(entry->line, "duplicate key '" + entry->key_text + "' (first at line " +
                                            std::to_string(seen->second) + ")");
        entries.push_back(std::move(*entry));
    }
    return entries;
}

// The built-in defaults, completed by the default entry when it allows.
SenderPolicy defaults(const std::vector<Entry>& entries)
{
    SenderPolicy base;
    for (const auto& entry : entries)
        if (entry.key.kind == KeyKind::default_entry && entry.allow)
            apply(entry.attributes, base);
    return base;
}

SenderPolicy complete(const Entry& entry, const SenderPolicy& base, const std::string& table_name)
{
    SenderPolicy policy = entry.allow ? base : SenderPolicy{};
    policy.allowed = entry.allow;
    policy.reject_text = entry.reject_text;
    apply(entry.attributes, policy);
    policy.matched_key = entry.key_text;
    policy.matched_line = entry.line;
    policy.matched_at = table_name + ":" + std::to_string(entry.line);
    return policy;
}

} // namespace

Result<SendersTable> SendersTable::parse(std::istream& in, const std::string& name, const RegionCheck& known_region)
{
    const auto fail = [&](const Error& e) {
        return make_error("line " + e.field, name + ":" + e.field + ": " + e.message);
    };
    auto lines = read_logical_lines(in);
    if (!lines)
        return fail(lines.error());
    auto entries = read_entries(*lines, known_region);
    if (!entries)
        return fail(entries.error());

    SendersTable table;
    table.name_ = name;
    const SenderPolicy base = defaults(*entries);
    for (const auto& entry : *entries) {
        const std::size_t i = table.entries_.size();
        table.entries_.push_back(complete(entry, base, name));
        switch (entry.key.kind) {
        case KeyKind::sasl_login: table.logins_.emplace(entry.key.text, i); break;
        case KeyKind::address: table.addresses_.emplace(entry.key.text, i); break;
        case KeyKind::local_part: table.local_parts_.emplace(entry.key.text, i); break;
        case KeyKind::domain: table.domains_.emplace(entry.key.text, i); break;
        case KeyKind::network: table.networks_.emplace_back(entry.key.network, i); break;
        case KeyKind::default_entry: table.default_ = i; break;
        }
    }
    // Longest prefix first. Two networks of one length and family never
    // both contain an address (they would be the same key), so the first
    // that contains the client is the longest match.
    std::stable_sort(table.networks_.begin(), table.networks_.end(),
                     [](const auto& a, const auto& b) { return a.first.prefix_length > b.first.prefix_length; });
    return table;
}

const SenderPolicy* SendersTable::find(const Index& index, std::string_view key) const
{
    if (key.empty())
        return nullptr;
    auto it = index.find(key);
    return it == index.end() ? nullptr : &entries_[it->second];
}

SenderPolicy SendersTable::lookup(const Query& query) const
{
    const SenderAddress sender(query.sender);
    const bool bounce = sender.address().empty();
    const SenderPolicy* found = find(logins_, query.sasl_login);
    if (!found && !bounce)
        found = find(addresses_, sender.address());
    if (!found && !bounce)
        found = find(local_parts_, sender.local_part());
    if (!found && !bounce)
        found = find(domains_, sender.domain());
    if (!found && !networks_.empty()) {
        if (const auto client = parse_client_address(query.client_address)) {
            auto net = std::find_if(networks_.begin(), networks_.end(),
                                    [&](const auto& n) { return n.first.contains(*client); });
            if (net != networks_.end())
                found = &entries_[net->second];
        }
    }
    if (!found && default_)
        found = &entries_[*default_];
    return found ? *found : no_entry_;
}

} // namespace smsgate::policy
