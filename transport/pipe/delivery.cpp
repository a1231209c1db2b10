// delivery.cpp - from argv and the mail to a submit request, or a refusal.
#include "pipe/delivery.hpp"

#include "checks/checks.hpp"
#include "sms/segment.hpp"

namespace smsgate::transport {

namespace {

Prepared refused(const checks::Refusal& r)
{
    Prepared p;
    p.refusal = proto::Outcome{r.permanent() ? proto::OutcomeKind::permanent : proto::OutcomeKind::temporary, r.dsn,
                               r.text, 0};
    return p;
}

bool known_level(std::string_view level)
{
    for (auto l : policy::notify_levels)
        if (l == level)
            return true;
    return false;
}

} // namespace

mail::ExtractOptions extract_options(const config::SmsConfig& sms, const std::string& prefix)
{
    mail::ExtractOptions options;
    if (!sms.clean)
        options.clean = mail::CleanOptions::none();
    options.text_template = sms.text_template;
    options.prefix = prefix;
    return options;
}

Prepared prepare(const Delivery& d, std::string_view mail, const config::SmsConfig& sms,
                 const policy::SendersTable& senders)
{
    // Postfix's transport_maps and [sms] domains disagree: a configuration
    // error, so the mail waits for the fix rather than bouncing.
    if (!config::is_sms_address(sms, d.recipient))
        return refused({451, "4.3.5", "<" + d.recipient + "> is not in an SMS domain of smsgate.conf ([sms] domains)"});

    policy::Query query{d.sender, d.sasl_username, d.client_address};
    auto policy = senders.lookup(query);
    if (auto r = checks::check_sender(policy, query))
        return refused(*r);

    auto number = checks::check_number(policy, config::local_part(d.recipient), sms.default_region);
    if (auto* r = std::get_if<checks::Refusal>(&number))
        return refused(*r);
    const auto& phone = std::get<phone::PhoneNumber>(number);
    if (phone.e164.empty())
        // A short code the policy allows has no international form; a modem
        // sends to it in national form, which the worker does not do (yet).
        return refused({550, "5.1.3", phone.national + " is a short code; the gateway sends to E.164 numbers only"});

    auto text = mail::extract_text(mail, extract_options(sms, policy.prefix));
    if (!text)
        return refused(checks::no_text(text.error()));
    if (auto r = checks::check_parts(policy, sms::plan_text(text->text)))
        return refused(*r);

    Prepared p;
    auto& r = p.request;
    r.queue_id = d.queue_id;
    r.recipient = d.recipient;
    r.message_id = text->message_id;
    r.number = phone.e164;
    r.sender = d.sender;
    r.from_name = text->from.name;
    r.to_name = text->to.name;
    // X-SMS-Notify of the mail, when it names a level; else the sender's.
    r.notify = text->notify && known_level(*text->notify) ? *text->notify : policy.notify;
    r.text = text->text;
    return p;
}

} // namespace smsgate::transport
