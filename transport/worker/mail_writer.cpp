// mail_writer.cpp - reports and incoming SMS as mails, filled from the
// templates and composed by mail/report_mail.
#include "worker/mail_writer.hpp"

#include "mail/message_id.hpp"
#include "mail/report_mail.hpp"
#include "sms/tp_status.hpp"
#include "util/address.hpp"
#include "util/words.hpp"
#include "worker/submission.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <map>

namespace smsgate::worker {

namespace {

mail::ReportMail::Kind mail_kind(checks::Report kind)
{
    switch (kind) {
    case checks::Report::network:
        return mail::ReportMail::Kind::network;
    case checks::Report::handset:
        return mail::ReportMail::Kind::handset;
    case checks::Report::trying:
        return mail::ReportMail::Kind::trying;
    case checks::Report::failed:
        break;
    }
    return mail::ReportMail::Kind::failed;
}

// The number as the sender wrote it: the local part of the recipient.
std::string dialled(const store::Job& job)
{
    auto at = job.key.recipient.rfind('@');
    return at == std::string::npos ? job.number : job.key.recipient.substr(0, at);
}

// Letters and digits of an alphanumeric sender, for the local part of a
// From that cannot be answered.
std::string local_part_of_name(std::string_view name)
{
    std::string out;
    for (char c : name)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
    return out.empty() ? "sms" : out;
}

std::string join(const std::vector<int>& numbers)
{
    std::string out;
    for (int n : numbers)
        out += (out.empty() ? "" : ",") + std::to_string(n);
    return out;
}

// The recipient goes to sendmail as the To: header has it: quoted where
// it must be ("\"j d\"@example.com"), so that sendmail reads one address.
Result<store::OutMail> queued_mail(std::string key, const config::MailConfig& config, const std::string& recipient,
                                   std::string message, store::Seconds now)
{
    auto written = written_address(recipient);
    if (!written)
        return written.error();
    store::OutMail out;
    out.key = std::move(key);
    out.envelope_sender = config.envelope_sender;
    out.recipient = std::move(written).value();
    out.message = std::move(message);
    out.created = now;
    return out;
}

// "0x41"
std::string hex_status(int st)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(st) & 0xFF);
    return buf;
}

// The fields of the report's message/delivery-status part.
mail::DeliveryStatus delivery_status(const config::MailConfig& config, const store::Job& job,
                                     const ReportFacts& facts, mail::DsnAction action)
{
    mail::DeliveryStatus s;
    s.reporting_mta = config.domain;
    if (job.created > 0)
        s.arrival_date = mail_date(job.created, 0);
    // RFC 3464 2.3.2: the recipient from the envelope, as the gateway
    // accepted it (the number in international form is X-SMS-Number).
    // Original-Recipient (2.3.1) would be the sender's ORCPT, which Postfix
    // does not hand on: left out.
    s.final_recipient = job.key.recipient;
    s.action = action;
    s.status = facts.dsn;
    s.diagnostic = facts.diagnostic;
    store::Seconds last = 0;
    for (const auto& p : job.parts)
        last = std::max(last, p.sent_at);
    if (last > 0)
        s.last_attempt_date = mail_date(last, 0);
    return s;
}

} // namespace

ReportFacts tp_status_facts(checks::Report kind, int status)
{
    auto st = sms::describe_tp_status(static_cast<std::uint8_t>(status));
    std::string code = "TP-ST " + hex_status(status);
    return {kind, std::string(st.text), code, std::to_string(status), tp_status_code(status),
            code + " " + std::string(st.text)};
}

StatusCode tp_status_code(int status)
{
    switch (sms::describe_tp_status(static_cast<std::uint8_t>(status)).status_class) {
    case sms::StatusClass::delivered:
        return "2.0.0";
    case sms::StatusClass::pending:
        return "4.4.0";
    case sms::StatusClass::failed:
        return "5.4.0";
    case sms::StatusClass::failed_gave_up:
        break;
    }
    return "5.4.7";
}

ReportFacts network_facts(const store::Job& job)
{
    auto mrs = mr_list(job);
    return {checks::Report::network, "", "", "", "2.0.0",
            "accepted by the SMSC" + (mrs.empty() ? "" : ", TP-MR " + mrs)};
}

