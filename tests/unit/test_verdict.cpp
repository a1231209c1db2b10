// test_verdict.cpp - the one verdict type: enhanced status codes (RFC 3463)
// read and written, and the class that decides.
#include "verdict/verdict.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace smsgate;

TEST_CASE("RFC 3463: status codes are read as class.subject.detail, and written back the same")
{
    for (const char* text : {"2.0.0", "4.4.1", "5.1.3", "5.7.12", "4.3.999", "5.100.0"}) {
        CAPTURE(std::string(text));
        auto code = StatusCode::parse(text);
        REQUIRE(code.has_value());
        CHECK(code->str() == text);
        CHECK(*code == text);
    }
    auto code = StatusCode::parse("5.6.3");
    REQUIRE(code);
    CHECK(code->klass == 5);
    CHECK(code->subject == 6);
    CHECK(code->detail == 3);
}

TEST_CASE("RFC 3463: malformed codes and classes other than 2, 4 and 5 are not codes")
{
    for (const char* text : {"", "5", "5.1", "5.1.", ".1.1", "5..1", "5.1.1.", "5.1.1 ", " 5.1.1", "3.0.0", "1.0.0",
                             "6.0.0", "55.1.1", "5.1000.1", "5.1.1000", "5.a.1", "5.1.-1", "+5.1.1", "5,1,1"}) {
        CAPTURE(std::string(text));
        CHECK_FALSE(StatusCode::parse(text).has_value());
    }
}

TEST_CASE("verdict: the class comes from the code's class digit as a type, and as() changes only the class")
{
    CHECK(StatusCode("2.0.0").verdict_class() == VerdictClass::ok);
    CHECK(StatusCode("4.7.1").verdict_class() == VerdictClass::temporary);
    CHECK(StatusCode("5.7.1").verdict_class() == VerdictClass::permanent);
    CHECK(StatusCode("5.3.0").as(VerdictClass::temporary) == StatusCode("4.3.0"));
    CHECK(StatusCode("4.4.1").as(VerdictClass::permanent) == "5.4.1");

    Verdict refusal{553, "5.1.3", "not a phone number"};
    CHECK(refusal.permanent());
    CHECK_FALSE(refusal.temporary());
    CHECK_FALSE(refusal.ok());
    Verdict later{450, "4.7.1", "quota"};
    CHECK(later.temporary());
    CHECK(Verdict{0, "2.0.0", "sent"}.ok());
    CHECK(verdict_class_name(VerdictClass::permanent) == "permanent");
}
