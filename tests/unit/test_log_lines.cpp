// test_log_lines.cpp - log lines in the format of Postfix's maillog file,
// a log file reopened after logrotate moved it, and the text of an SMS
// shown only when log_text = yes. Real files.
#include "log/log.hpp"
#include "store_fixture.hpp"
#include "worker/sink.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace {

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream all;
    all << in.rdbuf();
    return all.str();
}

std::string short_hostname()
{
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    std::string host(name);
    return host.substr(0, host.find('.'));
}

smsgate::worker::ReceivedSms seed_answer()
{
    smsgate::worker::ReceivedSms sms;
    sms.modem = "gsm0";
    sms.originator = "+32477324847";
    sms.text = "Ok test";
    return sms;
}

} // namespace

TEST_CASE("log lines: a file gets Postfix's maillog format, with the host name")
{
    store_test::TempDir dir;
    std::string path = dir.file("smsgated.log");
    smsgate::log::open("smsgated", path);
    smsgate::log::warning("4F1A2B3C: to=<+32477324847>, relay=smsgate, status=sent (2.0.0 sent)");
    smsgate::log::open("test", "stderr");
    // As Postfix's msg_logger writes it: "Dec 07 10:15:32 host prog[pid]: ".
    std::regex line("[A-Z][a-z]{2} [0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} " + short_hostname() + " smsgated\\[" +
                    std::to_string(getpid()) + "\\]: warning: 4F1A2B3C: to=<\\+32477324847>, .*\n");
    CHECK(std::regex_match(slurp(path), line));
}

TEST_CASE("log lines: reopen writes on in a new file after the old one was moved away")
{
    store_test::TempDir dir;
    std::string path = dir.file("smsgated.log");
    smsgate::log::open("smsgated", path);
    smsgate::log::info("before the rotation");
    REQUIRE(std::rename(path.c_str(), (path + ".1").c_str()) == 0);
    smsgate::log::reopen();
    smsgate::log::info("after the rotation");
    smsgate::log::open("test", "stderr");
    CHECK(slurp(path + ".1").find("before the rotation") != std::string::npos);
    CHECK(slurp(path + ".1").find("after the rotation") == std::string::npos);
    CHECK(slurp(path).find("after the rotation") != std::string::npos);
}

TEST_CASE("log lines: the text of a received SMS only with log_text = yes")
{
    auto sms = seed_answer();
    smsgate::log::show_sms_text(false);
    auto hidden = smsgate::worker::received_line(sms);
    CHECK(hidden.find("Ok test") == std::string::npos);
    CHECK(hidden.find("text_bytes=7") != std::string::npos);
    smsgate::log::show_sms_text(true);
    auto shown = smsgate::worker::received_line(sms);
    smsgate::log::show_sms_text(false);
    CHECK(shown.find("text=\"Ok test\"") != std::string::npos);
}