Result<store::OutMail> write_undecodable(const config::MailConfig& config, const UndecodablePdu& pdu, store::Seconds now,
                                         std::string_view unique)
{
    std::string key = "undecodable:" + std::to_string(pdu.row);
    mail::ReportMail m;
    m.gateway_domain = config.domain;
    m.message_id = message_id_for(key, now, unique);
    m.date = mail_date(now, 0);
    m.from = {config.from_name, config.from};
    m.to = {"", config.default_mailbox};
    m.subject = "SMS on modem " + pdu.modem + " that smsgate could not read";
    // The PDU is hex, folded so that no line is long.
    std::string folded;
    for (std::size_t i = 0; i < pdu.pdu_hex.size(); i += 64)
        folded += pdu.pdu_hex.substr(i, 64) + "\n";
    // Short lines: the mail stays 7bit, and the PDU can be copied as it is.
    m.body = "Modem " + pdu.modem + " received a message that smsgate could not decode:\n\n  " + pdu.why +
             "\n\nIt was deleted from the modem and is kept in smsgated's database\n(table incoming, row " +
             std::to_string(pdu.row) + "). The PDU, with its SMSC address, in hexadecimal\n" +
             "(smsgatectl pdu decode reads it, once its lines are joined):\n\n" + folded;
    m.x_headers = {{"X-SMS-Modem", pdu.modem}, {"X-SMS-Undecodable", std::to_string(pdu.row)}};
    auto message = mail::compose_report(m);
    if (!message)
        return message.error();
    return queued_mail(std::move(key), config, config.default_mailbox, std::move(message).value(), now);
}

std::string report_mail_key(store::Id job, checks::Report kind)
{
    return "job:" + std::to_string(job) + ":" + std::string(checks::report_word(kind));
}

std::string_view route_reason_word(RouteReason reason)
{
    static constexpr std::array<std::string_view, 3> words = {"conversation", "number map", "default mailbox"};
    return word_of(words, reason);
}

std::string thread_id(const store::Job& job)
{
    return job.message_id;
}

bool scts_dates_mail(const ReceivedSms& sms, store::Seconds now)
{
    return sms.scts_epoch > 0 && sms.scts_unusable.empty() && sms.scts_epoch <= now + max_scts_ahead;
}

std::string subject_words(std::string_view text, std::size_t max_chars)
{
    auto first = text.substr(0, text.find('\n'));
    while (!first.empty() && (first.back() == '\r' || first.back() == ' ' || first.back() == '\t'))
        first.remove_suffix(1);
    while (!first.empty() && (first.front() == ' ' || first.front() == '\t'))
        first.remove_prefix(1);
    // Count characters, not octets: cut only at a character boundary.
    std::size_t chars = 0, cut = first.size(), last_space = std::string_view::npos;
    for (std::size_t i = 0; i < first.size(); ++i) {
        auto c = static_cast<unsigned char>(first[i]);
        if ((c & 0xC0) == 0x80)
            continue;
        if (chars == max_chars) {
            cut = i;
            break;
        }
        if (c == ' ')
            last_space = i;
        ++chars;
    }
    if (cut == first.size())
        return std::string(first);
    auto end = last_space != std::string_view::npos && last_space > 0 ? last_space : cut;
    return std::string(first.substr(0, end)) + "...";
}

std::string mail_date(store::Seconds epoch, int zone_minutes)
{
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t local = static_cast<std::time_t>(epoch + zone_minutes * 60);
    std::tm tm{};
    gmtime_r(&local, &tm);
    int zone = zone_minutes < 0 ? -zone_minutes : zone_minutes;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %d %s %04d %02d:%02d:%02d %c%02d%02d", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, zone_minutes < 0 ? '-' : '+',
                  zone / 60, zone % 60);
    return buf;
}

std::string message_id_for(std::string_view key, store::Seconds now, std::string_view unique)
{
    return mail::gateway_message_id(key, now, unique);
}

