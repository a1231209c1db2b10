// sms_message.cpp - the checks of a mail as an SMS, composed in one order.
#include "checks/sms_message.hpp"

#include "checks/sms_text.hpp"

namespace smsgate::checks {

std::variant<SmsContent, Verdict> sms_content(std::string_view raw_mail, std::size_t size,
                                              const config::SmsConfig& sms, const policy::SenderPolicy& policy)
{
    if (size > static_cast<std::size_t>(sms.max_message_size))
        return too_large(size, sms.max_message_size);
    auto text = check_text(raw_mail, sms, policy.prefix);
    if (auto* r = std::get_if<Verdict>(&text))
        return *r;
    SmsContent content{std::move(std::get<mail::MailText>(text)), {}};
    content.plan = sms::plan_text(content.text.text, config::text_options(sms));
    if (auto r = check_parts(policy, content.plan))
        return *r;
    return content;
}

std::variant<SmsMessage, Verdict> sms_message(const policy::SenderPolicy& policy, const policy::Query& sender,
                                              std::string_view local_part, std::string_view raw_mail,
                                              std::size_t size, const config::SmsConfig& sms)
{
    if (auto r = check_sender(policy, sender))
        return *r;
    auto number = check_number(policy, local_part, sms.default_region);
    if (auto* r = std::get_if<Verdict>(&number))
        return *r;
    auto content = sms_content(raw_mail, size, sms, policy);
    if (auto* r = std::get_if<Verdict>(&content))
        return *r;
    return SmsMessage{std::move(std::get<phone::PhoneNumber>(number)), std::move(std::get<SmsContent>(content))};
}

} // namespace smsgate::checks
