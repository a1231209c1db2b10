// Which mails about an SMS go back to its sender (issue 6): the levels of
// smsgate-senders(5), and never a report to a bounce or an automatic mail.
#include "checks/notify.hpp"

#include <doctest/doctest.h>

#include <string>

using smsgate::checks::Report;
using smsgate::checks::wants_report;

TEST_CASE("notify: each level and the reports it asks for")
{
    struct Row {
        const char* level;
        bool network, handset, trying, failed;
    };
    for (auto row : {Row{"none", false, false, false, false}, Row{"failure", false, false, false, true},
                     Row{"network", true, false, false, true}, Row{"handset", false, true, false, true},
                     Row{"all", true, true, true, true}, Row{" ALL ", true, true, true, true},
                     Row{"Handset", false, true, false, true},
                     // A typo never hides a failure.
                     Row{"everything", false, false, false, true}, Row{"", false, false, false, true}}) {
        CAPTURE(row.level);
        CHECK(wants_report(row.level, Report::network, "ps@example.com", "") == row.network);
        CHECK(wants_report(row.level, Report::handset, "ps@example.com", "") == row.handset);
        CHECK(wants_report(row.level, Report::trying, "ps@example.com", "") == row.trying);
        CHECK(wants_report(row.level, Report::failed, "ps@example.com", "") == row.failed);
    }
}

TEST_CASE("notify: RFC 3834 never a report to a bounce or an automatic mail")
{
    for (const char* sender : {"", "<>", " <> ", "MAILER-DAEMON", "mailer-daemon@mx.example.com", "<MAILER-DAEMON>"}) {
        CAPTURE(sender);
        CHECK_FALSE(wants_report("all", Report::failed, sender, ""));
    }
    for (const char* header : {"auto-generated", "auto-replied", "Auto-Generated; reason=report", "auto-notified"}) {
        CAPTURE(header);
        CHECK_FALSE(wants_report("all", Report::failed, "ps@example.com", header));
    }
    // "no" is a person's mail.
    CHECK(wants_report("all", Report::failed, "ps@example.com", "no"));
    CHECK(wants_report("all", Report::failed, "ps@example.com", " No "));
    // A sender that merely contains the word is a person.
    CHECK(wants_report("failure", Report::failed, "mailer-daemon-fan@example.com", ""));
}
