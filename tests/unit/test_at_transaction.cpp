// One command in flight: response lines, echo, unsolicited results with
// their PDU lines, noise and the final result (V.250 5.7, TS 27.005 3.4-3.5).
// Exchanges from the seed's SMS Comfort log and from modems' known habits.
#include "at/commands.hpp"
#include "at/parse_network.hpp"
#include "at/parse_sms.hpp"
#include "at/replay.hpp"
#include "sms/pdu.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::at;

namespace {

constexpr const char* seed_submit = "07912374151616F631000B912374374248F70000A707D029885E9ED301";
constexpr const char* seed_report = "07912374151616F606120B912374374248F7701191610500407011916105004000";
constexpr const char* seed_deliver = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301";

// The seed's status report as the SIM stores it: 8 octets of SMSC address,
// the 167 octets +CMGL announces, FF after the report.
std::string padded_report()
{
    std::string hex = seed_report;
    hex.resize(2 * (8 + 167), 'F');
    return hex;
}

Expect expect(Command id, std::vector<std::string_view> args = {})
{
    auto prepared = prepare(id, std::span<const std::string_view>(args));
    REQUIRE_MESSAGE(prepared.ok(), (prepared.ok() ? "" : prepared.error().what()));
    return std::move(prepared).value();
}

// Runs one command over `reply`, the modem's bytes, fed in `chunk` pieces.
Collected exchange(Transaction& t, Expect e, std::string_view reply, std::size_t chunk = 0)
{
    REQUIRE(t.begin(std::move(e)));
    Framer framer;
    Collected collected;
    replay(framer, t, reply, collected, chunk);
    return collected;
}

const Outcome& only_outcome(const Collected& c)
{
    REQUIRE(c.outcomes.size() == 1);
    return c.outcomes.front();
}

// The seed's send: prompt, then (after the worker wrote the PDU) +CMGS: 18.
const std::string seed_send_echo_off = std::string("\r\n> ") + "\r\n+CMGS: 18\r\n\r\nOK\r\n";
const std::string seed_send_echo_on =
    std::string("AT+CMGS=21\r\r\n> ") + seed_submit + "\x1a\r\n+CMGS: 18\r\n\r\nOK\r\n";

} // namespace

TEST_CASE("seed: SMS Comfort AT+CMGS=21, prompt, +CMGS: 18, OK")
{
    Transaction t;
    auto c = exchange(t, expect(Command::send, {"21"}), seed_send_echo_off);
    CHECK(c.prompts == 1);
    const auto& out = only_outcome(c);
    CHECK(out.command == "AT+CMGS=21");
    CHECK(out.ok());
    CHECK(out.prompt_seen);
    REQUIRE(out.lines.size() == 1);
    auto reply = parse_cmgs(out.lines[0].line);
    REQUIRE(reply.ok());
    CHECK(reply->mr == 18);
    CHECK(c.urcs.empty());
    CHECK(c.noise.empty());
    CHECK_FALSE(t.in_flight());
}

TEST_CASE("seed: SMS Comfort AT+CMGS=21 with echo on gives the same outcome as echo off")
{
    Transaction on, off;
    auto with_echo = exchange(on, expect(Command::send, {"21"}), seed_send_echo_on);
    auto without = exchange(off, expect(Command::send, {"21"}), seed_send_echo_off);
    CHECK(with_echo == without);
    CHECK(with_echo.noise.empty());
}

TEST_CASE("seed: SMS Comfort AT+CMGL listing of the status report, FF-padded, length 167")
{
    Transaction t;
    auto c = exchange(t, expect(Command::list_all), "\r\n+CMGL: 1,0,,167\r\n" + padded_report() + "\r\n\r\nOK\r\n");
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    auto header = parse_cmgl(out.lines[0].line);
    REQUIRE(header.ok());
    CHECK(header->index == 1);
    CHECK(header->stat == MessageStat::received_unread);
    CHECK_FALSE(header->alpha);
    CHECK(header->length == 167);
    REQUIRE(out.lines[0].pdu);
    auto pdu = smsgate::sms::decode_pdu_hex(*out.lines[0].pdu, {true, static_cast<std::size_t>(header->length)});
    REQUIRE_MESSAGE(pdu.ok(), (pdu.ok() ? "" : pdu.error().what()));
    CHECK(pdu->type == smsgate::sms::PduType::status_report);
    CHECK(pdu->mr == 18);
    CHECK(pdu->status == 0x00);
}

