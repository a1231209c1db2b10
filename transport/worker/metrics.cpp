// metrics.cpp - the text exposition format (one HELP and TYPE line per
// family, then its samples) and the atomic write.
#include "worker/metrics.hpp"

#include "sms/tp_status.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace smsgate::worker {

namespace {

// A label value: backslash, double quote and newline escaped.
std::string label(const std::string& value)
{
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        out += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return out;
}

void family(std::ostringstream& out, const char* name, const char* type, const char* help)
{
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
}

// One sample per modem of a value read off its snapshot; modems for which
// it is not known (nothing returned) are left out.
template <typename Read>
void per_modem(std::ostringstream& out, const Snapshot& snap, const char* name, const char* type, const char* help,
               Read read)
{
    family(out, name, type, help);
    for (const auto& m : snap.modems)
        if (auto value = read(m))
            out << name << "{modem=\"" << label(m.status.name) << "\"} " << *value << "\n";
}

void modem_metrics(std::ostringstream& out, const Snapshot& snap)
{
    using V = std::optional<std::int64_t>;
    per_modem(out, snap, "smsgate_modem_link_up", "gauge", "1 when the modem's link is open and initialised.",
              [](const ModemSnapshot& m) -> V { return m.status.link == "up" ? 1 : 0; });
    per_modem(out, snap, "smsgate_modem_registered", "gauge", "1 when the modem is registered on a network.",
              [](const ModemSnapshot& m) -> V { return m.status.registered ? 1 : 0; });
    per_modem(out, snap, "smsgate_modem_signal_dbm", "gauge", "Signal strength from AT+CSQ, in dBm.",
              [](const ModemSnapshot& m) -> V { return m.status.signal_dbm; });
    per_modem(out, snap, "smsgate_modem_storage_used", "gauge", "Messages in the modem's storage.",
              [](const ModemSnapshot& m) -> V { return m.status.storage_slots > 0 ? V(m.status.storage_used) : V(); });
    per_modem(out, snap, "smsgate_modem_storage_slots", "gauge", "Slots of the modem's storage.",
              [](const ModemSnapshot& m) -> V { return m.status.storage_slots > 0 ? V(m.status.storage_slots) : V(); });
    per_modem(out, snap, "smsgate_modem_jobs_queued", "gauge", "Jobs pinned to the modem, waiting or being sent.",
              [](const ModemSnapshot& m) -> V { return m.queue >= 0 ? V(m.queue) : V(); });
    per_modem(out, snap, "smsgate_sms_parts_sent_total", "counter", "SMS parts the network took (+CMGS).",
              [](const ModemSnapshot& m) -> V { return m.counters ? V(m.counters->sent) : V(); });
    per_modem(out, snap, "smsgate_sms_jobs_failed_total", "counter", "SMS that failed for good.",
              [](const ModemSnapshot& m) -> V { return m.counters ? V(m.counters->failed) : V(); });
    per_modem(out, snap, "smsgate_sms_received_total", "counter", "SMS received and handed on.",
              [](const ModemSnapshot& m) -> V { return m.counters ? V(m.counters->received) : V(); });
    per_modem(out, snap, "smsgate_modem_sent_last_hour", "gauge", "Parts the modem sent in the last 60 minutes.",
              [](const ModemSnapshot& m) -> V { return m.status.limit.sent_hour; });
    per_modem(out, snap, "smsgate_modem_sent_last_day", "gauge", "Parts the modem sent in the last 24 hours.",
              [](const ModemSnapshot& m) -> V { return m.status.limit.sent_day; });
    per_modem(out, snap, "smsgate_modem_held", "gauge", "1 when a send limit or quiet hours keep the modem from sending.",
              [](const ModemSnapshot& m) -> V { return m.status.limit.free() ? 0 : 1; });
    family(out, "smsgate_status_reports_total", "counter", "Parts by the class of their last status report.");
    for (const auto& m : snap.modems) {
        if (!m.reports) // not counted: the database failed
            continue;
        // By the class's name: both kinds of failure are "failed".
        std::map<std::string_view, std::int64_t> by_name;
        for (std::size_t c = 0; c < m.reports->size(); ++c)
            by_name[sms::status_class_name(static_cast<sms::StatusClass>(c))] += (*m.reports)[c];
        for (const auto& [name, parts] : by_name)
            out << "smsgate_status_reports_total{modem=\"" << label(m.status.name) << "\",class=\"" << name << "\"} "
                << parts << "\n";
    }
}

void latency_metrics(std::ostringstream& out, const SendLatency::Counts& latency)
{
    const char* name = "smsgate_send_latency_seconds";
    family(out, name, "histogram", "Time from a job's submission to the +CMGS of its last part.");
    for (std::size_t i = 0; i < SendLatency::bounds.size(); ++i)
        out << name << "_bucket{le=\"" << SendLatency::bounds[i] << "\"} " << latency.buckets[i] << "\n";
    out << name << "_bucket{le=\"+Inf\"} " << latency.count << "\n";
    out << name << "_sum " << latency.sum << "\n" << name << "_count " << latency.count << "\n";
}

} // namespace

void SendLatency::observe(double seconds)
{
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (seconds <= bounds[i])
            ++counts_.buckets[i];
    ++counts_.count;
    counts_.sum += seconds;
}

SendLatency::Counts SendLatency::counts() const
{
    std::lock_guard lock(mutex_);
    return counts_;
}

std::string metrics_text(const Snapshot& snap, const SendLatency::Counts& latency)
{
    std::ostringstream out;
    modem_metrics(out, snap);
    family(out, "smsgate_jobs_waiting", "gauge", "SMS jobs queued or being sent.");
    if (snap.queued >= 0)
        out << "smsgate_jobs_waiting " << snap.queued << "\n";
    family(out, "smsgate_mails_waiting", "gauge", "Mails waiting to be handed to sendmail.");
    if (snap.mails >= 0)
        out << "smsgate_mails_waiting " << snap.mails << "\n";
    family(out, "smsgate_oldest_mail_age_seconds", "gauge", "How long the oldest mail waiting for sendmail waits.");
    out << "smsgate_oldest_mail_age_seconds " << (snap.oldest_mail ? snap.taken - *snap.oldest_mail : 0) << "\n";
    latency_metrics(out, latency);
    return out.str();
}

Status write_metrics_file(const std::string& path, const std::string& text)
{
    std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
            return make_error(temporary, std::strerror(errno));
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        auto why = std::strerror(errno);
        std::remove(temporary.c_str());
        return make_error(path, why);
    }
    return Done{};
}

} // namespace smsgate::worker