Result<store::OutMail> write_report(const config::MailConfig& config, const store::Job& job, const ReportFacts& facts,
                                    store::Seconds now, std::string_view unique)
{
    const auto& words = mail::templates_for(job.language.empty() ? config.language : job.language);
    const auto& t = words.for_kind(mail_kind(facts.kind));
    std::map<std::string, std::string> values{{"number", dialled(job)},  {"international", job.number},
                                              {"text", job.text},        {"reason", facts.reason},
                                              {"code", facts.code}};
    std::string key = report_mail_key(job.id, facts.kind);

    mail::ReportMail m;
    m.gateway_domain = config.domain;
    m.message_id = message_id_for(key, now, unique);
    m.date = mail_date(now, 0);
    m.from = {config.from_name, config.from};
    m.to = {job.from_name, job.sender};
    m.in_reply_to = thread_id(job);
    m.subject = mail::fill_template(t.subject, values);
    m.body = mail::fill_template(t.body, values);
    if (auto action = mail::dsn_action(mail_kind(facts.kind)))
        m.delivery_status = delivery_status(config, job, facts, *action);
    m.original_text = job.text;
    m.x_headers = {{"X-SMS-Report", std::string(checks::report_word(facts.kind))},
                   {"X-SMS-Number", job.number},
                   {"X-SMS-Queue-ID", job.key.queue_id},
                   {"X-SMS-Parts", std::to_string(job.parts.size())}};
    if (!job.modem.empty())
        m.x_headers.emplace_back("X-SMS-Modem", job.modem);
    if (auto mrs = mr_list(job); !mrs.empty())
        m.x_headers.emplace_back("X-SMS-MR", mrs);
    if (!facts.status.empty())
        m.x_headers.emplace_back("X-SMS-Status", facts.status);
    auto message = mail::compose_report(m);
    if (!message)
        return message.error();

    auto out = queued_mail(key, config, job.sender, std::move(message).value(), now);
    if (out)
        out->job = job.id;
    return out;
}

Result<store::OutMail> write_incoming(const config::MailConfig& config, const std::string& sms_domain,
                                      const ReceivedSms& sms, const std::string& number,
                                      const std::string& learned_name, const Route& route, store::Seconds now,
                                      std::string_view unique)
{
    const auto& words = mail::templates_for(config.language);
    std::string subject = subject_words(sms.text);
    std::map<std::string, std::string> values{
        {"subject", subject}, {"text", sms.text}, {"originator", sms.originator}, {"number", number}};

    mail::ReportMail m;
    m.gateway_domain = config.domain;
    m.message_id = message_id_for(sms.key, now, unique);
    bool scts_dated = scts_dates_mail(sms, now);
    m.date = mail_date(scts_dated ? sms.scts_epoch : now, scts_dated ? sms.zone_minutes : 0);
    if (sms.alphanumeric)
        m.from = {sms.originator, local_part_of_name(sms.originator) + "@invalid"};
    else
        m.from = {learned_name.empty() ? number : learned_name, number + "@" + sms_domain};
    m.to = {route.to_name, route.recipient};
    m.in_reply_to = route.in_reply_to;
    m.subject = mail::fill_template(words.incoming.subject, values);
    m.body = mail::fill_template(words.incoming.body, values);
    if (sms.alphanumeric)
        m.body += "\n\n" + mail::fill_template(words.unanswerable, values);
    m.x_headers = {{"X-SMS-Originator", sms.originator}, {"X-SMS-Modem", sms.modem}};
    if (!sms.alphanumeric)
        m.x_headers.emplace_back("X-SMS-Number", number);
    m.x_headers.emplace_back("X-SMS-Parts", std::to_string(sms.parts));
    if (!sms.missing.empty())
        m.x_headers.emplace_back("X-SMS-Missing-Parts", join(sms.missing));
    if (auto scts = scts_iso(sms); !scts.empty())
        m.x_headers.emplace_back("X-SMS-Timestamp", scts);
    if (!scts_dated) {
        // The SCTS as it came, for whoever wonders why the Date is not it.
        if (auto scts = sms.scts_unusable.empty() ? scts_iso(sms) : sms.scts_unusable; !scts.empty())
            m.x_headers.emplace_back("X-SMS-SCTS", scts);
    }
    if (!sms.smsc.empty())
        m.x_headers.emplace_back("X-SMS-SMSC", sms.smsc);
    auto message = mail::compose_report(m);
    if (!message)
        return message.error();

    return queued_mail(sms.key, config, route.recipient, std::move(message).value(), now);
}

} // namespace smsgate::worker
