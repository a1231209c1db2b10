// Final result codes by whole line (ITU-T V.250 5.7.2, 3GPP TS 27.007 9.2,
// TS 27.005 3.2.5), numeric and verbose, and lines that only look like one.
#include "at/cme_error.hpp"
#include "at/final_result.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::at;

TEST_CASE("V.250 5.7.2 and vendor words: whole-line final results")
{
    struct Case {
        const char* line;
        FinalKind kind;
    };
    const std::vector<Case> cases = {
        {"OK", FinalKind::ok},
        {"ERROR", FinalKind::error},
        {"NO CARRIER", FinalKind::no_carrier},
        {"NO DIALTONE", FinalKind::no_dialtone},
        {"BUSY", FinalKind::busy},
        {"NO ANSWER", FinalKind::no_answer},
        {"COMMAND NOT SUPPORT", FinalKind::not_supported},     // Huawei E173, ZTE
        {"TOO MANY PARAMETERS", FinalKind::too_many_parameters}, // Huawei
    };
    for (const auto& c : cases) {
        INFO(c.line);
        auto result = parse_final_result(c.line);
        REQUIRE(result);
        CHECK(result->kind == c.kind);
        CHECK(result->code == -1);
        CHECK(final_kind_name(result->kind) == c.line);
    }
}

TEST_CASE("TS 27.007 9.2 and TS 27.005 3.2.5: numeric +CME ERROR and +CMS ERROR")
{
    struct Case {
        const char* line;
        FinalKind kind;
        int code;
    };
    const std::vector<Case> cases = {
        {"+CME ERROR: 10", FinalKind::cme_error, 10},
        {"+CME ERROR:11", FinalKind::cme_error, 11}, // no blank (Simcom)
        {"+CME ERROR: 0", FinalKind::cme_error, 0},
        {"+CMS ERROR: 38", FinalKind::cms_error, 38},
        {"+CMS ERROR: 304", FinalKind::cms_error, 304},
        {"+CMS ERROR: 500", FinalKind::cms_error, 500},
        {"+CMS ERROR: 0513", FinalKind::cms_error, 513},
    };
    for (const auto& c : cases) {
        INFO(c.line);
        auto result = parse_final_result(c.line);
        REQUIRE(result);
        CHECK(result->kind == c.kind);
        CHECK(result->code == c.code);
        CHECK(result->text.empty());
        CHECK_FALSE(result->ok());
    }
}

TEST_CASE("Wavecom +CMS ERROR verbose form, and +CME ERROR when a modem ignores AT+CMEE=1")
{
    struct Case {
        const char* line;
        FinalKind kind;
        int code;
        const char* text;
    };
    const std::vector<Case> cases = {
        {"+CME ERROR: SIM not inserted", FinalKind::cme_error, 10, "SIM not inserted"},
        {"+CME ERROR: SIM PIN required", FinalKind::cme_error, 11, "SIM PIN required"},
        {"+CME ERROR: incorrect password", FinalKind::cme_error, 16, "incorrect password"},
        {"+CME ERROR: Invalid index", FinalKind::cme_error, 21, "Invalid index"},
        {"+CME ERROR: (U)SIM  busy", FinalKind::cme_error, 14, "(U)SIM  busy"},
        {"+CME ERROR: modem on fire", FinalKind::cme_error, -1, "modem on fire"},
        {"+CMS ERROR: Network out of order", FinalKind::cms_error, 38, "Network out of order"},
        {"+CMS ERROR: invalid PDU mode parameter", FinalKind::cms_error, 304, "invalid PDU mode parameter"},
        {"+CMS ERROR: (U)SIM not inserted", FinalKind::cms_error, 310, "(U)SIM not inserted"},
        {"+CMS ERROR: memory full", FinalKind::cms_error, 322, "memory full"},
        {"+CMS ERROR: unknown error", FinalKind::cms_error, 500, "unknown error"},
        // Shared by every unlisted code: names none of them.
        {"+CMS ERROR: unknown network cause", FinalKind::cms_error, -1, "unknown network cause"},
        {"+CMS ERROR: 38a", FinalKind::cms_error, -1, "38a"},
    };
    for (const auto& c : cases) {
        INFO(c.line);
        auto result = parse_final_result(c.line);
        REQUIRE(result);
        CHECK(result->kind == c.kind);
        CHECK(result->code == c.code);
        CHECK(result->text == c.text);
    }
}

TEST_CASE("only whole lines are final results: OK and ERROR inside a PDU or a text are not")
{
    const std::vector<std::string> lines = {
        // 8-bit user data holding the octets of "\nOK\r\n" and "ERROR".
        "07912374151616F6040B912374374248F70004701191610533400A" "0A4F4B0D0A4552524F52",
        "Ok test",
        "OKAY",
        "OK test",
        " OK",
        "ok",
        "ERROR: 4",
        "+CMGL: 1,0,\"OK\",26",
        "NO CARRIER, sorry",
        "+CME ERROR",
        "+CMS ERRORS: 1",
        "",
    };
    for (const auto& line : lines) {
        INFO(line);
        CHECK_FALSE(parse_final_result(line));
    }
}

TEST_CASE("TS 27.007 9.2: the CME text table both ways")
{
    CHECK(cme_error_text(10) == "SIM not inserted");
    CHECK(cme_error_text(30) == "no network service");
    CHECK(cme_error_text(9).empty());
    for (int code : {0, 3, 4, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23, 30, 31, 32, 100, 103, 148}) {
        INFO(code);
        auto text = cme_error_text(code);
        REQUIRE_FALSE(text.empty());
        CHECK(cme_error_code(text) == code);
    }
    CHECK(cme_error_code("sim pin REQUIRED") == 11);
    CHECK(cme_error_code("") == -1);
}

TEST_CASE("describe_final_result: the code with its words, for logs and replies")
{
    CHECK(describe_final_result(*parse_final_result("OK")) == "OK");
    CHECK(describe_final_result(*parse_final_result("+CMS ERROR: 38")) == "+CMS ERROR: 38 (network out of order)");
    CHECK(describe_final_result(*parse_final_result("+CME ERROR: 10")) == "+CME ERROR: 10 (SIM not inserted)");
    CHECK(describe_final_result(*parse_final_result("+CME ERROR: modem on fire")) ==
          "+CME ERROR: -1 (modem on fire)");
}
