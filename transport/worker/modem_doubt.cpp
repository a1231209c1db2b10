// modem_doubt.cpp - parts in doubt: what the modem's agent reads for the
// decision in doubt.cpp, and what it does with it. A part adopted with its
// status report is told to the sink once, as that report; a part sent again
// is counted on the part and logged with the queue id.
#include "log/log.hpp"
#include "sms/tp_status.hpp"
#include "worker/modem_agent.hpp"

namespace smsgate::worker {

std::vector<doubt::UnmatchedReport> ModemAgent::unmatched_reports(store::Seconds since)
{
    std::vector<doubt::UnmatchedReport> out;
    auto rows = store_->unmatched_reports(config_.name, since);
    if (!recorded(rows, "unmatched status reports"))
        return out;
    for (const auto& row : *rows) {
        auto pdu = sms::decode_pdu_hex(row.pdu_hex);
        if (!pdu || pdu->type != sms::PduType::status_report || !pdu->mr || !pdu->status || !pdu->scts)
            continue;
        out.push_back({row.id, pdu->number.display(), *pdu->mr, *pdu->status, epoch_of(*pdu->scts),
                       pdu->discharge ? pdu->discharge->iso8601() : ""});
    }
    return out;
}

ModemAgent::Settled ModemAgent::settle_doubt(const store::Job& job, store::Part& part)
{
    const std::string which =
        job.key.queue_id + ": " + config_.name + ": part " + std::to_string(part.seq) + " to " + job.number + " in doubt";
    doubt::PartInDoubt facts{job.number, part.sending_at, part.doubt_since, false, std::nullopt, swept_at_};
    sms::DecodeOptions stored; // a part is kept as its TPDU, without an SMSC
    stored.has_smsc = false;
    if (auto submit = sms::decode_pdu_hex(part.tpdu_hex, stored))
        facts.reports_requested = submit->report_request;
    if (auto kept = unrecorded_mr_.find(part.id); kept != unrecorded_mr_.end())
        facts.known_mr = kept->second;
    std::vector<doubt::UnmatchedReport> reports;
    if (facts.reports_requested)
        reports = unmatched_reports(part.sending_at);
    auto decision = doubt::decide(facts, reports, now(), worker_.doubt_seconds);

    switch (decision.verdict) {
    case doubt::Verdict::known_mr: {
        int mr = *facts.known_mr;
        if (!recorded(store_->mark_part_sent(part.id, mr, config_.name, now()), "part sent, mr " + std::to_string(mr)))
            break;
        unrecorded_mr_.erase(part.id);
        part.state = store::PartState::sent;
        part.mr = mr;
        status([](auto& s) { ++s.sent; });
        log::info(which + ": sent, mr " + std::to_string(mr) + " (" + decision.why + "; not sent again)");
        return Settled::sent;
    }
    case doubt::Verdict::adopt_report:
        return adopt(job, part, reports[decision.report], which, decision.why);
    case doubt::Verdict::wait:
        log::info(which + ": " + decision.why + " until " + std::to_string(decision.until - now()) +
                  " s from now before sending it again");
        recorded(store_->requeue_job(job.id, false, decision.until, now()), "requeue");
        recorded(store_->add_event(job.id, "waiting for the status report of part " + std::to_string(part.seq) +
                                               " in doubt until " + std::to_string(decision.until),
                                   now()),
                 "event");
        return Settled::waiting;
    case doubt::Verdict::read_storage:
        // Taken again at once, after the driver swept.
        log::info(which + ": " + decision.why + "; reading it before sending the part again");
        storage_wanted_ = true;
        recorded(store_->requeue_job(job.id, false, now(), now()), "requeue");
        return Settled::waiting;
    case doubt::Verdict::resend:
        log::warning(which + ": " + decision.why + "; sending it again (resend " +
                     std::to_string(part.doubt_resends + 1) + " of this part)");
        return Settled::resend;
    }
    requeue(job);
    return Settled::stuck;
}

ModemAgent::Settled ModemAgent::adopt(const store::Job& job, store::Part& part, const doubt::UnmatchedReport& r,
                                      const std::string& which, const std::string& why)
{
    auto st = sms::describe_tp_status(static_cast<std::uint8_t>(r.status));
    auto adopted = store_->adopt_report(part.id, r.row, r.mr, config_.name, r.status, st.final, now());
    if (!recorded(adopted, "status report of a part in doubt")) {
        requeue(job);
        return Settled::stuck;
    }
    part = *adopted;
    unrecorded_mr_.erase(part.id);
    status([](auto& s) { ++s.sent; });
    log::info(which + ": sent, mr " + std::to_string(r.mr) + " (" + why + "; not sent again)");
    // The sink saw this report unmatched and told nobody: now it is told
    // once, with its part.
    (void)sink_.report({config_.name, r.number, r.mr, r.status, r.discharge, part});
    return Settled::sent;
}

} // namespace smsgate::worker