TEST_CASE("seed: SMS Comfort AT+CMGL listing of the incoming SMS, +CMGL: 1,0,,26")
{
    Transaction t;
    auto c = exchange(t, expect(Command::list_all),
                      std::string("\r\n+CMGL: 1,0,,26\r\n") + seed_deliver + "\r\n\r\nOK\r\n");
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    CHECK(out.lines[0].pdu == seed_deliver);
    auto header = parse_cmgl(out.lines[0].line);
    REQUIRE(header.ok());
    auto pdu = smsgate::sms::decode_pdu_hex(*out.lines[0].pdu, {true, static_cast<std::size_t>(header->length)});
    REQUIRE(pdu.ok());
    CHECK(pdu->number.display() == "+32477324847");
}

TEST_CASE("seed: SMS Comfort AT+CSQ, +CSQ: 24,99 is -65 dBm")
{
    Transaction t;
    auto c = exchange(t, expect(Command::signal_quality), "\r\n+CSQ: 24,99\r\n\r\nOK\r\n");
    const auto& out = only_outcome(c);
    const auto* line = out.find("+CSQ:");
    REQUIRE(line);
    auto csq = parse_csq(line->line);
    REQUIRE(csq.ok());
    CHECK(csq->dbm == -65);
}

TEST_CASE("seed: SMS Comfort AT+CMGL=1 with nothing stored: OK alone, no lines")
{
    Transaction t;
    auto c = exchange(t, expect(Command::list_all), "\r\nOK\r\n");
    const auto& out = only_outcome(c);
    CHECK(out.ok());
    CHECK(out.lines.empty());
}

TEST_CASE("URCs inside a +CMGS exchange are handed out, the response stays whole")
{
    const std::string reply = std::string("AT+CMGS=21\r\r\n+CMTI: \"SM\",4\r\n\r\n> ") + seed_submit +
                              "\x1a\r\n^RSSI: 17\r\n\r\n+CDS: 25\r\n" + seed_report + "\r\n\r\n+CMGS: 18\r\n\r\nOK\r\n";
    Transaction t;
    auto c = exchange(t, expect(Command::send, {"21"}), reply);
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    CHECK(out.lines[0] == ResponseLine{"+CMGS: 18", std::nullopt});
    REQUIRE(c.urcs.size() == 3);
    CHECK(c.urcs[0] == Urc{UrcKind::new_message, "+CMTI: \"SM\",4", std::nullopt});
    CHECK(c.urcs[1].kind == UrcKind::signal);
    CHECK(c.urcs[2] == Urc{UrcKind::status_report, "+CDS: 25", std::string(seed_report)});
    CHECK(out.urcs == c.urcs);
    CHECK(c.noise.empty());
}

TEST_CASE("TS 27.005 3.4.1: a routed +CMT inside a +CMGL listing keeps its own PDU line")
{
    const std::string reply = std::string("\r\n+CMGL: 1,0,,26\r\n") + seed_deliver + "\r\n+CMT: ,26\r\n" +
                              seed_deliver + "00\r\n+CMGL: 2,1,,167\r\n" + padded_report() + "\r\n\r\nOK\r\n";
    Transaction t;
    auto c = exchange(t, expect(Command::list_all), reply);
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 2);
    CHECK(out.lines[0].pdu == seed_deliver);
    CHECK(out.lines[1].line == "+CMGL: 2,1,,167");
    CHECK(out.lines[1].pdu == padded_report());
    REQUIRE(c.urcs.size() == 1);
    CHECK(c.urcs[0] == Urc{UrcKind::message, "+CMT: ,26", std::string(seed_deliver) + "00"});
}

