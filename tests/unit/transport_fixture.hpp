// transport_fixture.hpp - what the tests of the checks of a delivery from
// smsgate-transport share (made by the worker, worker/delivery.hpp): the
// transport's configuration from text, a senders table, the seed's mail and
// others, and a delivery as pipe(8) gives it.
#pragma once

#include "worker/delivery.hpp"
#include "config/transport_section.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

namespace transport_test {

inline smsgate::Result<smsgate::config::TransportConfig> config_from(const std::string& text)
{
    std::istringstream in(text);
    return smsgate::config::parse_config<smsgate::config::TransportConfig>(in, "test.conf");
}

inline smsgate::policy::SendersTable table(const std::string& text)
{
    std::istringstream in(text);
    auto t = smsgate::policy::SendersTable::parse(in, "senders");
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().message));
    return std::move(t).value();
}

inline const std::string seed_senders = "ps@example.com allow prefix=PS notify=all\n"
                                        "@example.com allow parts=2\n"
                                        "sasl:boss allow types=mobile,premium_rate\n"
                                        "@auth.example.com allow auth=yes\n"
                                        "default reject only example.com may send SMS\n";

// The seed's mail as Exchange wrote it: empty Subject, body "test".
inline const std::string seed_mail = "From: \"P. Sommers\" <ps@example.com>\r\n"
                                     "To: \"SMS PS\" <+32477324847@sms.example.com>\r\n"
                                     "Subject: \r\n"
                                     "Message-ID: <4F1A2B3C@mail.example.com>\r\n"
                                     "Content-Type: text/plain; charset=\"us-ascii\"\r\n"
                                     "Content-Transfer-Encoding: quoted-printable\r\n"
                                     "\r\n"
                                     "test\r\n";

inline std::string mail_with(const std::string& headers, const std::string& body)
{
    return "From: a@example.com\r\nTo: b@sms.example.com\r\n" + headers + "\r\n" + body;
}

inline smsgate::worker::Delivery delivery(std::string sender, std::string recipient = "+32477324847@sms.example.com")
{
    return smsgate::worker::Delivery{"4F1A2B3C", std::move(sender), std::move(recipient), "", ""};
}

inline smsgate::config::SmsConfig sms_config()
{
    auto c = config_from("[sms]\ndomains = sms.example.com, SMS.example.org\ndefault_region = BE\n");
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().what()));
    return c->sms;
}

} // namespace transport_test
