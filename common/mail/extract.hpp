// extract.hpp - a mail to the text of its SMS: the public face of
// common/mail, shared by smsgate-milter, smsgate-transport and smsgatectl.
//
// The text is what the person meant: the text/plain body (else the HTML
// body rendered as text), decoded from its transfer encoding and charset,
// format=flowed joined, then cleaned of what a sender would not want in an
// SMS (signature, quoted reply, blank lines), and put with the subject
// (without its reply marks: "Re:", "AW:") into a template, behind the
// sender's prefix. An answer to a mail the gateway wrote is its new body
// alone: "PS Thanks", not "PS Re: Ok test Thanks". Malformed MIME gives the best text
// there is; a mail without any text, or whose body is not text at all
// (text_check.hpp), gives no text: the milter and the transport refuse it
// (checks::check_text).
#pragma once

#include "mail/clean.hpp"
#include "mail/compose.hpp"
#include "mail/text_check.hpp"
#include "util/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace smsgate::mail {

struct ExtractOptions {
    CleanOptions clean;
    // {subject} and {body}; see compose_text().
    std::string text_template{default_text_template};
    // The sender's SMS prefix from the policy ("PS"); empty for none.
    std::string prefix;
};

struct MailAddress {
    std::string name;    // display name, RFC 2047 decoded; empty when there is none
    std::string address; // addr-spec: "P.Sommers@sonal.be"
};

struct MailText {
    std::string subject;    // RFC 2047 decoded, unfolded, trimmed, without reply marks; may be empty
    std::string raw_subject; // the same with its reply marks ("Re: Ok test")
    std::string body;       // the body text after clean-up; may be empty
    std::string text;       // the SMS text: template, prefix; never empty
    std::string message_id; // without the angle brackets; empty when absent
    // In-Reply-To or References names a mail the gateway wrote (an incoming
    // SMS, a report): the text is then the new body alone, without the
    // subject, which only repeats the handset's words.
    bool answers_gateway = false;
    MailAddress from;       // the first mailbox of From:
    MailAddress to;         // the first mailbox of To:
    // X-SMS-Notify, trimmed and in lower case ("none", "failure", "network",
    // "handset", "all" are the meaningful values; checking them is the
    // caller's job). Nothing when the header is absent.
    std::optional<std::string> notify;
    // Auto-Submitted (RFC 3834): its keyword in lower case, without comments
    // or the parameters after ';' ("auto-replied" of "Auto-Replied;
    // foo=bar"). Empty when the header is absent or has no keyword. Any
    // keyword but "no" marks an automatic mail, which gets no report.
    std::string auto_submitted;
};

// The keyword of an Auto-Submitted value (RFC 3834 section 5): after any
// blanks and comments, up to a blank, a comment or ';'; in lower case
// ("Auto-Generated; reason=x" -> "auto-generated").
std::string auto_submitted_keyword(std::string_view value);

// Parses one RFC 5322 message (LF or CRLF line ends) with GMime. Its text,
// or why it has none: no header could be read at all (no_header); the part
// that holds the body is not text, or lies too deep (see TextFault), even
// when there is a subject; there is neither a body with text nor a subject
// (no_text).
std::variant<MailText, TextProblem> extract(std::string_view raw_mail, const ExtractOptions& options = {});

// extract() with the problem as an error: field "mail" for no_header,
// "text" for no_text, "body" for a body that is not text.
Result<MailText> extract_text(std::string_view raw_mail, const ExtractOptions& options = {});

} // namespace smsgate::mail