TEST_CASE("Huawei E173 noise ^RSSI and an unknown ^HCSQ inside a +CMGL listing")
{
    const std::string reply = std::string("\r\n+CMGL: 1,0,,26\r\n\r\n^RSSI: 14\r\n") + seed_deliver +
                              "\r\n\r\n^HCSQ: \"LTE\",45,38,120,13\r\n+CMGL: 2,1,,26\r\n" + seed_deliver +
                              "\r\n^BOOT: 20952548,0,0,0,72\r\n\r\nOK\r\n";
    Transaction t;
    auto c = exchange(t, expect(Command::list_all), reply);
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 2);
    CHECK(out.lines[0].pdu == seed_deliver); // ^RSSI between header and PDU changes nothing
    CHECK(out.lines[1].pdu == seed_deliver);
    REQUIRE(c.urcs.size() == 2);
    CHECK(c.urcs[0].kind == UrcKind::signal);
    CHECK(c.urcs[1].kind == UrcKind::vendor_status);
    REQUIRE(c.noise.size() == 1);
    CHECK(c.noise[0] == Noise{NoiseKind::unknown_line, "^HCSQ: \"LTE\",45,38,120,13"});
}

TEST_CASE("PDU lines holding the octets of OK and ERROR, and an alpha \"OK\", do not end a listing")
{
    const std::string sneaky = "07912374151616F6040B912374374248F70004701191610533400A0A4F4B0D0A4552524F52";
    const std::string reply = "\r\n+CMGL: 3,1,\"OK\",36\r\n" + sneaky + "\r\n+CMGL: 4,1,\"ERROR, really\",36\r\n" +
                              sneaky + "\r\nOK\r\n";
    Transaction t;
    auto c = exchange(t, expect(Command::list_all), reply);
    const auto& out = only_outcome(c);
    CHECK(out.ok());
    REQUIRE(out.lines.size() == 2);
    CHECK(out.lines[0].pdu == sneaky);
    auto second = parse_cmgl(out.lines[1].line);
    REQUIRE(second.ok());
    CHECK(second->alpha == "ERROR, really");
}

TEST_CASE("byte-at-a-time feeding of a whole transcript gives the result of one chunk")
{
    struct Part {
        Command id;
        std::vector<std::string_view> args;
        std::string reply;
    };
    const std::vector<Part> parts = {
        {Command::signal_quality, {}, "AT+CSQ\r\r\n+CSQ: 24,99\r\n\r\nOK\r\n\r\n+CMTI: \"SM\",2\r\n"},
        {Command::send, {"21"}, seed_send_echo_on + "\r\n+CMT: ,26\r\n"},
        {Command::list_all, {}, std::string(seed_deliver) + "\r\n+CMGL: 1,0,,167\r\n" + padded_report() + "\r\nOK\r\n"},
        {Command::erase, {"1"}, "AT+CMGD=1\r\r\nOK\r\n"},
    };
    auto run = [&](std::size_t chunk) {
        Transaction t;
        Framer framer;
        Collected c;
        for (const auto& part : parts) {
            REQUIRE(t.begin(expect(part.id, part.args)));
            replay(framer, t, part.reply, c, chunk);
        }
        return c;
    };
    auto whole = run(0);
    REQUIRE(whole.outcomes.size() == 4);
    CHECK(whole.urcs.size() == 2);
    CHECK(whole.urcs[1].pdu == seed_deliver); // the +CMT PDU came after AT+CMGL was sent
    CHECK(whole.outcomes[2].lines.size() == 1);
    CHECK(whole.noise.empty());
    for (std::size_t chunk : {1, 2, 3, 7, 50}) {
        INFO("chunk " << chunk);
        CHECK(run(chunk) == whole);
    }
}

