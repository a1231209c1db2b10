// log_sink.cpp - received SMS and status reports as log lines.
#include "log/log.hpp"
#include "sms/tp_status.hpp"
#include "worker/sink.hpp"

#include <cstdio>
#include <ctime>

namespace smsgate::worker {

std::string scts_iso(const ReceivedSms& s)
{
    if (s.scts_epoch <= 0)
        return {};
    std::time_t local = static_cast<std::time_t>(s.scts_epoch + s.zone_minutes * 60);
    std::tm tm{};
    gmtime_r(&local, &tm);
    int zone = s.zone_minutes < 0 ? -s.zone_minutes : s.zone_minutes;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, s.zone_minutes < 0 ? '-' : '+', zone / 60, zone % 60);
    return buf;
}

std::string received_line(const ReceivedSms& s)
{
    std::string missing;
    for (int m : s.missing)
        missing += (missing.empty() ? "" : ",") + std::to_string(m);
    return "received: modem=" + s.modem + ", from=<" + log::printable(s.originator, 40) + ">, scts=" + scts_iso(s) +
           ", parts=" + std::to_string(s.parts) + (missing.empty() ? "" : ", missing=" + missing) + ", " +
           log::sms_text(s.text);
}

std::string report_line(const StatusReport& r)
{
    auto st = sms::describe_tp_status(static_cast<std::uint8_t>(r.status));
    return "status report: modem=" + r.modem + ", to=<" + r.recipient + ">, mr=" + std::to_string(r.mr) +
           ", st=" + std::to_string(r.status) + " (" + std::string(sms::status_class_name(st.status_class)) + ": " +
           std::string(st.text) + ")" +
           (r.part ? ", job=" + std::to_string(r.part->job) + ", part=" + std::to_string(r.part->seq) : ", unmatched");
}

Status LogSink::sms(const ReceivedSms& s)
{
    log::info(received_line(s));
    return Done{};
}

Status LogSink::report(const StatusReport& r)
{
    log::info(report_line(r));
    return Done{};
}

Status LogSink::undecodable(const UndecodablePdu& pdu)
{
    log::warning("undecodable PDU: modem=" + pdu.modem + ", reason=" + pdu.why + ", pdu=" + pdu.pdu_hex);
    return Done{};
}

} // namespace smsgate::worker
