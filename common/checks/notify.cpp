// notify.cpp - the notification levels.
#include "checks/notify.hpp"

#include "mail/extract.hpp"
#include "util/text.hpp"

#include <string>

namespace smsgate::checks {

namespace {

std::string lower_trimmed(std::string_view s)
{
    auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return "";
    auto e = s.find_last_not_of(" \t");
    return ascii_lower(s.substr(b, e - b + 1));
}

bool is_bounce(std::string_view sender)
{
    auto s = lower_trimmed(sender);
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>')
        s = s.substr(1, s.size() - 2);
    return s.empty() || s == "mailer-daemon" || s.rfind("mailer-daemon@", 0) == 0;
}

} // namespace

bool never_answered(std::string_view envelope_sender, std::string_view auto_submitted)
{
    auto keyword = mail::auto_submitted_keyword(auto_submitted);
    return is_bounce(envelope_sender) || (!keyword.empty() && keyword != "no");
}

bool level_wants(NotifyLevel level, Report report)
{
    switch (level) {
    case NotifyLevel::none:
        return false;
    case NotifyLevel::all:
        return true;
    case NotifyLevel::failure:
    case NotifyLevel::network:
    case NotifyLevel::handset:
        break;
    }
    switch (report) {
    case Report::failed:
        return true;
    case Report::network:
        return level == NotifyLevel::network;
    case Report::handset:
        return level == NotifyLevel::handset;
    case Report::trying:
        return false;
    }
    return false;
}

} // namespace smsgate::checks
