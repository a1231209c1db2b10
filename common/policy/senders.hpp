// senders.hpp - the senders table (smsgate-senders(5)): who may send SMS
// through the gateway, and within which limits. Keyed by SASL login,
// envelope sender address, local part, sender domain and client network, in
// the spirit of Postfix's access(5).
//
// A table is immutable once parsed: the milter holds it as a
// shared_ptr<const SendersTable> snapshot that a reload replaces, and any
// number of threads may call lookup() on it at once.
#pragma once

#include "policy/notify_level.hpp"
#include "policy/network.hpp"
#include "util/result.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace smsgate::policy {

// The number types a sender may be allowed to send to, named as
// libphonenumber's PhoneNumberType values in lower case.
inline constexpr std::array<std::string_view, 12> number_type_names = {
    "mobile",      "fixed_line",      "fixed_line_or_mobile", "toll_free", "premium_rate", "shared_cost",
    "voip",        "personal_number", "pager",                "uan",       "voicemail",    "short_code",
};

struct Quota {
    int per_hour = 0; // 0: no limit
    int per_day = 0;

    bool limited() const { return per_hour > 0 || per_day > 0; }
    friend bool operator==(const Quota&, const Quota&) = default;
};

// What the table says about one sender: the attributes of the entry that
// matched, completed from an allow "default" entry, then from the built-in
// defaults below.
struct SenderPolicy {
    bool allowed = false;
    // The reject text as written; empty when the entry has none or nothing
    // matched (the caller then says "sender <x> is not allowed to send SMS").
    std::string reject_text;
    bool require_auth = false;
    // "+32" prefixes and "LU" region codes; empty: every destination.
    std::vector<std::string> destinations;
    std::vector<std::string> types = {"mobile", "fixed_line_or_mobile"};
    int max_parts = 3;       // SMS parts per message
    int max_recipients = 10; // SMS recipients per message
    Quota quota;
    NotifyLevel notify = NotifyLevel::failure;
    std::string prefix;             // put in front of the SMS text, as written
    std::string language;           // "nl"; empty: the templates' default

    // The entry that decided: its key as written ("@example.com"), its line,
    // and "senders:3" (table name and line) for log lines and replies. Empty
    // and 0 when no entry matched.
    std::string matched_key;
    int matched_line = 0;
    std::string matched_at;
};

struct Query {
    std::string sender;         // MAIL FROM, angle brackets optional; empty or "<>": a bounce
    std::string sasl_login;     // {auth_authen}; empty: no SMTP AUTH
    std::string client_address; // "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1"; empty: unknown
};

class SendersTable {
public:
    // An empty table: every lookup finds no entry.
    SendersTable() = default;

    // Whether a region code ("BE") names a country; the policy library
    // knows only the form, the caller may know the countries.
    using RegionCheck = std::function<bool(std::string_view)>;

    // The table from its text; name is the file's name for error messages
    // and matched_at ("senders:12: unknown attribute 'partz'"). The error's
    // field is "line 12", its message the whole text with name and line.
    // With known_region, a region code in destinations= that it refuses is
    // an error of the line that names it.
    static Result<SendersTable> parse(std::istream& in, const std::string& name,
                                      const RegionCheck& known_region = {});

    // In this order: sasl:LOGIN, the full sender address, user@, @domain, the
    // client network with the longest prefix, default. Nothing: not allowed,
    // no reject text.
    SenderPolicy lookup(const Query& query) const;

    std::size_t size() const { return entries_.size(); }
    // Every entry as read, in file order (for smsgatectl check).
    const std::vector<SenderPolicy>& entries() const { return entries_; }
    const std::string& name() const { return name_; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    using Index = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;

    const SenderPolicy* find(const Index& index, std::string_view key) const;

    std::string name_;
    std::vector<SenderPolicy> entries_; // complete, in file order
    Index logins_;
    Index addresses_;
    Index local_parts_;
    Index domains_;
    std::vector<std::pair<Network, std::size_t>> networks_; // longest prefix first
    std::optional<std::size_t> default_;
    SenderPolicy no_entry_;
};

} // namespace smsgate::policy
