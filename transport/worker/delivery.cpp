// delivery.cpp - from the envelope and the mail to a submit request, or a refusal.
#include "worker/delivery.hpp"

#include "checks/checks.hpp"
#include "checks/notify.hpp"
#include "checks/sms_message.hpp"
#include "checks/sms_text.hpp"
#include "mail/digest.hpp"
#include "quota/quota_book.hpp"
#include "sms/segment.hpp"

namespace smsgate::worker {

namespace {

Prepared refused(const Verdict& r)
{
    Prepared p;
    p.refusal = r;
    return p;
}

// X-SMS-Notify of the mail, when it names a level; else the sender's. But
// never a report about a bounce or an automatic mail (RFC 3834).
policy::NotifyLevel notify_level(const mail::MailText& text, const policy::SenderPolicy& policy, std::string_view sender)
{
    if (checks::never_answered(sender, text.auto_submitted))
        return policy::NotifyLevel::none;
    auto asked = text.notify ? policy::notify_level_from_word(*text.notify) : std::nullopt;
    return asked.value_or(policy.notify);
}

} // namespace

Prepared prepare(const Delivery& d, std::string_view mail, const config::SmsConfig& sms,
                 const policy::SendersTable& senders, std::optional<std::size_t> size)
{
    // Postfix's transport_maps and [sms] domains disagree: a configuration
    // error, so the mail waits for the fix rather than bouncing.
    auto local = config::sms_local_part(sms, d.recipient);
    if (!local)
        return refused({451, "4.3.5", "<" + d.recipient + "> is not in an SMS domain of smsgate.conf ([sms] domains)"});

    policy::Query query{d.sender, d.sasl_username, d.client_address};
    auto policy = senders.lookup(query);
    auto checked = checks::sms_message(policy, query, *local, mail, size.value_or(mail.size()), sms);
    if (auto* r = std::get_if<Verdict>(&checked))
        return refused(*r);
    const auto& message = std::get<checks::SmsMessage>(checked);
    const auto& phone = message.number;
    const auto* text = &message.content.text;

    Prepared p;
    auto& r = p.request;
    r.queue_id = d.queue_id;
    r.recipient = d.recipient;
    // Without a Message-ID, the mail's own bytes tell this delivery from
    // another one that got the same queue id.
    r.mail_key = text->message_id.empty() ? mail::content_digest(mail) : text->message_id;
    r.message_id = text->message_id;
    r.number = phone.e164;
    r.sender = d.sender;
    r.from_name = text->from.name;
    r.to_name = text->to.name;
    r.notify = notify_level(*text, policy, d.sender);
    r.text = text->text;
    r.language = policy.language;
    p.quota = policy.quota;
    p.quota_key = quota::sender_key(d.sender, d.sasl_username);
    return p;
}

} // namespace smsgate::worker
