// Which mails about an SMS go back to its sender (issue 6): the levels of
// smsgate-senders(5), and never a report to a bounce or an automatic mail.
#include "checks/notify.hpp"

#include <doctest/doctest.h>

#include <string>

using smsgate::checks::Report;
using smsgate::checks::wants_report;
using smsgate::policy::NotifyLevel;

TEST_CASE("notify: each level and the reports it asks for")
{
    struct Row {
        NotifyLevel level;
        bool network, handset, trying, failed;
    };
    for (auto row : {Row{NotifyLevel::none, false, false, false, false}, Row{NotifyLevel::failure, false, false, false, true},
                     Row{NotifyLevel::network, true, false, false, true}, Row{NotifyLevel::handset, false, true, false, true},
                     Row{NotifyLevel::all, true, true, true, true}}) {
        CAPTURE(smsgate::policy::notify_level_word(row.level));
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
        CHECK_FALSE(wants_report(NotifyLevel::all, Report::failed, sender, ""));
    }
    for (const char* header : {"auto-generated", "auto-replied", "Auto-Generated; reason=report", "auto-notified"}) {
        CAPTURE(header);
        CHECK_FALSE(wants_report(NotifyLevel::all, Report::failed, "ps@example.com", header));
    }
    // "no" is a person's mail.
    CHECK(wants_report(NotifyLevel::all, Report::failed, "ps@example.com", "no"));
    CHECK(wants_report(NotifyLevel::all, Report::failed, "ps@example.com", " No "));
    // A sender that merely contains the word is a person.
    CHECK(wants_report(NotifyLevel::failure, Report::failed, "mailer-daemon-fan@example.com", ""));
}

TEST_CASE("notify: one word per level and per report, read back exactly")
{
    using namespace smsgate;
    for (auto level : {NotifyLevel::none, NotifyLevel::failure, NotifyLevel::network, NotifyLevel::handset,
                       NotifyLevel::all})
        CHECK(policy::notify_level_from_word(policy::notify_level_word(level)) == level);
    CHECK(policy::notify_level_word(NotifyLevel::failure) == "failure");
    for (const char* other : {"", "everything", " all", "All"})
        CHECK_FALSE(policy::notify_level_from_word(other).has_value());
    for (auto report : {Report::network, Report::handset, Report::trying, Report::failed})
        CHECK(checks::report_from_word(checks::report_word(report)) == report);
    CHECK(checks::report_word(Report::handset) == "handset");
    CHECK_FALSE(checks::report_from_word("delivered").has_value());
}
