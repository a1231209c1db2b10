// sms_text.cpp - the extraction settings from the configuration.
#include "checks/sms_text.hpp"

namespace smsgate::checks {

mail::ExtractOptions extract_options(const config::SmsConfig& sms, const std::string& prefix)
{
    mail::ExtractOptions options;
    if (!sms.clean)
        options.clean = mail::CleanOptions::none();
    options.text_template = sms.text_template;
    options.prefix = prefix;
    return options;
}

} // namespace smsgate::checks
