// mail_section.hpp - the [mail] section of smsgate.conf(5): how smsgated
// writes mails back (reports to senders, incoming SMS) and where an incoming
// SMS goes when no conversation claims it.
#pragma once

#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace smsgate::config {

struct MailConfig {
    // sendmail(1) and arguments of its own ("/usr/sbin/sendmail -C /etc/postfix-out"),
    // split at white space and run without a shell; smsgated adds
    // "-i -f SENDER -- RECIPIENT".
    std::string sendmail = "/usr/sbin/sendmail";
    // postqueue(1) and arguments of its own ("/usr/sbin/postqueue -c
    // /etc/postfix"); smsgated adds "-i QUEUE_ID" for a mail whose SMS was
    // decided after its transport had given up waiting. Empty: never run.
    std::string postqueue = "/usr/sbin/postqueue";
    std::string from;                   // From of the reports; empty: smsgate@DOMAIN
    std::string from_name = "SMS gateway";
    std::string envelope_sender;        // empty: the from address; "<>": the null sender
    std::string domain;                 // of Message-IDs and of "from"; empty: the first [sms] domain
    std::string language = "en";        // of the reports when the senders table names none
    std::string default_mailbox = "postmaster@localhost"; // incoming SMS that nothing else claims
    std::string number_map;             // file of "ORIGINATOR ADDRESS" lines; empty: none
    long reply_window = 7 * 24 * 3600;  // seconds an SMS to a number makes its answers go to the sender
    long report_timeout = 25 * 3600;    // seconds without a final status report before "expired"
    int retry_seconds = 60;             // first retry of a failed sendmail, doubled up to an hour

    std::vector<std::string> sendmail_argv;  // sendmail split, filled by finish_mail_config
    std::vector<std::string> postqueue_argv; // postqueue split; empty when off
};

boost::program_options::options_description mail_options(MailConfig& config);

// Checks the values and fills the defaults that depend on [sms] domains.
Status finish_mail_config(MailConfig& config, const std::vector<std::string>& sms_domains, const std::string& file);

} // namespace smsgate::config