TEST_CASE("idle URCs are handed out while no command is in flight, a late OK is noise")
{
    Transaction t;
    Framer framer;
    Collected c;
    replay(framer, t, "\r\n+CMTI: \"SM\",3\r\n\r\nRING\r\n\r\nOK\r\n\r\n> \r\n+CDSI: \"SR\",1\r\n^SYSSTART\r\n", c);
    CHECK(c.outcomes.empty());
    REQUIRE(c.urcs.size() == 4);
    CHECK(c.urcs[0].kind == UrcKind::new_message);
    CHECK(c.urcs[1].kind == UrcKind::ring);
    CHECK(c.urcs[2].kind == UrcKind::new_status_report);
    CHECK(c.urcs[3].kind == UrcKind::restarted);
    REQUIRE(c.noise.size() == 2);
    CHECK(c.noise[0] == Noise{NoiseKind::stray_final, "OK"});
    CHECK(c.noise[1].kind == NoiseKind::unexpected_prompt);
}

TEST_CASE("TS 27.005 3.4.1: a +CMT header while idle keeps its PDU line across the start of a command")
{
    Transaction t;
    Framer framer;
    Collected c;
    replay(framer, t, "\r\n+CMT: ,26\r\n", c);
    CHECK(t.urc_pending());
    CHECK(c.urcs.empty());
    REQUIRE(t.begin(expect(Command::list_all)));
    replay(framer, t, std::string(seed_deliver) + "\r\n\r\nOK\r\n", c);
    REQUIRE(c.urcs.size() == 1);
    CHECK(c.urcs[0].pdu == seed_deliver);
    CHECK(only_outcome(c).lines.empty());
}

TEST_CASE("a +CMT header whose PDU line never comes is handed out without one")
{
    Transaction t;
    auto c = exchange(t, expect(Command::attention), "\r\n+CMT: ,26\r\n\r\nOK\r\n");
    REQUIRE(c.urcs.size() == 1);
    CHECK_FALSE(c.urcs[0].pdu);
    CHECK(only_outcome(c).ok());
}

TEST_CASE("TS 27.007 7.2: +CREG URC during AT+CREG? is a URC, the n-first line is the response")
{
    Transaction t;
    auto c = exchange(t, expect(Command::registration_query),
                      "\r\n+CREG: 5\r\n\r\n+CREG: 2,1,\"00C3\",\"1234\"\r\n\r\n"
                      "+CREG: 1,\"00C3\",\"1235\"\r\n\r\nOK\r\n");
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    auto reg = parse_registration(out.lines[0].line);
    REQUIRE(reg.ok());
    CHECK(reg->n == 2);
    CHECK(reg->stat == RegStat::home);
    REQUIRE(c.urcs.size() == 2);
    CHECK(c.urcs[0].line == "+CREG: 5");
    CHECK(c.urcs[1].line == "+CREG: 1,\"00C3\",\"1235\"");
    // With no +CREG query in flight, even the n-first form is unsolicited.
    Transaction idle;
    Framer framer;
    Collected d;
    replay(framer, idle, "+CREG: 2,1\r\n", d);
    CHECK(d.urcs.size() == 1);
}

TEST_CASE("TS 27.007 8.3: +CPIN: READY is the response of AT+CPIN?, unsolicited otherwise")
{
    Transaction t;
    auto c = exchange(t, expect(Command::pin_query), "\r\n+CPIN: READY\r\n\r\nOK\r\n");
    REQUIRE(only_outcome(c).lines.size() == 1);
    CHECK(c.urcs.empty());
    Transaction u;
    auto d = exchange(u, expect(Command::signal_quality), "\r\n+CPIN: READY\r\n+CSQ: 31,0\r\nOK\r\n");
    REQUIRE(d.urcs.size() == 1);
    CHECK(d.urcs[0].kind == UrcKind::sim_status);
    CHECK(only_outcome(d).lines.size() == 1);
}

