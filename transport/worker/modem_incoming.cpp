// modem_incoming.cpp - what a PDU the modem received becomes: a status
// report matched to the part it reports on, an SMS handed to the sink, or
// one part of a long SMS kept in SQLite until the others come (or the
// timeout passes, and it goes out with a visible mark of what is missing).
#include "log/log.hpp"
#include "sms/tp_status.hpp"
#include "worker/modem_agent.hpp"

#include <ctime>

namespace smsgate::worker {

store::Seconds epoch_of(const sms::Timestamp& t)
{
    std::tm tm{};
    tm.tm_year = t.year - 1900;
    tm.tm_mon = t.month - 1;
    tm.tm_mday = t.day;
    tm.tm_hour = t.hour;
    tm.tm_min = t.minute;
    tm.tm_sec = t.second;
    return static_cast<store::Seconds>(timegm(&tm)) - t.zone_minutes.value_or(0) * 60;
}

namespace {

// The parts joined in order, with a mark where one is missing.
ReceivedSms assemble(const std::vector<store::IncomingPart>& parts, const std::string& modem)
{
    ReceivedSms sms;
    sms.modem = modem;
    sms.originator = parts.front().originator;
    sms.scts_epoch = parts.front().scts;
    sms.zone_minutes = parts.front().zone_minutes;
    sms.parts = parts.front().total;
    std::size_t next = 0;
    for (int seq = 1; seq <= parts.front().total; ++seq) {
        if (next < parts.size() && parts[next].seq == seq) {
            sms.text += parts[next++].text;
        } else {
            sms.missing.push_back(seq);
            sms.text += "[part " + std::to_string(seq) + " of " + std::to_string(sms.parts) + " missing]";
        }
    }
    return sms;
}

// "2", "2, 3"
std::string missing_list(const std::vector<int>& missing)
{
    std::string out;
    for (int seq : missing)
        out += (out.empty() ? "" : ", ") + std::to_string(seq);
    return out;
}

} // namespace

bool ModemAgent::hand_on(const store::Incoming& row, int length)
{
    sms::DecodeOptions options;
    if (length >= 0)
        options.tpdu_length = static_cast<std::size_t>(length);
    auto pdu = sms::decode_pdu_hex(row.pdu_hex, options);
    if (!pdu)
        return sink_.undecodable({config_.name, row.pdu_hex, pdu.error().what(), row.id}).ok();
    if (pdu->type == sms::PduType::status_report)
        return hand_on_report(row, *pdu);
    if (pdu->type != sms::PduType::deliver)
        return sink_.undecodable({config_.name, row.pdu_hex, "an SMS-SUBMIT among received messages", row.id}).ok();
    return hand_on_deliver(row, *pdu);
}

bool ModemAgent::hand_on_report(const store::Incoming& row, const sms::Pdu& pdu)
{
    auto st = sms::describe_tp_status(*pdu.status);
    StatusReport report{config_.name, pdu.number.display(), *pdu.mr, *pdu.status,
                        pdu.discharge ? pdu.discharge->iso8601() : "", std::nullopt};
    // Remembered on the row: handed on again, it reports on the same part.
    auto matched = store_->match_report(row.id, config_.name, *pdu.mr, report.recipient, *pdu.status, st.final, now());
    if (!matched)
        return false;
    report.part = *matched;
    // It may be the report of a part in doubt: that part's job looks now.
    if (!*matched)
        recorded(store_->wake_doubt_jobs(config_.name, now()), "a report for parts in doubt");
    return sink_.report(report).ok();
}

bool ModemAgent::hand_on_deliver(const store::Incoming& row, const sms::Pdu& pdu)
{
    // The row that completed a long SMS, handed on again after a crash: its
    // mail is written, and its parts went with it.
    std::string key = "incoming:" + std::to_string(row.id);
    auto known = store_->mail_known(key);
    if (!known)
        return false;
    if (*known) {
        if (pdu.concat)
            drop_parts_mailed_with(row, store::PartsKey{config_.name, pdu.number.display(),
                                                        static_cast<int>(pdu.concat->ref), pdu.concat->ref_bits,
                                                        static_cast<int>(pdu.concat->total)});
        return true;
    }

    status([](auto& s) { ++s.received; });
    ReceivedSms sms;
    sms.modem = config_.name;
    sms.originator = pdu.number.display();
    sms.alphanumeric = pdu.number.alphanumeric();
    sms.text = pdu.text;
    sms.smsc = pdu.smsc ? pdu.smsc->display() : "";
    // An SCTS that names no moment (month 13) is no time at all, not
    // whatever timegm() would make of it.
    sms.scts_epoch = pdu.scts && pdu.scts->valid() ? epoch_of(*pdu.scts) : 0;
    sms.zone_minutes = pdu.scts ? pdu.scts->zone_minutes.value_or(0) : 0;
    sms.scts_unusable = pdu.scts && !pdu.scts->valid() ? pdu.scts->iso8601() : "";
    sms.key = key;
    if (!pdu.concat)
        return sink_.sms(sms).ok();
    return hand_on_part(sms, row, pdu);
}

bool ModemAgent::hand_on_part(const ReceivedSms& sms, const store::Incoming& row, const sms::Pdu& pdu)
{
    store::IncomingPart part{config_.name, sms.originator, static_cast<int>(pdu.concat->ref), pdu.concat->ref_bits,
                             static_cast<int>(pdu.concat->total), static_cast<int>(pdu.concat->seq), pdu.text,
                             sms.scts_epoch, now(), sms.zone_minutes, sms.alphanumeric, row.id};
    auto parts = store_->add_incoming_part(part);
    if (!parts || parts->empty())
        return false;
    auto set = parts->front().message(); // the copy the part went to
    auto sets = store_->incoming_sets(set);
    if (sets && *sets > 1)
        log::warning(config_.name + ": long SMS from " + log::printable(sms.originator, 40) + ": reference " +
                     std::to_string(part.ref) + " is used by " + std::to_string(*sets) +
                     " messages at once; part " + std::to_string(part.seq) + " of " + std::to_string(part.total) +
                     " kept with set " + std::to_string(set.copy + 1) + ", each set is delivered on its own");
    if (static_cast<int>(parts->size()) < part.total)
        return true; // safe in SQLite; the rest will come
    auto whole = assemble(*parts, config_.name);
    whole.alphanumeric = sms.alphanumeric;
    whole.smsc = sms.smsc;
    whole.key = sms.key;
    whole.consumes = set;
    if (!sink_.sms(whole))
        return false;
    // A sink that keeps no mails leaves them.
    recorded(store_->drop_incoming_parts(set), "parts delivered");
    return true;
}

void ModemAgent::drop_parts_mailed_with(const store::Incoming& row, const store::PartsKey& message)
{
    // Only the set this row completed: the one its part went to, or (parts
    // kept before rows were recorded on them) a whole set without rows.
    auto with_row = store_->incoming_parts_with_row(message, row.id);
    if (!with_row)
        return;
    if (!with_row->empty()) {
        recorded(store_->drop_incoming_parts(with_row->front().message()), "parts already mailed");
        return;
    }
    auto parts = store_->incoming_parts(message);
    if (!parts || static_cast<int>(parts->size()) != message.total)
        return;
    for (const auto& p : *parts)
        if (p.incoming_row)
            return;
    recorded(store_->drop_incoming_parts(message), "parts already mailed");
}

void ModemAgent::deliver_stale_parts()
{
    auto stale = store_->stale_incoming_parts(now() - worker_.incoming_part_timeout);
    if (!stale)
        return;
    for (const auto& one : *stale)
        if (one.modem == config_.name)
            deliver_stale(one);
}

void ModemAgent::deliver_stale(const store::IncomingPart& one)
{
    auto message = one.message();
    // A row of it that is still to be handed on again (its hand-over
    // failed) may complete the set: it goes first, for as long again as the
    // timeout. A row the modem no longer lists stays fresh for ever; then
    // what came is delivered all the same.
    auto fate = store_->parts_fate(message, now() - 2 * worker_.incoming_part_timeout);
    if (!fate || fate->waiting)
        return;
    if (fate->stuck)
        log::warning(config_.name + ": long SMS from " + log::printable(one.originator, 40) +
                     ": a part's message was never handed on again (no longer on the modem?)");
    auto parts = store_->incoming_parts(message);
    if (!parts || parts->empty())
        return;
    auto whole = assemble(*parts, config_.name);
    const auto& first = parts->front();
    // Parts kept before schema 3 have no flag: a name has a letter in it.
    whole.alphanumeric = first.alphanumeric ||
                         (!first.incoming_row && one.originator.find_first_not_of("+0123456789") != std::string::npos);
    whole.key = "parts:" + one.modem + ":" + one.originator + ":" + std::to_string(one.ref) + ":" +
                std::to_string(one.ref_bits) + ":" + std::to_string(one.total) + ":" + std::to_string(one.received);
    if (one.copy > 0)
        whole.key += ":" + std::to_string(one.copy);
    whole.consumes = message;
    if (whole.missing.empty())
        log::warning(config_.name + ": long SMS from " + log::printable(one.originator, 40) +
                     " complete but never delivered; delivering it now");
    else
        log::warning(config_.name + ": long SMS from " + log::printable(one.originator, 40) + " incomplete after " +
                     std::to_string(worker_.incoming_part_timeout) + " s (" + std::to_string(parts->size()) + " of " +
                     std::to_string(one.total) + " parts, missing " + missing_list(whole.missing) +
                     "); delivering what came");
    if (sink_.sms(whole))
        recorded(store_->drop_incoming_parts(message), "parts delivered");
}

} // namespace smsgate::worker
