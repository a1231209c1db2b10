// test_reply_prefix.cpp - the reply marks dropped from subjects, and the
// gateway's own Message-IDs recognised in an answer's In-Reply-To. The
// subjects are data: tests/unit/data/reply_subjects.txt.
#include "mail/message_id.hpp"
#include "mail/reply_prefix.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

using namespace smsgate::mail;

TEST_CASE("reply marks: every subject of the data file loses its marks and nothing else")
{
    std::ifstream in(std::string(SMSGATE_SOURCE_DIR) + "/tests/unit/data/reply_subjects.txt");
    REQUIRE(in);
    std::string line;
    int cases = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#')
            continue;
        auto tab = line.find('\t');
        REQUIRE_MESSAGE(tab != std::string::npos, line);
        std::string subject = line.substr(0, tab);
        std::string expected = line.substr(tab + 1);
        if (expected == "-")
            expected.clear();
        CAPTURE(subject);
        CHECK(strip_reply_prefixes(subject) == expected);
        ++cases;
    }
    CHECK(cases >= 40);
}

TEST_CASE("gateway Message-IDs: the form written is the form recognised")
{
    std::string id = gateway_message_id("incoming:42", 1796668800, "");
    CHECK(id == "smsgate.1796668800.incoming.42");
    CHECK(is_gateway_message_id(id + "@sms.example.com"));
    CHECK(is_gateway_message_id("<" + id + "@sms.example.com>"));
    CHECK(is_gateway_message_id(gateway_message_id("job:7:network", 1796668800, "a1b2") + "@gw.example.net"));

    for (const char* other : {
             "smsgate.1796668800.incoming.42",         // no domain
             "smsgate.1796668800.incoming.42@",        // an empty one
             "smsgate..incoming.42@sms.example.com",   // no time
             "smsgate.x.incoming.42@sms.example.com",  // not a time
             "smsgate.1796668800.@sms.example.com",    // no key
             "smsgate.1796668800@sms.example.com",     // nothing after the time
             "smsgates.1796668800.incoming.42@sms.example.com",
             "SMSGATE.1796668800.incoming.42@sms.example.com",
             "4742F1A3.6030903@sonal.be",
             "",
         }) {
        CAPTURE(other);
        CHECK_FALSE(is_gateway_message_id(other));
    }
}
