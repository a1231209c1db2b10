// queries.hpp - the commands whose answer is a value, each naming the parser
// of its response line: the command table gives the line's prefix, the query
// the type it becomes. A caller asks for a value, and never finds a line
// and parses it by hand.
#pragma once

#include "at/commands.hpp"
#include "at/parse_network.hpp"
#include "at/parse_sms.hpp"
#include "at/transaction.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace smsgate::at {

template <typename T>
struct Query {
    Command command;
    Result<T> (*parse)(std::string_view line);
};

namespace queries {

inline constexpr Query<PinStatus> pin{Command::pin_query, parse_cpin};
inline constexpr Query<std::vector<StorageUse>> storage{Command::storage_query, parse_cpms};
inline constexpr Query<IndicationSupport> indications{Command::indications_support, parse_cnmi_support};
inline constexpr Query<SignalQuality> signal{Command::signal_quality, parse_csq};
inline constexpr Query<Registration> registration{Command::registration_query, parse_registration};
inline constexpr Query<Registration> eps_registration{Command::eps_registration_query, parse_registration};
inline constexpr Query<Operator> operator_name{Command::operator_query, parse_cops};
inline constexpr Query<SubmitReply> submit{Command::send, parse_cmgs};

} // namespace queries

// The value in an outcome: its first line with the command's prefix, parsed;
// nothing when the command failed, the line is missing or unreadable.
template <typename T>
std::optional<T> answer(const Query<T>& query, const Outcome& outcome)
{
    if (!outcome.ok())
        return std::nullopt;
    const auto* line = outcome.find(command_spec(query.command).prefix);
    if (!line)
        return std::nullopt;
    auto value = query.parse(line->line);
    if (!value)
        return std::nullopt;
    return std::move(value).value();
}

} // namespace smsgate::at
