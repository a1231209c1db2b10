// sms_config.cpp - the [sms] section of smsgate.conf(5).
#include "config/sms_config.hpp"

#include "config/ini.hpp"
#include "sms/national_tables.hpp"
#include "util/routed_address.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>

namespace po = boost::program_options;

namespace smsgate::config {


po::options_description sms_options(SmsConfig& c, std::string& domains)
{
    po::options_description d("[sms]");
    domains = "sms.example.com";
    // clang-format off
    d.add_options()
        ("sms.domains", defaulted(domains), "recipient domains that mean an SMS, comma-separated")
        ("sms.default_region", po::value(&c.default_region),
         "country (ISO 3166, \"BE\") of national numbers; empty: international numbers only")
        ("sms.senders", po::value(&c.senders), "senders table, smsgate-senders(5); empty: the default policy")
        ("sms.text_template", po::value(&c.text_template)->default_value("{subject}\\n{body}"),
         "SMS text from {subject} and {body}; \\n is a line break")
        ("sms.clean", defaulted(c.clean), "drop signatures, quoted replies and extra blank lines")
        ("sms.max_message_size", defaulted(c.max_message_size), "largest mail read, in bytes")
        ("sms.national_tables", po::value(&c.national_tables_list),
         "national language shift tables a text may go with (tr, es, pt, bn, gu, hi, kn, ml, or, pa, ta, te, ur)");
    // clang-format on
    return d;
}

Status finish_sms_config(SmsConfig& c, const std::string& domains, const std::string& file,
                         const RegionCheck& known_region)
{
    c.domains.clear();
    for (auto& d : split_list(domains))
        c.domains.push_back(ascii_lower(d));
    if (c.domains.empty())
        return make_error("domains", file + ": [sms] domains is empty");
    // "\n" in the file is a line break in the text.
    std::string t;
    for (std::size_t i = 0; i < c.text_template.size(); ++i) {
        if (c.text_template[i] == '\\' && i + 1 < c.text_template.size() && c.text_template[i + 1] == 'n') {
            t += '\n';
            ++i;
        } else {
            t += c.text_template[i];
        }
    }
    c.text_template = t;
    if (c.text_template.find("{body}") == std::string::npos && c.text_template.find("{subject}") == std::string::npos)
        return make_error("text_template", file + ": [sms] text_template has neither {subject} nor {body}");
    // Checked against the number metadata: "UK" or "BEL" would otherwise
    // turn every national number into a bounce.
    if (!c.default_region.empty() &&
        (c.default_region.size() != 2 || !std::isupper(static_cast<unsigned char>(c.default_region[0])) ||
         !std::isupper(static_cast<unsigned char>(c.default_region[1])) ||
         (known_region && !known_region(c.default_region))))
        return make_error("default_region", file + ": [sms] default_region '" + c.default_region +
                                                "' is not a two-letter country code such as BE");
    if (c.max_message_size < 1024)
        return make_error("max_message_size", file + ": [sms] max_message_size must be at least 1024");
    c.national_tables.clear();
    for (auto& code : split_list(c.national_tables_list)) {
        const auto* language = sms::national_language(code);
        if (!language)
            return make_error("national_tables", file + ": [sms] national_tables: '" + code +
                                                     "' is not a language of TS 23.038 Annex A (tr, es, pt, bn, "
                                                     "gu, hi, kn, ml, or, pa, ta, te, ur)");
        c.national_tables.push_back(language->id);
    }
    return Done{};
}

sms::TextOptions text_options(const SmsConfig& config)
{
    sms::TextOptions options;
    options.national_tables = config.national_tables;
    return options;
}

std::optional<std::string> sms_local_part(const SmsConfig& c, std::string_view address, AddressForm form)
{
    auto r = routed_address(address);
    auto is_sms = [&](const std::string& domain) {
        return std::find(c.domains.begin(), c.domains.end(), domain) != c.domains.end();
    };
    // "+32477324847%sms.example.com@host": the rightmost '%' becomes the '@'.
    while (!is_sms(r.domain)) {
        auto percent = r.local.rfind('%');
        if (form == AddressForm::routed || percent == std::string::npos)
            return std::nullopt;
        r.domain = routed_domain(std::string_view(r.local).substr(percent + 1));
        r.local.erase(percent);
    }
    return r.local;
}

} // namespace smsgate::config
