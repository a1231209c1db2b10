// notify.cpp - the notification levels.
#include "checks/notify.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace smsgate::checks {

namespace {

std::string lower_trimmed(std::string_view s)
{
    auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return "";
    auto e = s.find_last_not_of(" \t");
    std::string out(s.substr(b, e - b + 1));
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_bounce(std::string_view sender)
{
    auto s = lower_trimmed(sender);
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>')
        s = s.substr(1, s.size() - 2);
    return s.empty() || s == "mailer-daemon" || s.rfind("mailer-daemon@", 0) == 0;
}

bool is_automatic(std::string_view auto_submitted)
{
    // "auto-generated; reason=..." has parameters after the keyword.
    auto v = lower_trimmed(auto_submitted);
    v = v.substr(0, v.find(';'));
    v = lower_trimmed(v);
    return !v.empty() && v != "no";
}

} // namespace

bool wants_report(std::string_view level, Report report, std::string_view envelope_sender,
                  std::string_view auto_submitted)
{
    if (is_bounce(envelope_sender) || is_automatic(auto_submitted))
        return false;
    auto l = lower_trimmed(level);
    if (l == "none")
        return false;
    if (l == "all")
        return true;
    switch (report) {
    case Report::failed:
        return true;
    case Report::network:
        return l == "network";
    case Report::handset:
        return l == "handset";
    case Report::trying:
        return false;
    }
    return false;
}

} // namespace smsgate::checks