TEST_CASE("unknown + and ^ lines the command does not expect are noise, never its response")
{
    Transaction t;
    auto c = exchange(t, expect(Command::signal_quality), "\r\n+XYZ: 1,2\r\n+CSQ: 24,99\r\ngarbage\r\nOK\r\n");
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    CHECK(out.lines[0].line == "+CSQ: 24,99");
    REQUIRE(c.noise.size() == 2);
    CHECK(c.noise[0] == Noise{NoiseKind::unknown_line, "+XYZ: 1,2"});
    CHECK(c.noise[1] == Noise{NoiseKind::unknown_line, "garbage"});
    CHECK(out.noise == c.noise);
}

TEST_CASE("TS 27.005 3.5.1: +CMS ERROR: 38 after the prompt, ERROR before it")
{
    Transaction t;
    auto after = exchange(t, expect(Command::send, {"21"}), "\r\n> \r\n+CMS ERROR: 38\r\n");
    const auto& failed = only_outcome(after);
    CHECK(failed.prompt_seen);
    CHECK(failed.final.kind == FinalKind::cms_error);
    CHECK(failed.final.code == 38);
    CHECK(failed.lines.empty());
    auto before = exchange(t, expect(Command::send, {"21"}), "\r\n+CMS ERROR: 304\r\n");
    CHECK_FALSE(only_outcome(before).prompt_seen);
    CHECK(before.prompts == 0);
    CHECK(only_outcome(before).final.code == 304);
}

TEST_CASE("TS 27.007 5.4: bare identification lines, with or without a prefix")
{
    Transaction t;
    auto c = exchange(t, expect(Command::serial_number), "AT+CGSN\r\r\n356938035643809\r\n\r\nOK\r\n");
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    CHECK(parse_identification(out.lines[0].line, "+CGSN:").value() == "356938035643809");
    auto d = exchange(t, expect(Command::manufacturer), "\r\n+CGMI: \"huawei\"\r\n\r\nOK\r\n");
    REQUIRE(only_outcome(d).lines.size() == 1);
    CHECK(parse_identification(only_outcome(d).lines[0].line, "+CGMI:").value() == "huawei");
    // A command without bare lines treats them as noise.
    auto e = exchange(t, expect(Command::attention), "AT\r\r\nhuawei\r\nOK\r\n");
    CHECK(only_outcome(e).lines.empty());
    CHECK(e.noise.size() == 1);
}

TEST_CASE("oversized garbage inside a listing is reported and the listing still completes")
{
    Transaction t;
    auto c = exchange(t, expect(Command::list_all),
                      "\r\n" + std::string(9000, '7') + "\r\n+CMGL: 1,0,,26\r\n" + seed_deliver + "\r\nOK\r\n", 333);
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    CHECK(out.lines[0].pdu == seed_deliver);
    REQUIRE(c.noise.size() == 1);
    CHECK(c.noise[0].kind == NoiseKind::overflow);
}

TEST_CASE("one command at a time, an abandoned command's late OK is stray noise")
{
    Transaction t(expect(Command::attention));
    CHECK(t.in_flight());
    CHECK_FALSE(t.begin(expect(Command::signal_quality)));
    t.abandon();
    CHECK_FALSE(t.in_flight());
    auto step = t.feed(Frame{FrameKind::line, "OK"});
    CHECK_FALSE(step.done);
    REQUIRE(step.noise.size() == 1);
    CHECK(step.noise[0].kind == NoiseKind::stray_final);
}

TEST_CASE("TS 27.005 3.4.3: AT+CMGR response with its PDU line, +CMS ERROR: 321 for an empty index")
{
    Transaction t;
    auto c = exchange(t, expect(Command::read, {"2"}),
                      std::string("\r\n+CMGR: 1,,26\r\n") + seed_deliver + "\r\n\r\nOK\r\n");
    const auto& out = only_outcome(c);
    REQUIRE(out.lines.size() == 1);
    CHECK(out.lines[0].pdu == seed_deliver);
    auto header = parse_cmgr(out.lines[0].line);
    REQUIRE(header.ok());
    CHECK(header->stat == MessageStat::received_read);
    CHECK(header->length == 26);
    auto d = exchange(t, expect(Command::read, {"9"}), "\r\n+CMS ERROR: 321\r\n");
    CHECK(only_outcome(d).final.code == 321);
}
