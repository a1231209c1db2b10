// The command table: every command the worker sends, with a named timeout
// and what its response looks like; arguments that cannot break out.
#include "at/commands.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace smsgate::at;

TEST_CASE("AT command table: every entry is complete and named once")
{
    std::set<std::string_view> names;
    std::set<std::string_view> formats;
    for (const auto& spec : command_table()) {
        INFO(spec.name);
        CHECK(&command_spec(spec.id) == &spec);
        CHECK(names.insert(spec.name).second);
        CHECK(formats.insert(spec.format).second);
        CHECK(spec.format.starts_with("AT"));
        CHECK(spec.timeout_ms >= timeouts::quick_ms);
        CHECK(spec.timeout_ms <= timeouts::submit_ms);
        if (spec.pdu_follows)
            CHECK_FALSE(spec.prefix.empty());
    }
    CHECK(command_table().size() >= 30);
}

TEST_CASE("TS 27.005 3.5.1: AT+CMGS waits for the prompt, and the network for up to a minute")
{
    const auto& send = command_spec(Command::send);
    CHECK(send.prompt);
    CHECK(send.timeout_ms == 60000);
    CHECK(send.prefix == "+CMGS:");
    CHECK(command_spec(Command::attention).timeout_ms == 2000);
    CHECK(command_spec(Command::list_all).pdu_follows);
    CHECK(command_spec(Command::read).pdu_follows);
    CHECK(command_spec(Command::serial_number).bare_lines);
    CHECK(timeouts::prompt_ms < timeouts::submit_ms);
    CHECK(submit_key == 0x1a);
    CHECK(cancel_key == 0x1b);
}

TEST_CASE("AT command lines with their arguments")
{
    struct Case {
        Command id;
        std::vector<std::string_view> args;
        const char* text;
    };
    const std::vector<Case> cases = {
        {Command::send, {"21"}, "AT+CMGS=21"}, // seed: SMS Comfort
        {Command::list_all, {}, "AT+CMGL=4"},
        {Command::read, {"3"}, "AT+CMGR=3"},
        {Command::erase, {"1"}, "AT+CMGD=1"},
        {Command::pin_enter, {"1234"}, "AT+CPIN=\"1234\""},
        {Command::smsc_set, {"+32475161616", "145"}, "AT+CSCA=\"+32475161616\",145"},
        {Command::storage_select, {"SM", "SM", "SR"}, "AT+CPMS=\"SM\",\"SM\",\"SR\""},
        {Command::storage_read_select, {"SR"}, "AT+CPMS=\"SR\""}, // the sweep of status-report storage
        {Command::indications_set, {"2", "1", "0", "2", "0"}, "AT+CNMI=2,1,0,2,0"},
        {Command::echo_off, {}, "ATE0"},
        {Command::operator_format, {}, "AT+COPS=3,0"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto text = command_text(command_spec(c.id), std::span<const std::string_view>(c.args));
        REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().what()));
        CHECK(*text == c.text);
    }
}

TEST_CASE("AT command arguments cannot end the command or chain another one")
{
    const auto& pin = command_spec(Command::pin_enter);
    for (std::string_view bad : {"12\"34", "1234;+CMGD=1", "12\r34", "12\x1a", "\x1b", "", "12\xc3\xa9"}) {
        INFO(bad);
        auto text = command_text(pin, {bad});
        REQUIRE_FALSE(text.ok());
        CHECK(text.error().field == "pin_enter");
    }
    CHECK_FALSE(command_text(pin, {}).ok());
    CHECK_FALSE(command_text(pin, {"1", "2"}).ok());
    CHECK_FALSE(command_text(command_spec(Command::attention), {"1"}).ok());
    CHECK_FALSE(prepare(Command::send, {}).ok());
}

TEST_CASE("prepare: what a transaction expects of each command")
{
    auto list = prepare(Command::list_all);
    REQUIRE(list.ok());
    CHECK(list->command == "AT+CMGL=4");
    CHECK(list->prefixes == std::vector<std::string>{"+CMGL:"});
    CHECK(list->pdu_follows);
    CHECK_FALSE(list->prompt);
    auto send = prepare(Command::send, {"21"});
    REQUIRE(send.ok());
    CHECK(send->prompt);
    auto plain = prepare(Command::attention);
    REQUIRE(plain.ok());
    CHECK(plain->prefixes.empty());
}
