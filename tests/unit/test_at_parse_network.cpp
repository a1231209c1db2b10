// Parsers of TS 27.007 responses: signal, registration, operator, PIN.
#include "at/parse_network.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::at;

TEST_CASE("TS 27.007 8.5: +CSQ rssi to dBm at every boundary")
{
    struct Case {
        int rssi;
        std::optional<int> dbm;
    };
    const std::vector<Case> cases = {
        {0, -113}, {1, -111}, {2, -109}, {15, -83}, {24, -65}, {30, -53}, {31, -51}, {99, std::nullopt},
        {32, std::nullopt}, {-1, std::nullopt},
    };
    for (const auto& c : cases) {
        INFO(c.rssi);
        CHECK(rssi_to_dbm(c.rssi) == c.dbm);
    }
}

TEST_CASE("seed: SMS Comfort +CSQ: 24,99, and broken +CSQ lines")
{
    auto csq = parse_csq("+CSQ: 24,99");
    REQUIRE(csq.ok());
    CHECK(csq->rssi == 24);
    CHECK(csq->ber == 99);
    CHECK(csq->dbm == -65);
    auto unknown = parse_csq("+CSQ: 99,99");
    REQUIRE(unknown.ok());
    CHECK_FALSE(unknown->dbm);

    struct Bad {
        const char* line;
        const char* field;
    };
    const std::vector<Bad> bad = {
        {"+CSQ: 45,99", "+CSQ <rssi>"}, {"+CSQ: 24,8", "+CSQ <ber>"}, {"+CSQ: 24", "+CSQ <ber>"},
        {"+CSQ: ,99", "+CSQ <rssi>"},   {"+CSQ: 24,x", "+CSQ <ber>"}, {"+CREG: 1", "+CSQ:"},
    };
    for (const auto& b : bad) {
        INFO(b.line);
        auto r = parse_csq(b.line);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == b.field);
    }
}

TEST_CASE("TS 27.007 7.2: +CREG response and URC forms, stat in words, registered or not")
{
    struct Case {
        const char* line;
        std::optional<int> n;
        RegStat stat;
        std::optional<std::string> area;
        std::optional<std::string> cell;
        std::optional<int> act;
        bool registered;
    };
    const std::vector<Case> cases = {
        {"+CREG: 0,1", 0, RegStat::home, std::nullopt, std::nullopt, std::nullopt, true},
        {"+CREG: 2,5,\"00C3\",\"1234\"", 2, RegStat::roaming, "00C3", "1234", std::nullopt, true},
        {"+CREG: 2,1,\"00C3\",\"1234\",7", 2, RegStat::home, "00C3", "1234", 7, true},
        {"+CREG: 1", std::nullopt, RegStat::home, std::nullopt, std::nullopt, std::nullopt, true},
        {"+CREG: 2", std::nullopt, RegStat::searching, std::nullopt, std::nullopt, std::nullopt, false},
        {"+CREG: 3,\"00C3\",\"1234\"", std::nullopt, RegStat::denied, "00C3", "1234", std::nullopt, false},
        {"+CREG: 0,4", 0, RegStat::unknown, std::nullopt, std::nullopt, std::nullopt, false},
        {"+CEREG: 2,6,\"2F1\",\"0A3B4C1\",7", 2, RegStat::home_sms_only, "2F1", "0A3B4C1", 7, true},
        {"+CEREG: 7,\"2F1\",\"0A3B4C1\",7", std::nullopt, RegStat::roaming_sms_only, "2F1", "0A3B4C1", 7, true},
        {"+CGREG: 0,8", 0, RegStat::emergency_only, std::nullopt, std::nullopt, std::nullopt, false},
        {"+CEREG: 1,10", 1, RegStat::roaming_csfb_not_preferred, std::nullopt, std::nullopt, std::nullopt, true},
        {"+CGREG: 2,1,\"00C3\",\"1234\",2,\"FF\"", 2, RegStat::home, "00C3", "1234", 2, true}, // with <rac>
    };
    for (const auto& c : cases) {
        INFO(c.line);
        auto reg = parse_registration(c.line);
        REQUIRE_MESSAGE(reg.ok(), (reg.ok() ? "" : reg.error().what()));
        CHECK(reg->n == c.n);
        CHECK(reg->stat == c.stat);
        CHECK(reg->area == c.area);
        CHECK(reg->cell == c.cell);
        CHECK(reg->act == c.act);
        CHECK(reg->registered() == c.registered);
        CHECK_FALSE(reg_stat_text(reg->stat).empty());
    }
    CHECK(reg_stat_text(RegStat::home) == "registered, home network");
    CHECK(parse_registration("+CEREG: 1").value().prefix == "+CEREG");
}

TEST_CASE("TS 27.007 7.2: broken registration lines name the field")
{
    struct Bad {
        const char* line;
        const char* field;
    };
    const std::vector<Bad> bad = {
        {"+CREG: 11", "+CREG <stat>"},     {"+CREG: 9,1", "+CREG <n>"},        {"+CREG: x", "+CREG <stat>"},
        {"+CREG: 2,1,\"00C3\",\"1\",z", "+CREG <AcT>"}, {"+CSQ: 1,2", "+CREG"}, {"+CREG: 1,\"00C3", "+CREG"},
    };
    for (const auto& b : bad) {
        INFO(b.line);
        auto r = parse_registration(b.line);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == b.field);
    }
}

TEST_CASE("TS 27.007 7.3: +COPS: <mode>[,<format>,<oper>[,<AcT>]]")
{
    auto full = parse_cops("+COPS: 0,0,\"Proximus, BE\",2");
    REQUIRE(full.ok());
    CHECK(full->mode == 0);
    CHECK(full->format == 0);
    CHECK(full->name == "Proximus, BE");
    CHECK(full->act == 2);
    auto numeric = parse_cops("+COPS: 1,2,\"20601\"");
    REQUIRE(numeric.ok());
    CHECK(numeric->name == "20601");
    CHECK_FALSE(numeric->act);
    auto mode_only = parse_cops("+COPS: 0");
    REQUIRE(mode_only.ok());
    CHECK_FALSE(mode_only->name);
    CHECK(parse_cops("+COPS: 0,0").error().field == "+COPS <oper>");
    CHECK(parse_cops("+COPS: 7").error().field == "+COPS <mode>");
}

TEST_CASE("TS 27.007 8.3 and 9.1: +CPIN codes and +CMEE")
{
    struct Case {
        const char* line;
        PinState state;
    };
    const std::vector<Case> cases = {
        {"+CPIN: READY", PinState::ready},       {"+CPIN: SIM PIN", PinState::sim_pin},
        {"+CPIN: SIM PUK", PinState::sim_puk},   {"+CPIN: SIM PIN2", PinState::sim_pin2},
        {"+CPIN: SIM PUK2", PinState::sim_puk2}, {"+CPIN: PH-SIM PIN", PinState::ph_sim_pin},
        {"+CPIN: PH-NET PIN", PinState::other},  {"+CPIN: \"READY\"", PinState::ready}, // quoted (Telit)
    };
    for (const auto& c : cases) {
        INFO(c.line);
        auto pin = parse_cpin(c.line);
        REQUIRE(pin.ok());
        CHECK(pin->state == c.state);
    }
    CHECK(parse_cpin("+CPIN: PH-NET PIN").value().code == "PH-NET PIN");
    CHECK(parse_cpin("+CPIN: ").error().field == "+CPIN <code>");
    CHECK(parse_cmee("+CMEE: 1").value() == 1);
    CHECK(parse_cmee("+CMEE: 3").error().field == "+CMEE <n>");
}
