// at_sms.cpp - the TS 27.005 commands of PDU mode but AT+CMGS: message
// format (3.2.3), service (3.2.1), storage (3.2.2), indications (3.4.1),
// the service centre (3.3.1), listing, reading and deleting (3.4.2, 3.4.3,
// 3.5.4) and acknowledgement (3.4.4).
#include "at_commands.hpp"
#include "modem.hpp"
#include "network.hpp"

#include "sms/hex.hpp"

#include <utility>

namespace smsgate::sim {

namespace {

using Form = Command::Form;

// +CMS ERROR codes of TS 27.005 3.2.5 that these commands give.
constexpr int cms_not_allowed = 302;
constexpr int cms_not_supported = 303;
constexpr int cms_invalid_pdu_parameter = 304;
constexpr int cms_invalid_index = 321;
constexpr int cms_no_ack_expected = 340;

Final cmgf(CommandContext& ctx)
{
    if (ctx.is(Form::read))
        ctx.info.push_back("+CMGF: 0");
    else if (ctx.is(Form::test))
        ctx.info.push_back("+CMGF: (0)");
    else if (ctx.command.args != "0")
        return Final::error(); // PDU mode only
    return Final::ok();
}

Final csms(CommandContext& ctx)
{
    int& service = ctx.modem.profile().csms;
    if (ctx.is(Form::read)) {
        ctx.info.push_back("+CSMS: " + std::to_string(service) + ",1,1,1");
    } else if (ctx.is(Form::test)) {
        ctx.info.push_back("+CSMS: (0,1)");
    } else if (auto n = int_arg(ctx.command.args, 0, 1)) {
        service = *n;
        ctx.info.push_back("+CSMS: 1,1,1");
    } else {
        return Final::cms(cms_not_supported);
    }
    return Final::ok();
}

std::string usage(Memory& m) { return std::to_string(m.used()) + "," + std::to_string(m.size()); }

Final cpms(CommandContext& ctx)
{
    Storage& storage = ctx.modem.storage();
    if (ctx.is(Form::test)) {
        std::string readable = storage.has_sr() ? "(\"SM\",\"ME\",\"SR\")" : "(\"SM\",\"ME\")";
        ctx.info.push_back("+CPMS: " + readable + ",(\"SM\",\"ME\"),(\"SM\",\"ME\")");
        return Final::ok();
    }
    if (ctx.is(Form::read)) {
        std::string line = "+CPMS: ";
        for (std::size_t i = 0; i < 3; ++i)
            line += (i ? ",\"" : "\"") + storage.selected[i] + "\"," + usage(*storage.find(storage.selected[i]));
        ctx.info.push_back(line);
        return Final::ok();
    }
    auto args = ctx.args();
    if (args.empty() || args.size() > 3)
        return Final::error();
    auto selected = storage.selected;
    for (std::size_t i = 0; i < args.size(); ++i) {
        bool known = storage.find(args[i]) != nullptr && (i == 0 || args[i] != "SR");
        if (!known)
            return Final::cms(cms_not_allowed);
        selected[i] = args[i];
    }
    storage.selected = selected;
    std::string line = "+CPMS: ";
    for (std::size_t i = 0; i < 3; ++i)
        line += (i ? "," : "") + usage(*storage.find(selected[i]));
    ctx.info.push_back(line);
    return Final::ok();
}

Final cnmi(CommandContext& ctx)
{
    auto& values = ctx.modem.profile().cnmi;
    if (ctx.is(Form::read)) {
        std::string line = "+CNMI: ";
        for (std::size_t i = 0; i < values.size(); ++i)
            line += (i ? "," : "") + std::to_string(values[i]);
        ctx.info.push_back(line);
        return Final::ok();
    }
    if (!ctx.modem.settings().cnmi)
        return Final::cms(cms_not_supported); // the driver must poll
    if (ctx.is(Form::test)) {
        ctx.info.push_back("+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)");
        return Final::ok();
    }
    static constexpr int max[] = {3, 3, 3, 2, 1};
    auto args = ctx.args();
    if (args.empty() || args.size() > values.size())
        return Final::error();
    auto wanted = values;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].empty())
            continue; // an omitted parameter keeps its value
        auto n = int_arg(args[i], 0, max[i]);
        if (!n)
            return Final::cms(cms_not_supported);
        wanted[i] = *n;
    }
    values = wanted;
    return Final::ok();
}

Final csca(CommandContext& ctx)
{
    std::string& sca = ctx.modem.service_centre();
    if (ctx.is(Form::read)) {
        ctx.info.push_back("+CSCA: \"" + sca + "\"," + (sca.starts_with("+") ? "145" : "129"));
        return Final::ok();
    }
    if (ctx.is(Form::test))
        return Final::ok();
    auto args = ctx.args();
    if (args.empty() || args[0].size() > 21)
        return Final::error();
    sca = args[0];
    return Final::ok();
}

// Adds "+CMGL: <index>,<stat>,,<length>" or "+CMGR: <stat>,,<length>" and the PDU.
void show(CommandContext& ctx, Memory& memory, Message& message, std::string header)
{
    auto shown = listing(message, memory, ctx.modem.options().pad_status_reports);
    ctx.info.push_back(header + std::to_string(static_cast<int>(message.stat)) + ",," +
                       std::to_string(shown.length));
    ctx.info.push_back(sms::to_hex(shown.octets));
    if (message.stat == Stat::rec_unread)
        message.stat = Stat::rec_read;
}

