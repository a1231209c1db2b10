// doubt.cpp - the decision about a part in doubt (see doubt.hpp).
#include "worker/doubt.hpp"

#include <algorithm>

namespace smsgate::worker::doubt {

bool fits(const PartInDoubt& part, const UnmatchedReport& report, int doubt_seconds)
{
    // The SMSC stamps the message when it takes it: not before the send
    // began (both clocks have whole seconds), and within the window.
    return report.number == part.number && report.scts >= part.sending_at &&
           report.scts <= part.sending_at + doubt_seconds;
}

Decision decide(const PartInDoubt& part, std::span<const UnmatchedReport> reports, store::Seconds now,
                int doubt_seconds)
{
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < reports.size(); ++i)
        if (part.reports_requested && fits(part, reports[i], doubt_seconds) &&
            (!part.known_mr || reports[i].mr == *part.known_mr) && (!best || reports[i].scts < reports[*best].scts))
            best = i;
    if (best)
        return {Verdict::adopt_report, *best, 0, "its status report came"};
    if (part.known_mr)
        return {Verdict::known_mr, 0, 0, "+CMGS: " + std::to_string(*part.known_mr) + " was answered"};
    if (!part.reports_requested)
        return {Verdict::resend, 0, 0, "no status report was requested"};
    auto deadline = std::max(part.doubt_since, part.sending_at) + doubt_seconds;
    if (now < deadline)
        return {Verdict::wait, 0, deadline, "waiting for its status report"};
    if (part.storage_read_at < deadline)
        return {Verdict::read_storage, 0, 0, "its status report may wait in the modem's storage"};
    return {Verdict::resend, 0, 0, "no status report within " + std::to_string(doubt_seconds) + " s"};
}

} // namespace smsgate::worker::doubt
