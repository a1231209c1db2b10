// mail_section.cpp - the [mail] option table and its checks.
#include "config/mail_section.hpp"

#include "config/ini.hpp"
#include "mail/report_mail.hpp"
#include "util/address.hpp"
#include "util/text.hpp"

#include <sstream>

namespace po = boost::program_options;

namespace smsgate::config {

po::options_description mail_options(MailConfig& c)
{
    po::options_description d("[mail]");
    // clang-format off
    d.add_options()
        ("mail.sendmail", defaulted(c.sendmail), "sendmail command and its own arguments (no shell)")
        ("mail.postqueue", defaulted(c.postqueue),
         "postqueue command and its own arguments, run with -i QUEUE_ID when an SMS is decided after its "
         "transport gave up waiting; empty: never")
        ("mail.from", po::value(&c.from), "From address of reports; empty: smsgate@DOMAIN")
        ("mail.from_name", defaulted(c.from_name), "display name of reports")
        ("mail.envelope_sender", po::value(&c.envelope_sender),
         "envelope sender of the mails; empty: the from address; <>: the null sender")
        ("mail.domain", po::value(&c.domain), "domain of Message-IDs; empty: the first [sms] domain")
        ("mail.language", defaulted(c.language), "language of reports when the senders table names none: en, nl")
        ("mail.default_mailbox", defaulted(c.default_mailbox),
         "where incoming SMS go that no conversation or number_map claims")
        ("mail.number_map", po::value(&c.number_map), "file of ORIGINATOR ADDRESS lines for incoming SMS")
        ("mail.reply_window", defaulted(c.reply_window),
         "seconds after an SMS to a number in which its answers go to the sender")
        ("mail.report_timeout", defaulted(c.report_timeout),
         "seconds without a final status report before an SMS counts as expired")
        ("mail.retry_seconds", defaulted(c.retry_seconds), "first retry after sendmail failed, doubled up to an hour");
    // clang-format on
    return d;
}

namespace {

// A plain address that sendmail cannot read as an option either.
bool usable_address(const std::string& address)
{
    return is_plain_address(address) && address.front() != '-';
}

// A command of the section (sendmail, postqueue): split at white space, its
// first word an absolute path; empty only when the key may be off.
Result<std::vector<std::string>> command_words(const std::string& key, const std::string& text,
                                               const std::string& where, bool may_be_empty)
{
    std::istringstream words(text);
    std::vector<std::string> out;
    for (std::string w; words >> w;)
        out.push_back(w);
    if (out.empty() ? !may_be_empty : out.front().front() != '/')
        return make_error(key, where + key + " must begin with an absolute path" + (may_be_empty ? " (or be empty)" : ""));
    return out;
}

} // namespace

Status finish_mail_config(MailConfig& c, const std::vector<std::string>& sms_domains, const std::string& file)
{
    auto where = file + ": [mail] ";
    auto sendmail = command_words("sendmail", c.sendmail, where, false);
    if (!sendmail)
        return sendmail.error();
    c.sendmail_argv = std::move(sendmail).value();
    auto postqueue = command_words("postqueue", c.postqueue, where, true);
    if (!postqueue)
        return postqueue.error();
    c.postqueue_argv = std::move(postqueue).value();
    if (c.domain.empty() && !sms_domains.empty())
        c.domain = sms_domains.front();
    if (c.domain.empty() || !usable_address("x@" + c.domain))
        return make_error("domain", where + "domain '" + c.domain + "' is not a domain name");
    if (c.from.empty())
        c.from = "smsgate@" + c.domain;
    if (!usable_address(c.from))
        return make_error("from", where + "from '" + c.from + "' is not an address local@domain");
    if (c.envelope_sender.empty())
        c.envelope_sender = c.from;
    else if (c.envelope_sender == "<>")
        c.envelope_sender.clear();
    else if (!usable_address(c.envelope_sender))
        return make_error("envelope_sender", where + "envelope_sender '" + c.envelope_sender +
                                                 "' is not an address local@domain or <>");
    if (!usable_address(c.default_mailbox))
        return make_error("default_mailbox", where + "default_mailbox '" + c.default_mailbox + "' is not an address local@domain");
    c.language = ascii_lower(c.language);
    if (mail::templates_for(c.language).language != mail::primary_language(c.language))
        return make_error("language", where + "language '" + c.language + "' has no templates (en, nl)");
    if (c.reply_window < 0 || c.report_timeout < 10 || c.retry_seconds < 1)
        return make_error("mail", where + "reply_window must not be negative, report_timeout must be at least 10 "
                                          "and retry_seconds at least 1");
    return Done{};
}

} // namespace smsgate::config
