// Which recipients are SMS recipients: every form Postfix routes to an SMS
// domain, and nothing else. Cases from the hostile SMTP inputs
// (tests/hostile-smtp/) and RFC 5321's path syntax.
#include "config/sms_config.hpp"
#include "util/routed_address.hpp"

#include <doctest/doctest.h>

using namespace smsgate;

TEST_CASE("routed_address: the parts that do not change where a mail goes are taken off")
{
    struct Row {
        const char* address;
        const char* local;
        const char* domain;
    };
    const Row rows[] = {
        {"+32477324801@sms.example.com", "+32477324801", "sms.example.com"},
        {"<+32477324801@sms.example.com>", "+32477324801", "sms.example.com"},
        {"+32477324801@sms.example.com.", "+32477324801", "sms.example.com"},
        {"+32477324801@sms.example.com..", "+32477324801", "sms.example.com"},
        {"+32477324801@SMS.Example.COM", "+32477324801", "sms.example.com"},
        {"\"+32477324801\"@sms.example.com", "+32477324801", "sms.example.com"},
        {"\"+32\\477324801\"@sms.example.com", "+32477324801", "sms.example.com"},
        {"\"a@b\"@sms.example.com", "a@b", "sms.example.com"},
        {"@relay.example,@other.example:+32477324801@sms.example.com", "+32477324801", "sms.example.com"},
        {"sms.example.com!+32477324801", "+32477324801", "sms.example.com"},
        {"SMS.example.com.!+32477324801", "+32477324801", "sms.example.com"},
        {"+32477324801%sms.example.com@[127.0.0.1]", "+32477324801%sms.example.com", "[127.0.0.1]"},
        {"+32477324801", "+32477324801", ""},
        {"", "", ""},
        {"@sms.example.com", "", "sms.example.com"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.address);
        auto r = routed_address(row.address);
        CHECK(r.local == row.local);
        CHECK(r.domain == row.domain);
    }
}

TEST_CASE("sms_local_part: an SMS recipient in every form Postfix routes to the SMS domains")
{
    config::SmsConfig sms;
    sms.domains = {"sms.example.com", "sms.example.net"};
    using config::AddressForm;
    struct Row {
        const char* address;
        AddressForm form;
        const char* local; // nullptr: not an SMS recipient
    };
    const Row rows[] = {
        {"+32477324801@sms.example.com", AddressForm::routed, "+32477324801"},
        {"+32477324801@sms.example.com.", AddressForm::routed, "+32477324801"},
        {"+32477324801@Sms.Example.Net", AddressForm::routed, "+32477324801"},
        {"\"+32477324801\"@sms.example.com", AddressForm::routed, "+32477324801"},
        {"@a.example,@b.example:+32477324801@sms.example.com", AddressForm::written, "+32477324801"},
        {"sms.example.com!+32477324801", AddressForm::written, "+32477324801"},
        // The percent hack: Postfix applies it for its own domains; from
        // the client's words the milter cannot tell, so it checks.
        {"+32477324801%sms.example.com@[127.0.0.1]", AddressForm::written, "+32477324801"},
        {"+32477324801%sms.example.com@localhost", AddressForm::written, "+32477324801"},
        {"+32477324801%sms.example.com.@gw.example", AddressForm::written, "+32477324801"},
        // Resolved by Postfix to another host: not for SMS.
        {"+32477324801%sms.example.com@gw.example", AddressForm::routed, nullptr},
        // A "%" inside an SMS domain's local part stays in the number.
        {"+324%77@sms.example.com", AddressForm::written, "+324%77"},
        {"bob@example.com", AddressForm::written, nullptr},
        {"+32477324801@sms.example.com.evil.example", AddressForm::written, nullptr},
        {"+32477324801@xsms.example.com", AddressForm::written, nullptr},
        {"+32477324801@[192.0.2.1]", AddressForm::written, nullptr},
        {"+32477324801", AddressForm::written, nullptr},
        {"", AddressForm::written, nullptr},
    };
    for (const auto& row : rows) {
        CAPTURE(row.address);
        auto local = config::sms_local_part(sms, row.address, row.form);
        if (row.local) {
            REQUIRE(local);
            CHECK(*local == row.local);
        } else {
            CHECK_FALSE(local);
        }
    }
}
