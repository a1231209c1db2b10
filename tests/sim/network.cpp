// network.cpp - arrivals from the network, routing and storage by +CNMI,
// acknowledgements, and status reports for what was sent.
#include "network.hpp"

#include "modem.hpp"
#include "sent_log.hpp"

#include "sms/hex.hpp"
#include "sms/submit.hpp"

namespace smsgate::sim {

Network::~Network()
{
    modem_.loop().cancel(ack_timer_);
    for (auto id : report_timers_)
        modem_.loop().cancel(id);
}

Result<sms::PduType> Network::arrive(std::vector<std::uint8_t> octets)
{
    auto pdu = sms::decode_pdu(octets);
    if (!pdu)
        return pdu.error();
    if (pdu->type == sms::PduType::submit)
        return make_error("TP-MTI", "an SMS-SUBMIT does not come from the network");
    bool report = pdu->type == sms::PduType::status_report;
    modem_.log(std::string("event=arrival type=") + std::string(sms::pdu_type_name(pdu->type)) +
               " number=" + pdu->number.display());
    queue_.push_back(Arrival{std::move(octets), report, false});
    pump();
    return pdu->type;
}

Status Network::arrive_raw(std::vector<std::uint8_t> octets)
{
    if (octets.empty() || std::size_t{octets.front()} + 2 > octets.size())
        return make_error("pdu", "too short for an SMSC address and a first octet");
    modem_.log("event=arrival type=raw octets=" + std::to_string(octets.size()));
    queue_.push_back(Arrival{std::move(octets), false, false});
    pump();
    return Done{};
}

Result<std::size_t> Network::arrive_text(const std::string& from, const std::string& text,
                                         sms::DeliverOptions options, const std::vector<int>& order)
{
    options.smsc = modem_.options().smsc;
    auto parts = sms::encode_deliver(from, text, local_timestamp(), options);
    if (!parts)
        return parts.error();
    std::vector<int> sequence = order;
    for (int i = 1; sequence.empty() && i <= static_cast<int>(parts->size()); ++i)
        sequence.push_back(i);
    for (int part : order)
        if (part < 1 || part > static_cast<int>(parts->size()))
            return make_error("order", "there is no part " + std::to_string(part) + " of " +
                                           std::to_string(parts->size()));
    for (int part : sequence) {
        modem_.log("event=arrival type=SMS-DELIVER number=" + from + " part=" + std::to_string(part) + "/" +
                   std::to_string(parts->size()));
        queue_.push_back(Arrival{(*parts)[static_cast<std::size_t>(part - 1)], false, false});
    }
    pump();
    return parts->size();
}

void Network::submitted(const SentRecord& record)
{
    if (!record.srr)
        return;
    const Settings& s = modem_.settings();
    auto it = s.report_status_for.find(record.to.display());
    int status = it != s.report_status_for.end() ? it->second : s.report_status;
    report_timers_.push_back(modem_.loop().after(
        Millis(s.report_delay_ms),
        [this, mr = record.mr, to = record.to, scts = record.scts, status] { send_report(mr, to, scts, status); }));
}

Result<std::uint8_t> Network::report(std::uint8_t mr, int status, const std::optional<std::string>& number)
{
    const SentRecord* sent = modem_.sent().last_with_mr(mr);
    if (number) {
        auto to = sms::parse_address(*number);
        if (!to)
            return to.error();
        send_report(mr, *to, sent ? sent->scts : local_timestamp(), status);
    } else if (sent) {
        send_report(mr, sent->to, sent->scts, status);
    } else {
        return make_error("MR", "nothing was sent with MR " + std::to_string(mr) + "; give the number");
    }
    return mr;
}

void Network::send_report(std::uint8_t mr, const sms::Address& to, const sms::Timestamp& scts, int status)
{
    auto pdu = sms::encode_status_report(mr, to, scts, local_timestamp(), static_cast<std::uint8_t>(status),
                                         modem_.options().smsc);
    if (!pdu) {
        modem_.log("event=report-failed error=\"" + pdu.error().what() + "\"");
        return;
    }
    modem_.log("event=arrival type=SMS-STATUS-REPORT mr=" + std::to_string(mr) + " status=" + std::to_string(status));
    queue_.push_back(Arrival{std::move(*pdu), true, false});
    pump();
}

void Network::pump()
{
    for (auto it = queue_.begin(); it != queue_.end();) {
        if (deliver(*it))
            it = queue_.erase(it);
        else
            ++it;
    }
}

// TS 27.005 3.4.1: <mt> 2 routes SMS-DELIVERs (+CMT), <ds> 1 routes status
// reports (+CDS); <mt> 1 or 3 stores with +CMTI, <ds> 2 with +CDSI; <mode>
// 0 keeps indications in the modem (here: none are sent). A link without a
// client cannot take a routed message: it is stored instead.
bool Network::deliver(const Arrival& a)
{
    const AtProfile& p = modem_.profile();
    bool indications = p.cnmi[0] != 0;
    int how = a.status_report ? p.cnmi[3] : p.cnmi[1];
    bool routed = indications && !a.store_only && how == (a.status_report ? 1 : 2) && modem_.any_client();
    if (routed) {
        if (awaiting_ack_)
            return false; // no second +CMT before the first is acknowledged
        route(a);
        return true;
    }
    Storage& storage = modem_.storage();
    Memory& memory = a.status_report ? storage.report_memory() : storage.receive_memory();
    auto index = memory.store(Message{a.octets, Stat::rec_unread, a.status_report});
    if (!index)
        return false; // memory full: waits until a slot is freed
    modem_.log("event=stored memory=" + memory.name() + " index=" + std::to_string(*index));
    std::string where = "\"" + memory.name() + "\"," + std::to_string(*index);
    if (indications && !a.status_report && (how == 1 || how == 3))
        modem_.unsolicited("+CMTI: " + where);
    if (indications && a.status_report && how == 2)
        modem_.unsolicited("+CDSI: " + where);
    return true;
}

void Network::route(const Arrival& a)
{
    std::string length = std::to_string(sms::tpdu_length(a.octets));
    std::string hex = sms::to_hex(a.octets);
    modem_.unsolicited(a.status_report ? "+CDS: " + length + "\r\n" + hex : "+CMT: ," + length + "\r\n" + hex);
    if (modem_.profile().csms != 1)
        return; // phase 2: no acknowledgement
    awaiting_ack_ = a;
    ack_timer_ = modem_.loop().after(Millis(modem_.settings().ack_timeout_ms), [this] { ack_timed_out(); });
}

// TS 27.005 3.4.1: without an acknowledgement in time the modem turns
// routing off (<mt> and <ds> to 0); the network tries again, and then the
// message is stored.
void Network::ack_timed_out()
{
    ack_timer_ = 0;
    if (!awaiting_ack_)
        return;
    Arrival a = std::move(*awaiting_ack_);
    awaiting_ack_.reset();
    a.store_only = true;
    modem_.profile().cnmi[1] = 0;
    modem_.profile().cnmi[3] = 0;
    modem_.log("event=ack-timeout routing=off");
    queue_.push_front(std::move(a));
    pump();
}

bool Network::acknowledge(bool positive)
{
    if (!awaiting_ack_)
        return false;
    modem_.loop().cancel(ack_timer_);
    ack_timer_ = 0;
    if (!positive) {
        Arrival a = std::move(*awaiting_ack_);
        a.store_only = true;
        queue_.push_front(std::move(a));
    }
    awaiting_ack_.reset();
    pump();
    return true;
}

void Network::reset()
{
    modem_.loop().cancel(ack_timer_);
    ack_timer_ = 0;
    if (awaiting_ack_) {
        Arrival a = std::move(*awaiting_ack_);
        a.store_only = true;
        queue_.push_front(std::move(a));
        awaiting_ack_.reset();
    }
}

} // namespace smsgate::sim
