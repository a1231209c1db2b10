// sms_config.hpp - the [sms] section of smsgate.conf(5): what the milter and
// the transport must agree on, so that the text checked during the SMTP
// dialogue is the text that is sent.
#pragma once

#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace smsgate::config {

struct SmsConfig {
    std::vector<std::string> domains{"sms.example.com"}; // recipient domains that mean "send an SMS"
    std::string default_region;          // ISO 3166 code for national numbers ("BE"); empty: international only
    std::string senders;                 // smsgate-senders(5) table; empty: the built-in default policy for all
    std::string text_template = "{subject}\n{body}";
    bool clean = true;                   // drop signatures, quoted replies, extra blank lines
    long long max_message_size = 10 * 1024 * 1024; // bytes of mail read; larger mail is refused
};

boost::program_options::options_description sms_options(SmsConfig& config, std::string& domains);

// Checks the values after parsing (domains is the raw comma-separated list).
Status finish_sms_config(SmsConfig& config, const std::string& domains, const std::string& file);

// True when the domain of address (after the last '@') is one of the SMS
// domains, compared without regard to case.
bool is_sms_address(const SmsConfig& config, std::string_view address);

// "+32477324847@sms.example.com" -> "+32477324847"
std::string local_part(std::string_view address);

} // namespace smsgate::config
