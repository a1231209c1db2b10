// sms_config.hpp - the [sms] section of smsgate.conf(5): what the milter and
// the transport must agree on, so that the text checked during the SMTP
// dialogue is the text that is sent.
#pragma once

#include "sms/segment.hpp"
#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::config {

struct SmsConfig {
    std::vector<std::string> domains{"sms.example.com"}; // recipient domains that mean "send an SMS"
    std::string default_region;          // ISO 3166 code for national numbers ("BE"); empty: international only
    std::string senders;                 // smsgate-senders(5) table; empty: the built-in default policy for all
    std::string text_template = "{subject}\n{body}";
    bool clean = true;                   // drop signatures, quoted replies, extra blank lines
    long long max_message_size = 10 * 1024 * 1024; // bytes of mail read; larger mail is refused
    // National language identifiers (TS 23.038 6.2.1.2.4) whose shift
    // tables a text may go with; empty: the default alphabet or UCS-2 only.
    std::vector<std::uint8_t> national_tables;
    std::string national_tables_list; // as written: "tr, es"
};

boost::program_options::options_description sms_options(SmsConfig& config, std::string& domains);

// The text options of the configuration: what the milter, the transport
// and smsgatectl pass to sms::plan_text.
sms::TextOptions text_options(const SmsConfig& config);

// Whether a two-letter code names a region of the number metadata
// (phone::is_region_code); a program that reads no numbers passes none and
// checks only the code's form.
using RegionCheck = std::function<bool(std::string_view)>;

// Checks the values after parsing (domains is the raw comma-separated list).
Status finish_sms_config(SmsConfig& config, const std::string& domains, const std::string& file,
                         const RegionCheck& known_region = {});

// How an address reached the check. routed: as Postfix routes it (the
// milter's {rcpt_addr}, the transport's ${recipient}): Postfix has already
// applied its rewriting. written: as the client wrote it after RCPT TO
// (the milter without {rcpt_addr}): a "%" in the local part is read as
// Postfix's percent hack too, which Postfix applies only for its local
// domains: so this form counts as an SMS recipient a little more than
// Postfix routes there, never less.
enum class AddressForm { routed, written };

// The local part (the number, unquoted) when the address goes to one of
// the SMS domains: any case, trailing dots, quotes, a source route, a bang
// path (util/routed_address.hpp) and, for the written form, the percent
// hack; nothing when it goes elsewhere. The one place that decides what is
// an SMS recipient.
std::optional<std::string> sms_local_part(const SmsConfig& config, std::string_view address,
                                          AddressForm form = AddressForm::routed);

inline bool is_sms_address(const SmsConfig& config, std::string_view address,
                           AddressForm form = AddressForm::routed)
{
    return sms_local_part(config, address, form).has_value();
}

} // namespace smsgate::config
