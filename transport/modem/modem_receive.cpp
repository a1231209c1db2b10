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
    for (const auto& storage : storages_) {
        if (storages_.size() > 1)
            ch.run(at::Command::storage_select, {storage, storage, storage});
        auto list = ch.run(at::Command::list_all);
        if (!list.ok())
            continue;
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
        ch.run(at::Command::storage_select, {storages_.front(), storages_.front(), storages_.front()});
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
            if (urc.pdu)
                handle_pdu(ch, "", -1, length, *urc.pdu);
            if (ack_routed_)
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
            log::warning(config_.name + ": modem restarted by itself (" + log::printable(urc.line, 40) + ")");
            status([](auto& s) { s.registered = false; });
            break;
        default:
            log::info(config_.name + ": " + std::string(at::urc_kind_name(urc.kind)) + ": " +
                      log::printable(urc.line, 80));
        }
    }
}

void Modem::handle_pdu(Channel& ch, const std::string& storage, int index, int length, const std::string& pdu_hex)
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
        return;
    }
    if (row->state == store::IncomingState::fresh) {
        if (!hand_on(*row, length))
            return; // kept on the modem and in the database; the next sweep tries again
        if (!recorded(store_->set_incoming_state(row->id, store::IncomingState::handed), "message handed on"))
            return;
    }
    if (index < 0) {
        recorded(store_->set_incoming_state(row->id, store::IncomingState::deleted), "routed message done");
        return;
    }
    if (ch.run(at::Command::erase, {std::to_string(index)}).ok())
        recorded(store_->set_incoming_state(row->id, store::IncomingState::deleted), "message deleted");
}

} // namespace smsgate::modem
