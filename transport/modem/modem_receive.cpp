// modem_receive.cpp - SMS and status reports from the modem: the storage
// sweep (AT+CMGL), indications (+CMTI, +CDSI, routed +CMT/+CDS), and
// deletion from the modem only once the layer above says the message is safe.
#include "at/parse_network.hpp"
#include "at/parse_sms.hpp"
#include "log/log.hpp"
#include "modem/modem.hpp"

namespace smsgate::modem {

void Modem::sweep_to_end(Channel& ch)
{
    // A full storage keeps new messages at the network (status reports
    // among them): each sweep that empties it lets the next ones in. The
    // next sweep follows the next send, so that sending goes on while the
    // network keeps the storage full; swept() waits for the one that finds
    // it no longer full.
    if (sweep(ch))
        sweep_due_ = true;
    else if (!ch.link_failed())
        events_.swept();
}

bool Modem::sweep(Channel& ch)
{
    bool again = false;
    // Only <mem1> moves (TS 27.005 3.2.2): new messages keep going to
    // <mem3>, and a storage such as "SR" may be refused for the others. A
    // storage that cannot be selected is not listed: the listing would be of
    // another one.
    for (const auto& storage : storages_) {
        if (storages_.size() > 1 && !storage.empty() && !ch.run(at::Command::storage_read_select, {storage}).ok())
            continue;
        again = sweep_storage(ch, storage) || again;
        if (ch.link_failed())
            return false;
    }
    if (storages_.size() > 1)
        ch.run(at::Command::storage_read_select, {storages_.front()});
    return again;
}

bool Modem::sweep_storage(Channel& ch, const std::string& storage)
{
    auto list = ch.run(at::Command::list_all);
    if (!list.ok())
        return false;
    bool full = storage == storages_.front() && storage_slots_ > 0 &&
                static_cast<int>(list.outcome->lines.size()) >= storage_slots_;
    if (full)
        log::warning(settings_.name + ": storage " + (storage.empty() ? "in use" : storage) + " was full (" +
                     std::to_string(list.outcome->lines.size()) + " of " + std::to_string(storage_slots_) +
                     " slots); new messages waited at the network until it is emptied now");
    int left = static_cast<int>(list.outcome->lines.size());
    for (const auto& line : list.outcome->lines) {
        auto header = at::parse_cmgl(line.line);
        if (!header || !line.pdu) {
            log::warning(settings_.name + ": unreadable listing line: " + log::printable(line.line, 80));
            continue;
        }
        // Stored outgoing messages (stat 2, 3) are not ours to read or delete.
        if (header->stat == at::MessageStat::stored_unsent || header->stat == at::MessageStat::stored_sent)
            continue;
        if (take(ch, {storage, header->index, header->length, *line.pdu}) == Taken::erased)
            --left;
        if (ch.link_failed())
            return false;
    }
    if (storage == storages_.front() && state_.storage_used != left)
        update([&](auto& s) { s.storage_used = left; });
    // Slots were freed in a full storage: what waited may be there now.
    return full && left < static_cast<int>(list.outcome->lines.size());
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
        case at::UrcKind::status_report:
            handle_routed(ch, urc);
            break;
        case at::UrcKind::registration:
            if (auto reg = at::parse_registration(urc.line)) {
                bool registered = reg->registered();
                std::string text(at::reg_stat_text(reg->stat));
                update([&](auto& s) {
                    s.registered = registered;
                    s.registration = text;
                });
            }
            break;
        case at::UrcKind::restarted:
            log::warning(settings_.name + ": modem restarted by itself (" + log::printable(urc.line, 40) +
                         "); initialising it again");
            update([](auto& s) { s.registered = false; });
            restarted_ = true;
            break;
        default:
            log::info(settings_.name + ": " + std::string(at::urc_kind_name(urc.kind)) + ": " +
                      log::printable(urc.line, 80));
        }
    }
}

void Modem::handle_routed(Channel& ch, const at::Urc& urc)
{
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
    bool kept = urc.pdu && take(ch, {"", -1, length, *urc.pdu}) != Taken::left;
    if (kept && ack_routed_)
        ch.run(at::Command::acknowledge);
}

Modem::Taken Modem::take(Channel& ch, const ReceivedPdu& pdu)
{
    auto receipt = events_.received(pdu);
    if (!receipt.kept)
        return Taken::left;
    if (receipt.erase && pdu.index >= 0 && ch.run(at::Command::erase, {std::to_string(pdu.index)}).ok()) {
        events_.erased(receipt.row);
        return Taken::erased;
    }
    return Taken::kept;
}

} // namespace smsgate::modem
