// mail_writer.hpp - the mails smsgated writes back, from what the store
// knows: a report to the sender of a job, and an incoming SMS. Pure: the
// route, the time and a unique part of the Message-ID come from the caller;
// the words come from the templates of mail/report_mail.hpp.
#pragma once

#include "checks/notify.hpp"
#include "store/store.hpp"
#include "util/result.hpp"
#include "config/mail_section.hpp"
#include "worker/sink.hpp"

#include <string>
#include <string_view>

namespace smsgate::worker {

// The Message-ID (without "<>") that mails about the job thread under: the
// original's, or "" when it had none.
std::string thread_id(const store::Job& job);

// What a report says beyond the job itself.
struct ReportFacts {
    checks::Report kind = checks::Report::network;
    std::string reason; // in words: "unknown subscriber"; empty for network
    std::string code;   // "TP-ST 0x41", "+CMS ERROR 500", "expired"
    std::string status; // X-SMS-Status: "65", "CMS 500", "expired"; empty: none
    // The Status of the delivery status part: its class fits the kind
    // (network and handset 2, trying 4, failed 5).
    StatusCode dsn{2, 0, 0};
    // Its Diagnostic-Code: "TP-ST 0x41 incompatible destination"; empty: none.
    std::string diagnostic;
};

// The report of a status report's TP-ST: its words, its code, and the
// enhanced status code of its class (tp_status_code()).
ReportFacts tp_status_facts(checks::Report kind, int status);

// RFC 3463 codes for the classes of TP-ST (3GPP TS 23.040 §9.2.3.15),
// all about the network's delivery (X.4.x) but the first: 2.0.0 for
// "transaction completed", 4.4.0 while the SMSC still tries, 5.4.0 for a
// permanent error, 5.4.7 ("delivery time expired") when the SMSC gave up
// after temporary errors (the validity period among them).
StatusCode tp_status_code(int status);

// The network report: every part has its +CMGS, Status 2.0.0.
ReportFacts network_facts(const store::Job& job);

// The outbox key of the report mail about a job: "job:12:handset".
std::string report_mail_key(store::Id job, checks::Report kind);

// The report mail for the job's envelope sender, keyed report_mail_key(). To:
// the sender with the From name of the original; threaded under
// thread_id(job). A delivery status notification (mail/report_mail.hpp):
// Reporting-MTA the [mail] domain, Arrival-Date when the job was made,
// Original-Recipient the envelope recipient, Final-Recipient the number in
// E.164 at its domain, Last-Attempt-Date the last part's AT+CMGS.
Result<store::OutMail> write_report(const config::MailConfig& config, const store::Job& job, const ReportFacts& facts,
                                    store::Seconds now, std::string_view unique);

// Why an incoming SMS goes where it goes (worker/routing.hpp): the person
// who last wrote to its number, the number map, or the default mailbox.
// In the order of its words.
enum class RouteReason { conversation, number_map, default_mailbox };

// Its words in the log: "conversation", "number map", "default mailbox".
// Nothing reads them back.
std::string_view route_reason_word(RouteReason reason);

// Where an incoming SMS goes, and how it is threaded.
struct Route {
    std::string recipient;   // envelope and To: address
    std::string to_name;     // To: display name, may be empty
    std::string in_reply_to; // Message-ID of the mail the SMS answers, may be empty
    RouteReason how = RouteReason::default_mailbox;
};

// The incoming SMS as a mail from "Name" <+32477324847@SMS-DOMAIN> (name:
// learned from the To: of earlier mails to the number, else the number),
// so that answering it sends an SMS, dated as scts_dates_mail() says; an
// alphanumeric originator gets a From
// in the reserved domain "invalid" and a line saying it cannot be
// answered. number: E.164 when the originator is a number that could be
// read, else the originator as it came. Keyed by sms.key.
Result<store::OutMail> write_incoming(const config::MailConfig& config, const std::string& sms_domain,
                                      const ReceivedSms& sms, const std::string& number,
                                      const std::string& learned_name, const Route& route, store::Seconds now,
                                      std::string_view unique);

// Whether an incoming SMS's mail is dated by its TP-SCTS: not when the
// SCTS is unknown or names no moment that exists (month 13, 30 February),
// nor when it is more than max_scts_ahead after `now`, the time the SMS
// was received (a modem or SMSC with a wrong clock). Then the mail is dated
// `now`, and keeps the SCTS as it came in X-SMS-SCTS.
bool scts_dates_mail(const ReceivedSms& sms, store::Seconds now);
inline constexpr store::Seconds max_scts_ahead = 24 * 3600;

// A received PDU that could not be decoded, for the default mailbox: the
// modem, the reason, and the PDU with how to decode it by hand. Keyed
// "undecodable:ROW"; in English (it is for the administrator).
Result<store::OutMail> write_undecodable(const config::MailConfig& config, const UndecodablePdu& pdu, store::Seconds now,
                                         std::string_view unique);

// The first words of an SMS for a Subject: its first line, cut at a word
// boundary to at most max_chars characters (with "..." when cut).
std::string subject_words(std::string_view text, std::size_t max_chars = 60);

// RFC 5322 date-time of a Unix time seen in a zone: "Mon, 19 Nov 2007 16:50:33 +0100".
std::string mail_date(store::Seconds epoch, int zone_minutes);

// "job:12:handset" and a unique suffix -> a Message-ID left-hand side.
std::string message_id_for(std::string_view key, store::Seconds now, std::string_view unique);

} // namespace smsgate::worker
