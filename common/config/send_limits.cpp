// send_limits.cpp - the quiet window's form.
#include "config/send_limits.hpp"

#include <cstdio>

namespace smsgate::config {

namespace {

// "HH:MM" at the start of text: minutes after midnight, or -1.
int clock_minutes(const std::string& text)
{
    if (text.size() != 5 || text[2] != ':')
        return -1;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (text[i] < '0' || text[i] > '9')
            return -1;
    int hours = (text[0] - '0') * 10 + (text[1] - '0');
    int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59)
        return -1;
    return hours * 60 + minutes;
}

std::string clock_text(int minutes)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 24, minutes % 60);
    return buf;
}

} // namespace

bool QuietHours::contains(int minute_of_day) const
{
    if (start < end)
        return minute_of_day >= start && minute_of_day < end;
    return minute_of_day >= start || minute_of_day < end;
}

std::string QuietHours::str() const { return clock_text(start) + "-" + clock_text(end); }

Result<QuietHours> parse_quiet_hours(const std::string& text)
{
    auto dash = text.find('-');
    if (dash == std::string::npos)
        return make_error("quiet_hours", "quiet_hours '" + text + "' is not HH:MM-HH:MM");
    int start = clock_minutes(text.substr(0, dash));
    int end = clock_minutes(text.substr(dash + 1));
    if (start < 0 || end < 0)
        return make_error("quiet_hours", "quiet_hours '" + text + "' is not HH:MM-HH:MM (00:00 to 23:59)");
    if (start == end)
        return make_error("quiet_hours", "quiet_hours '" + text + "' is empty: its start and end are the same");
    return QuietHours{start, end};
}

} // namespace smsgate::config
