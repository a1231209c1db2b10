// at_send.cpp - AT+CMGS: the checks a modem makes before it sends, and the
// record of what it sent.
#include "at_send.hpp"

#include "at_commands.hpp"
#include "modem.hpp"
#include "network.hpp"
#include "sent_log.hpp"
#include "transport.hpp"

#include "sms/deliver.hpp"
#include "sms/hex.hpp"

namespace smsgate::sim {

namespace {

constexpr int cms_invalid_pdu_parameter = 304;
constexpr int cms_smsc_unknown = 330;
constexpr int cms_no_network = 331;

// The longest SMS-SUBMIT: first octet, MR, a 20-digit TP-DA, PID, DCS, a
// 7-octet TP-VP, UDL and 140 octets of user data.
constexpr int max_submit_tpdu = 164;
// The shortest: first octet, MR, an empty TP-DA, PID, DCS, UDL.
constexpr int min_submit_tpdu = 7;

// An SMS-SUBMIT whose TPDU ends where its user data ends: cut by one
// octet, it no longer decodes. (Octets past the user data would be sent
// to the network as part of the message, which a modem refuses.)
bool ends_exactly(std::span<const std::uint8_t> octets)
{
    auto cut = sms::decode_pdu(octets.first(octets.size() - 1));
    return !cut || cut->type != sms::PduType::submit;
}

} // namespace

Final cmgs_command(CommandContext& ctx)
{
    if (ctx.is(Command::Form::test))
        return Final::ok();
    if (!ctx.is(Command::Form::set))
        return Final::error();
    auto length = int_arg(ctx.command.args, 0, 999);
    if (!length)
        return Final::error();
    if (*length < min_submit_tpdu || *length > max_submit_tpdu)
        return Final::cms(cms_invalid_pdu_parameter);
    return Final::prompt(*length);
}

std::variant<Final, Submission> check_submission(Modem& modem, std::size_t length, std::string_view hex)
{
    const Final invalid = Final::cms(cms_invalid_pdu_parameter);
    auto octets = sms::from_hex(hex);
    if (!octets || octets->empty() || sms::tpdu_length(*octets) != length)
        return invalid;
    auto pdu = sms::decode_pdu(*octets);
    if (!pdu || pdu->type != sms::PduType::submit || !ends_exactly(*octets))
        return invalid;
    if ((*octets)[0] == 0x00 && modem.service_centre().empty())
        return Final::cms(cms_smsc_unknown);
    if (!modem.can_send())
        return Final::cms(cms_no_network);
    Submission s{std::move(*octets), length, std::move(*pdu), std::nullopt};
    const auto& errors = modem.settings().cms_errors;
    if (auto it = errors.find(s.pdu.number.display()); it != errors.end())
        s.network_error = it->second;
    return s;
}

Final complete_submission(Modem& modem, const Submission& s, const Link& link, std::vector<std::string>& info)
{
    // TS 23.040 9.2.3.6: every submission takes a new TP-MR, also one the
    // network then rejects.
    std::uint8_t mr = modem.take_mr();
    if (s.network_error) {
        modem.log("event=refused mr=" + std::to_string(mr) + " to=" + s.pdu.number.display() +
                  " cms=" + std::to_string(*s.network_error));
        return Final::cms(*s.network_error);
    }
    SentRecord r;
    r.mr = mr;
    r.length = s.length;
    r.pdu = sms::to_hex(s.octets);
    r.to = s.pdu.number;
    r.text = s.pdu.text;
    r.alphabet = std::string(sms::alphabet_name(s.pdu.dcs ? s.pdu.dcs->alphabet : sms::Alphabet::gsm7));
    r.srr = s.pdu.report_request;
    r.concat = s.pdu.concat;
    r.link = std::string(link.kind());
    r.time = utc_time_now();
    r.scts = local_timestamp();
    r.delay_ms = modem.last_send_delay_ms();
    modem.send_answered();
    const SentRecord& recorded = modem.sent().add(std::move(r));
    modem.log("event=sent n=" + std::to_string(recorded.n) + " mr=" + std::to_string(mr) +
              " to=" + recorded.to.display());
    modem.network().submitted(recorded);
    if (modem.settings().urc_in_response)
        info.push_back("^RSSI:" + std::to_string(modem.settings().rssi));
    info.push_back("+CMGS: " + std::to_string(mr));
    return Final::ok();
}

} // namespace smsgate::sim
