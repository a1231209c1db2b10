// send_limits.hpp - how much one SIM may send: parts per rolling hour and
// per rolling 24 hours, and a quiet window of local time in which it sends
// nothing ([modem.NAME] max_per_hour, max_per_day, quiet_hours).
#pragma once

#include "util/result.hpp"

#include <optional>
#include <string>

namespace smsgate::config {

// A window of local time, "22:00-07:00": from start (inclusive) to end
// (exclusive), in minutes after midnight; it runs over midnight when end is
// before start.
struct QuietHours {
    int start = 0;
    int end = 0;

    // Whether the minute of the day (0-1439) is inside the window.
    bool contains(int minute_of_day) const;
    std::string str() const; // "22:00-07:00"
};

struct SendLimits {
    int max_per_hour = 0; // SMS parts in any 60 minutes; 0: no limit
    int max_per_day = 0;  // SMS parts in any 24 hours; 0: no limit
    std::optional<QuietHours> quiet;

    bool any() const { return max_per_hour > 0 || max_per_day > 0 || quiet.has_value(); }
};

// "HH:MM-HH:MM" (24-hour clock); the error says what is wrong with it. An
// empty window (start equal to end) is an error.
Result<QuietHours> parse_quiet_hours(const std::string& text);

} // namespace smsgate::config
