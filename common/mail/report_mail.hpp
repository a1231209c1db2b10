// report_mail.hpp - the mails the gateway writes back: "delivered to the
// network", "delivered to the handset", "not delivered yet", "failed" (as
// RFC 3464 delivery status notifications), and an incoming SMS as a mail.
// Pure: the caller gives every value (ids, date, texts), this file turns
// them into one RFC 5322 message; handing it to sendmail is the worker's
// job.
//
// Nothing a value holds can become a header or a line of its own: every
// header value is reduced to one line before GMime encodes (RFC 2047) and
// folds it, and the body is quoted-printable whenever it is not short-lined
// ASCII. Addresses are quoted where they need it; header names and the
// date are checked, not repaired.
#pragma once

#include "mail/delivery_status.hpp"
#include "mail/extract.hpp"
#include "util/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smsgate::mail {

struct ReportMail {
    // Which templates (see ReportTemplates::for_kind); the mail itself is
    // made the same way for each.
    enum class Kind { network, handset, trying, failed, incoming };

    std::string gateway_domain; // the right-hand side of Message-ID
    std::string message_id;     // its left-hand side, without "<>": "<message_id@gateway_domain>"
    std::string date;           // RFC 5322 date-time: "Mon, 19 Nov 2007 16:52:56 +0100"
    MailAddress from;
    MailAddress to;
    std::string in_reply_to; // the original's Message-ID without "<>"; empty for none
    std::string subject;     // UTF-8, from the templates
    std::string body;        // UTF-8, LF or CRLF line ends
    // Headers after the standard ones, in this order: ("X-SMS-Number",
    // "+32477324847"), ("X-SMS-MR", "18"), ... Each name must begin with
    // "X-" and be a valid field name.
    std::vector<std::pair<std::string, std::string>> x_headers;
    // A report about an SMS: with it the mail is a delivery status
    // notification (RFC 3464, in an RFC 6522 multipart/report) whose first
    // part is the body above, the second these fields, the third
    // original_text. Without it (an incoming SMS) the body is the mail.
    std::optional<DeliveryStatus> delivery_status;
    // UTF-8, the SMS text as it was sent. A text/plain part, not the
    // text/rfc822-headers RFC 6522 also allows: the gateway keeps the text
    // that went out, not the header block of the mail it came in, and the
    // text is what the sender wants to recognise.
    std::string original_text;
};

// The Action of the delivery status of each kind of report (RFC 3464
// §2.3.3): "relayed" for the network (the SMSC took the SMS: it left the
// mail system for one that does not itself send DSNs, and whether it
// reaches the handset is another, later report), "delivered" for the
// handset (its status report says it was received), "delayed" for
// "trying", "failed" for failed. No delivery status for incoming.
std::optional<DsnAction> dsn_action(ReportMail::Kind kind);

// The whole message, CRLF line ends, headers in this order: From, To,
// Subject, Date, Message-ID, In-Reply-To and References (when in_reply_to
// is given), Auto-Submitted: auto-generated, the x_headers, MIME-Version,
// Content-Type: text/plain; charset=utf-8, Content-Transfer-Encoding
// (7bit for ASCII with lines of at most 76 octets, else quoted-printable,
// with a "From " at the start of a line written "=46rom "). GMime spells
// the id's field "Message-Id" (field names are case-insensitive).
//
// With a delivery_status the Content-Type is instead "multipart/report;
// report-type=delivery-status; boundary=..." and no Content-Transfer-
// Encoding follows; its parts: the body (text/plain as above), the
// message/delivery-status of delivery_status_text() (7bit), and
// original_text (text/plain as above).
//
// Header values (subject, display names, x_headers values) have their line
// breaks and other control characters turned into spaces, runs of white
// space collapsed, and are cut to 900 octets (at a character boundary), so
// that no header line can pass 998 octets. Message ids and the domain lose
// every octet outside printable ASCII and the specials "<>\"()[],;:\\"
// (message_id and the domain lose "@" too); an in_reply_to with nothing
// left gives no threading headers. Ill-formed UTF-8 becomes U+FFFD. The
// body loses its control characters other than tab and line feed.
//
// The From and To addresses are written as util/address.hpp's
// written_address() writes them: a local part like "j d" quoted, UTF-8
// kept (the domain goes out in its IDNA form, as GMime writes it).
//
// Errors: "from" or "to" for an address written_address() refuses
// (control characters, ill-formed UTF-8, no "@", a domain that is not
// one); "message_id" or
// "gateway_domain" when nothing usable is left of them; "date" when it is
// not a date; "x_headers" for a name that is not "X-" and field-name
// characters; the errors of delivery_status_text().
Result<std::string> compose_report(const ReportMail& mail);

// A header value as compose_report() writes it: line breaks and other
// control characters turned into spaces, runs of white space collapsed,
// ill-formed UTF-8 as U+FFFD, cut to 900 octets at a character boundary.
std::string single_line(std::string_view value);

// Replaces each "{name}" (letters, digits, '_') whose name is in values by
// the value, literally: a "{...}" inside a value stays as it is. Unknown
// names and lone braces are left as they are.
std::string fill_template(std::string_view text_template, const std::map<std::string, std::string>& values);

// The subject and body of one kind of mail, with the placeholders
//   {number}        the number as the sender dialled it ("0477324877")
//   {international} the same in international form ("+32477324877")
//   {text}          the SMS text (the original's, or the incoming one)
//   {reason} {code} why it failed, in words, and the TP-ST or CMS code
//   {subject}       an incoming SMS's first words
//   {originator}    an incoming SMS's alphanumeric sender ("ING")
struct ReportTemplate {
    std::string_view subject;
    std::string_view body;
};

struct ReportTemplates {
    std::string_view language; // "en", "nl"
    ReportTemplate network;
    ReportTemplate handset;
    ReportTemplate trying; // a status report says the network still tries
    ReportTemplate failed;
    ReportTemplate incoming;
    // The line an incoming SMS from an alphanumeric sender ends with.
    std::string_view unanswerable;

    const ReportTemplate& for_kind(ReportMail::Kind kind) const;
};

// The primary subtag of a language tag, in lower case: "nl-BE" -> "nl".
std::string primary_language(std::string_view language);

// The shipped templates: "en" (the default), "nl" (SMS Comfort's texts in
// the seed log). A language tag is matched on its primary_language();
// anything else gives English.
const ReportTemplates& templates_for(std::string_view language);

} // namespace smsgate::mail