Final cmgl(CommandContext& ctx)
{
    if (ctx.is(Form::test)) {
        ctx.info.push_back("+CMGL: (0-4)");
        return Final::ok();
    }
    int wanted = 0; // REC UNREAD when no <stat> is given
    if (ctx.is(Form::set)) {
        auto n = int_arg(ctx.command.args, 0, 4);
        if (!n)
            return Final::cms(cms_invalid_pdu_parameter); // "ALL" and the like are text mode
        wanted = *n;
    }
    Memory& memory = ctx.modem.storage().read_memory();
    bool noise = ctx.modem.settings().urc_in_response; // an unsolicited line after the first entry
    for (int index : memory.used_indexes()) {
        Message& m = *memory.at(index);
        if (wanted != 4 && static_cast<int>(m.stat) != wanted)
            continue;
        show(ctx, memory, m, "+CMGL: " + std::to_string(index) + ",");
        if (std::exchange(noise, false))
            ctx.info.push_back("^RSSI:" + std::to_string(ctx.modem.settings().rssi));
    }
    return Final::ok();
}

Final cmgr(CommandContext& ctx)
{
    if (ctx.is(Form::test))
        return Final::ok();
    Memory& memory = ctx.modem.storage().read_memory();
    auto index = int_arg(ctx.command.args, memory.first_index(), memory.last_index());
    Message* m = index ? memory.at(*index) : nullptr;
    if (!m)
        return Final::cms(cms_invalid_index);
    show(ctx, memory, *m, "+CMGR: ");
    return Final::ok();
}

// <delflag> (TS 27.005 3.5.4): 1 read, 2 read and sent, 3 read, sent and
// unsent, 4 all.
bool deleted_by_flag(Stat stat, int flag)
{
    switch (stat) {
    case Stat::rec_read:
        return flag >= 1;
    case Stat::sto_sent:
        return flag >= 2;
    case Stat::sto_unsent:
        return flag >= 3;
    case Stat::rec_unread:
        break;
    }
    return flag >= 4;
}

Final cmgd(CommandContext& ctx)
{
    Memory& memory = ctx.modem.storage().read_memory();
    if (ctx.is(Form::test)) {
        std::string used;
        for (int index : memory.used_indexes())
            used += (used.empty() ? "" : ",") + std::to_string(index);
        ctx.info.push_back("+CMGD: (" + used + "),(0-4)");
        return Final::ok();
    }
    auto args = ctx.args();
    if (args.empty() || args.size() > 2)
        return Final::error();
    auto flag = args.size() == 2 ? int_arg(args[1], 0, 4) : std::optional<int>(0);
    auto index = int_arg(args[0], 0, 999);
    if (!flag || !index)
        return Final::error();
    if (*flag == 0) {
        if (!memory.valid(*index))
            return Final::cms(cms_invalid_index);
        memory.erase(*index); // an empty slot: OK as well
        return Final::ok();
    }
    for (int i : memory.used_indexes())
        if (deleted_by_flag(memory.at(i)->stat, *flag))
            memory.erase(i);
    return Final::ok();
}

// AT+CNMA, AT+CNMA=0 or =1 acknowledge; =2 rejects (the network tries
// again, and the message is stored).
Final cnma(CommandContext& ctx)
{
    if (ctx.is(Form::test)) {
        ctx.info.push_back("+CNMA: (0-2)");
        return Final::ok();
    }
    auto n = ctx.is(Form::set) ? int_arg(ctx.command.args, 0, 2) : std::optional<int>(0);
    if (!n)
        return Final::cms(cms_not_supported); // a PDU after +CNMA is not simulated
    if (ctx.modem.profile().csms != 1 || !ctx.modem.network().acknowledge(*n != 2))
        return Final::cms(cms_no_ack_expected);
    return Final::ok();
}

// AT+CMMS (TS 27.005 3.5.6): keep the link to the network up between sends.
Final cmms(CommandContext& ctx)
{
    if (!ctx.modem.settings().cmms)
        return Final::cms(cms_not_supported);
    if (ctx.is(Form::test)) {
        ctx.info.push_back("+CMMS: (0-2)");
        return Final::ok();
    }
    if (ctx.is(Form::read)) {
        ctx.info.push_back("+CMMS: " + std::to_string(ctx.modem.more_messages_mode()));
        return Final::ok();
    }
    auto n = ctx.is(Form::set) ? int_arg(ctx.command.args, 0, 2) : std::nullopt;
    if (!n)
        return Final::error();
    ctx.modem.set_more_messages(*n);
    return Final::ok();
}

// +CSMP sets text-mode parameters: accepted, without effect in PDU mode.
Final csmp(CommandContext&) { return Final::ok(); }

constexpr CommandSpec table[] = {
    {"+CMGF", cmgf, Needs::nothing}, {"+CSMS", csms, Needs::nothing}, {"+CPMS", cpms, Needs::sim_cms},
    {"+CNMI", cnmi, Needs::nothing}, {"+CSCA", csca, Needs::sim_cms}, {"+CMGL", cmgl, Needs::sim_cms},
    {"+CMGR", cmgr, Needs::sim_cms}, {"+CMGD", cmgd, Needs::sim_cms}, {"+CNMA", cnma, Needs::nothing},
    {"+CSMP", csmp, Needs::nothing}, {"+CMMS", cmms, Needs::nothing},
};

} // namespace

std::span<const CommandSpec> sms_commands() { return table; }

} // namespace smsgate::sim
