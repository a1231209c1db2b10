// modem_receive.cpp - SMS and status reports from the modem: the storage
// sweep (AT+CMGL), indications (+CMTI, +CDSI, routed +CMT/+CDS), decoding,
// reassembly of long messages, and deletion only after the message is safe.
#include "at/parse_network.hpp"
#include "at/parse_sms.hpp"
#include "log/log.hpp"
#include "modem/modem.hpp"
#include "sms/hex.hpp"
#include "sms/tp_status.hpp"

namespace smsgate::modem {

void Modem::sweep(Channel& ch)
{
    // Only <mem1> moves (TS 27.005 3.2.2): new messages keep going to
    // <mem3>, and a storage such as "SR" may be refused for the others. A
    // storage that cannot be selected is not listed: the listing would be of
    // another one.
    for (const auto& storage : storages_) {
        if (storages_.size() > 1 && !storage.empty() && !ch.run(at::Command::storage_read_select, {storage}).ok())
            continue;
        auto list = ch.run(at::Command::list_all);
        if (!list.ok())
            continue;
        if (storage == storages_.front() && storage_slots_ > 0 &&
            static_cast<int>(list.outcome->lines.size()) >= storage_slots_)
            log::warning(config_.name + ": storage " + (storage.empty() ? "in use" : storage) + " was full (" +
                         std::to_string(list.outcome->lines.size()) + " of " + std::to_string(storage_slots_) +
                         " slots); new messages waited at the network until it is emptied now");
        for (const auto& line : list.outcome->lines) {
            auto header = at::parse_cmgl(line.line);
            if (!header || !line.pdu) {
                log::warning(config_.name + ": unreadable listing line: " + log::printable(line.line, 80));
                continue;
            }
            // Stored outgoing messages (stat 2, 3) are not ours to read or delete.
            if (header->stat == at::MessageStat::stored_unsent || header->stat == at::MessageStat::stored_sent)
                continue;
            handle_pdu(ch, storage, header->index, header->length, *line.pdu);
            if (ch.link_failed())
                return;
        }
    }
    if (storages_.size() > 1)
        ch.run(at::Command::storage_read_select, {storages_.front()});
    retry_routed();
}

void Modem::handle_urcs(Channel& ch)
{
    while (!ch.urcs().empty()) {
        auto urc = std::move(ch.urcs().front());
        ch.urcs().pop_front();
        switch (urc.kind) {
        case at::UrcKind::new_message:
        case at::UrcKind::new_status_report:
            sweep_due_ = true;
            break;
        case at::UrcKind::message:
        case at::UrcKind::status_report: {
            // Routed +CMT or +CDS: the PDU exists only here; commit it first.
            int length = -1;
            if (urc.kind == at::UrcKind::message) {
                if (auto h = at::parse_cmt(urc.line))
                    length = h->length;
            } else if (auto h = at::parse_cds(urc.line)) {
                length = *h;
            }
            // Acknowledged only once it is in the database: without the
            // acknowledgement the network delivers it again later.
            bool kept = urc.pdu && handle_pdu(ch, "", -1, length, *urc.pdu);
            if (kept && ack_routed_)
                ch.run(at::Command::acknowledge);
            break;
        }
        case at::UrcKind::registration:
            if (auto reg = at::parse_registration(urc.line)) {
                bool registered = reg->registered();
                std::string text(at::reg_stat_text(reg->stat));
                status([&](auto& s) {
                    s.registered = registered;
                    s.registration = text;
                });
            }
            break;
        case at::UrcKind::restarted:
            log::warning(config_.name + ": modem restarted by itself (" + log::printable(urc.line, 40) +
                         "); initialising it again");
            status([](auto& s) { s.registered = false; });
            restarted_ = true;
            break;
        default:
            log::info(config_.name + ": " + std::string(at::urc_kind_name(urc.kind)) + ": " +
                      log::printable(urc.line, 80));
        }
    }
}

bool Modem::handle_pdu(Channel& ch, const std::string& storage, int index, int length, const std::string& pdu_hex)
{
    store::Incoming in;
    in.modem = config_.name;
    in.storage = storage;
    in.index = index;
    in.pdu_hex = pdu_hex;
    in.received = now();
    auto row = store_->add_incoming(in);
    if (!row) {
        log::error(config_.name + ": database: " + row.error().what() + "; message left on the modem");
        return false;
    }
    if (row->state == store::IncomingState::fresh) {
        if (!hand_on(*row, length))
            return true; // kept in the database (and on the modem); tried again at the next sweep
        if (!recorded(store_->set_incoming_state(row->id, store::IncomingState::handed), "message handed on"))
            return true;
    }
    if (index < 0) {
        recorded(store_->set_incoming_state(row->id, store::IncomingState::deleted), "routed message done");
        return true;
    }
    if (ch.run(at::Command::erase, {std::to_string(index)}).ok())
        recorded(store_->set_incoming_state(row->id, store::IncomingState::deleted), "message deleted");
    return true;
}

void Modem::retry_routed()
{
    // A routed +CMT/+CDS exists only in the database once acknowledged: one
    // whose hand-on failed is tried again here.
    auto fresh = store_->incoming_in_state(store::IncomingState::fresh, config_.name);
    if (!fresh)
        return;
    for (const auto& row : *fresh) {
        if (row.index >= 0 || !hand_on(row, -1))
            continue;
        if (recorded(store_->set_incoming_state(row.id, store::IncomingState::handed), "message handed on"))
            recorded(store_->set_incoming_state(row.id, store::IncomingState::deleted), "routed message done");
    }
}

} // namespace smsgate::modem
