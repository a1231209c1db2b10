// pdu_report.cpp - decoded PDUs in words and as JSON for smsgatectl pdu.
#include "pdu_report.hpp"

#include "sms/hex.hpp"
#include "sms/national_tables.hpp"
#include "sms/tp_status.hpp"
#include "sms/validity.hpp"
#include "util/json.hpp"

#include <sstream>

namespace smsgate::ctl {

using sms::Pdu;
using sms::PduType;

namespace {

std::string hex2(std::uint8_t v) { return sms::to_hex(std::span(&v, 1)); }
std::string yes_no(bool b) { return b ? "yes" : "no"; }

std::string describe_vp(const sms::ValidityPeriod& vp)
{
    using F = sms::ValidityPeriod::Format;
    std::string out;
    switch (vp.format) {
    case F::none:
        return "not present";
    case F::absolute:
        return "until " + vp.absolute->iso8601();
    case F::relative:
        out = "relative";
        break;
    case F::enhanced:
        out = vp.single_shot ? "enhanced, single shot" : "enhanced";
        break;
    }
    if (!vp.seconds)
        return out + ", no period";
    long s = *vp.seconds;
    if (s % 60 != 0)
        return out + ", " + std::to_string(s) + " seconds";
    return out + ", " + std::to_string(s / 60) + " minutes";
}

// A national language shift element (TS 23.040 9.2.3.24.15, 9.2.3.24.16).
std::string describe_shift(std::string_view name, std::optional<std::uint8_t> id)
{
    if (!id)
        return {};
    const auto* language = sms::national_language(*id);
    std::string label = "  " + std::string(name) + ":";
    label.resize(20, ' ');
    return label + (language ? std::string(language->name) + " (" + std::string(language->code) + ")"
                             : "language " + std::to_string(*id) + ", unknown") + "\n";
}

std::string describe_udh(const Pdu& pdu)
{
    std::string out;
    for (const auto& e : pdu.udh) {
        out += "  UDH element:      IEI " + hex2(e.iei) + ", data " + sms::to_hex(e.data) + "\n";
    }
    if (pdu.concat)
        out += "  concatenation:    part " + std::to_string(pdu.concat->seq) + " of " +
               std::to_string(pdu.concat->total) + ", reference " + std::to_string(pdu.concat->ref) +
               " (" + std::to_string(pdu.concat->ref_bits) + "-bit)\n";
    if (pdu.ports)
        out += "  ports:            destination " + std::to_string(pdu.ports->destination) +
               ", origin " + std::to_string(pdu.ports->origin) + "\n";
    out += describe_shift("locking shift", pdu.locking_shift);
    out += describe_shift("single shift", pdu.single_shift);
    return out;
}

void line(std::ostringstream& out, std::string_view label, const std::string& value)
{
    out << "  " << label << ':' << std::string(18 - std::min<std::size_t>(label.size() + 1, 17), ' ')
        << value << '\n';
}

std::string address_line(const sms::Address& a)
{
    return a.display() + " (type " + hex2(a.toa) + ": " + describe_toa(a.toa) + ")";
}

std::string first_octet_flags(const Pdu& pdu)
{
    switch (pdu.type) {
    case PduType::deliver:
        return "more messages waiting: " + yes_no(pdu.more_messages) +
               ", status report indication: " + yes_no(pdu.report_request) +
               ", reply path: " + yes_no(pdu.reply_path) + ", user data header: " + yes_no(pdu.udhi);
    case PduType::submit:
        return "reject duplicates: " + yes_no(pdu.reject_duplicates) +
               ", status report request: " + yes_no(pdu.report_request) +
               ", reply path: " + yes_no(pdu.reply_path) + ", user data header: " + yes_no(pdu.udhi);
    case PduType::status_report:
        return "more messages waiting: " + yes_no(pdu.more_messages) + ", report about: " +
               (pdu.report_qualifier ? "SMS-COMMAND" : "SMS-SUBMIT");
    }
    return {};
}

const char* number_field(PduType type)
{
    return type == PduType::deliver ? "TP-OA" : type == PduType::submit ? "TP-DA" : "TP-RA";
}

} // namespace

std::string describe_toa(std::uint8_t toa)
{
    static constexpr const char* tons[] = {"unknown",        "international", "national",
                                           "network-specific", "subscriber", "alphanumeric",
                                           "abbreviated",    "reserved"};
    std::string npi;
    switch (toa & 0x0F) {
    case 0x0: npi = "unknown plan"; break;
    case 0x1: npi = "ISDN/telephone"; break;
    case 0x3: npi = "data"; break;
    case 0x4: npi = "telex"; break;
    case 0x5: case 0x6: npi = "SC-specific plan"; break;
    case 0x8: npi = "national plan"; break;
    case 0x9: npi = "private plan"; break;
    case 0xA: npi = "ERMES"; break;
    default: npi = "reserved plan"; break;
    }
    return std::string(tons[(toa >> 4) & 0x07]) + ", " + npi;
}

std::string describe_pid(std::uint8_t pid)
{
    if (pid == 0x00)
        return "plain short message";
    if ((pid & 0xE0) == 0x20)
        return "telematic interworking, device " + hex2(pid & 0x1F);
    if (pid == 0x40)
        return "short message type 0 (acknowledged, then discarded)";
    if (pid >= 0x41 && pid <= 0x47)
        return "replace short message type " + std::to_string(pid - 0x40);
    if (pid == 0x5E)
        return "enhanced message service (obsolete)";
    if (pid == 0x5F)
        return "return call message";
    if (pid == 0x7C)
        return "ANSI-136 R-DATA";
    if (pid == 0x7D)
        return "ME de-personalization short message";
    if (pid == 0x7E)
        return "(U)SIM data download to the ME";
    if (pid == 0x7F)
        return "(U)SIM data download";
    if ((pid & 0xC0) == 0xC0)
        return "SC-specific use";
    return "reserved";
}

std::string describe_pdu(const Pdu& pdu)
{
    std::ostringstream out;
    out << sms::pdu_type_name(pdu.type) << '\n';
    line(out, "SMSC", pdu.smsc ? address_line(*pdu.smsc) : "not given (the modem's own)");
    line(out, "first octet", hex2(pdu.first_octet) + " (" + first_octet_flags(pdu) + ")");
    if (pdu.mr)
        line(out, "TP-MR", std::to_string(*pdu.mr));
    line(out, number_field(pdu.type), address_line(pdu.number));
    if (pdu.pid)
        line(out, "TP-PID", hex2(*pdu.pid) + " (" + describe_pid(*pdu.pid) + ")");
    if (pdu.dcs)
        line(out, "TP-DCS", hex2(pdu.dcs->raw) + " (" + pdu.dcs->describe() + ")");
    if (pdu.type == PduType::submit)
        line(out, "TP-VP", describe_vp(pdu.vp));
    if (pdu.scts)
        line(out, "TP-SCTS", pdu.scts->iso8601() + (pdu.scts->zone_minutes ? "" : " (zone unknown)"));
    if (pdu.discharge)
        line(out, "TP-DT", pdu.discharge->iso8601() + (pdu.discharge->zone_minutes ? "" : " (zone unknown)"));
    if (pdu.status) {
        auto st = sms::describe_tp_status(*pdu.status);
        line(out, "TP-ST", hex2(*pdu.status) + " (" + std::string(sms::status_class_name(st.status_class)) +
                               ": " + std::string(st.text) + ")");
    }
    if (pdu.parameter_indicator)
        line(out, "TP-PI", hex2(*pdu.parameter_indicator));
    out << describe_udh(pdu);
    if (pdu.has_user_data) {
        bool binary = pdu.dcs && (pdu.dcs->alphabet == sms::Alphabet::eight_bit || pdu.dcs->compressed);
        line(out, binary ? "data (hex)" : "text", pdu.text);
    }
    for (const auto& w : pdu.warnings)
        line(out, "warning", w);
    return out.str();
}

std::string pdu_json(const Pdu& pdu)
{
    JsonObject j;
    j.add("type", sms::pdu_type_name(pdu.type));
    if (pdu.smsc && !pdu.smsc->value.empty())
        j.add("smsc", pdu.smsc->display());
    else
        j.add_null("smsc");
    j.add("number", pdu.number.display());
    j.add("toa", hex2(pdu.number.toa));
    j.add("pid", pdu.pid ? std::optional(hex2(*pdu.pid)) : std::nullopt);
    j.add("dcs", pdu.dcs ? std::optional(hex2(pdu.dcs->raw)) : std::nullopt);
    if (pdu.dcs)
        j.add("alphabet", sms::alphabet_name(pdu.dcs->alphabet));
    else if (pdu.has_user_data)
        j.add("alphabet", sms::alphabet_name(sms::Alphabet::gsm7));
    else
        j.add_null("alphabet");
    j.add("class", pdu.dcs ? pdu.dcs->message_class : std::nullopt);
    j.add("scts", pdu.scts ? std::optional(pdu.scts->iso8601()) : std::nullopt);
    j.add("discharge", pdu.discharge ? std::optional(pdu.discharge->iso8601()) : std::nullopt);
    j.add("mr", pdu.mr);
    j.add("status", pdu.status);
    if (pdu.status)
        j.add("status_class", sms::status_class_name(sms::describe_tp_status(*pdu.status).status_class));
    else
        j.add_null("status_class");
    j.add("srr", pdu.report_request);
    using F = sms::ValidityPeriod::Format;
    bool relative = (pdu.vp.format == F::relative || pdu.vp.format == F::enhanced) && pdu.vp.seconds;
    j.add("vp_minutes", relative ? std::optional(*pdu.vp.seconds / 60) : std::nullopt);
    std::string udh = "[";
    for (const auto& e : pdu.udh) {
        if (udh.size() > 1)
            udh += ',';
        udh += JsonObject().add("iei", e.iei).add("data", sms::to_hex(e.data)).str();
    }
    j.add_raw("udh", udh + "]");
    if (pdu.concat)
        j.add_raw("concat", JsonObject()
                                .add("ref", pdu.concat->ref)
                                .add("total", pdu.concat->total)
                                .add("seq", pdu.concat->seq)
                                .add("ref_bits", pdu.concat->ref_bits)
                                .str());
    else
        j.add_null("concat");
    j.add("text", pdu.has_user_data ? std::optional(pdu.text) : std::nullopt);
    return j.str();
}

} // namespace smsgate::ctl
