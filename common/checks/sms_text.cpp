// sms_text.cpp - the extraction settings from the configuration, and the
// refusal of a mail that gives no text.
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

std::variant<mail::MailText, Verdict> check_text(std::string_view raw_mail, const config::SmsConfig& sms,
                                                 const std::string& prefix)
{
    auto extracted = mail::extract(raw_mail, extract_options(sms, prefix));
    if (auto* problem = std::get_if<mail::TextProblem>(&extracted))
        return refuse_text(*problem);
    return std::get<mail::MailText>(std::move(extracted));
}

} // namespace smsgate::checks
