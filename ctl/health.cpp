// health.cpp - the judgement of smsgatectl status --check.
#include "health.hpp"

#include <string_view>
#include <vector>

namespace smsgate::ctl {

namespace {

constexpr std::string_view level_names[] = {"OK", "WARNING", "CRITICAL"};

// What is wrong with one modem ("gsm0 link down"), or "" when nothing is.
std::string modem_trouble(const proto::Message& m, const std::string& k, const HealthLimits& limits)
{
    auto name = m.value_or(k + "name", "?");
    if (m.value_or(k + "link", "") != "up")
        return name + " link " + m.value_or(k + "link", "down");
    if (m.value_or(k + "registered", "") != "yes")
        return name + " not registered (" + m.value_or(k + "registration", "unknown") + ")";
    if (auto dbm = m.number(k + "signal_dbm"); dbm && *dbm <= limits.weak_signal_dbm)
        return name + " signal " + std::to_string(*dbm) + " dBm";
    auto slots = m.number(k + "storage_slots").value_or(0);
    if (slots > 0 && m.number(k + "storage_used").value_or(0) >= slots)
        return name + " storage full";
    return "";
}

} // namespace

Health judge(const proto::Message& status, const HealthLimits& limits)
{
    auto modems = status.number("modems").value_or(0);
    long long can_send = 0;
    std::vector<std::string> troubles;
    for (long long i = 0; i < modems; ++i) {
        auto k = "modem" + std::to_string(i) + ".";
        bool sends = status.value_or(k + "link", "") == "up" && status.value_or(k + "registered", "") == "yes";
        can_send += sends ? 1 : 0;
        if (auto trouble = modem_trouble(status, k, limits); !trouble.empty())
            troubles.push_back(trouble);
    }
    auto age = status.number("oldest_mail_age").value_or(0);
    if (age > limits.mail_age)
        troubles.push_back("a mail waits for sendmail since " + std::to_string(age) + " s");

    Health h;
    h.code = can_send == 0 ? 2 : troubles.empty() ? 0 : 1;
    h.line = "SMSGATE " + std::string(level_names[h.code]) + " - " + std::to_string(can_send) + " of " +
             std::to_string(modems) + " modems can send";
    for (const auto& t : troubles)
        h.line += "; " + t;
    h.line += " | modems_sending=" + std::to_string(can_send) + " jobs_waiting=" + status.value_or("queued", "0") +
              " mails_waiting=" + status.value_or("mails", "0");
    return h;
}

} // namespace smsgate::ctl
