// Parsers of TS 27.005 responses in PDU mode: a value or an error naming the
// field, for good lines, near misses and garbage.
#include "at/parse_sms.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::at;

namespace {

template <typename T>
T parsed(const smsgate::Result<T>& result)
{
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().what()));
    return result.value();
}

template <typename T>
void fails_naming(const smsgate::Result<T>& result, const std::string& field)
{
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == field);
    CHECK_FALSE(result.error().message.empty());
}

} // namespace

TEST_CASE("TS 27.005 3.5.1: +CMGS: <mr>[,<ackpdu>]")
{
    CHECK(parsed(parse_cmgs("+CMGS: 18")).mr == 18); // seed: SMS Comfort
    CHECK(parsed(parse_cmgs("+CMGS:0")).mr == 0);
    auto with_scts = parsed(parse_cmgs("+CMGS: 255,\"07/11/19,16:50:00+04\""));
    CHECK(with_scts.mr == 255);
    CHECK(with_scts.extra == "07/11/19,16:50:00+04");
    fails_naming(parse_cmgs("+CMGS: 256"), "+CMGS <mr>");
    fails_naming(parse_cmgs("+CMGS: x"), "+CMGS <mr>");
    fails_naming(parse_cmgs("+CMGS: "), "+CMGS <mr>");
    fails_naming(parse_cmgs("+CMGL: 1,0,,26"), "+CMGS:");
}

TEST_CASE("TS 27.005 3.4.2: +CMGL header with quoted alpha, omitted alpha, text-mode stat")
{
    struct Case {
        const char* name;
        const char* line;
        int index;
        MessageStat stat;
        std::optional<std::string> alpha;
        int length;
    };
    const std::vector<Case> cases = {
        {"seed: SMS Comfort +CMGL: 1,0,,167", "+CMGL: 1,0,,167", 1, MessageStat::received_unread, std::nullopt, 167},
        {"seed: incoming SMS", "+CMGL: 1,0,,26", 1, MessageStat::received_unread, std::nullopt, 26},
        {"quoted alpha with a comma", "+CMGL: 12,1,\"Doe, John\",26", 12, MessageStat::received_read, "Doe, John", 26},
        {"empty quoted alpha", "+CMGL: 3,3,\"\",22", 3, MessageStat::stored_sent, "", 22},
        {"alpha left out with its comma", "+CMGL: 4,2,40", 4, MessageStat::stored_unsent, std::nullopt, 40},
        {"text-mode stat name in PDU mode", "+CMGL: 5,\"REC READ\",,26", 5, MessageStat::received_read,
         std::nullopt, 26},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        auto m = parsed(parse_cmgl(c.line));
        CHECK(m.index == c.index);
        CHECK(m.stat == c.stat);
        CHECK(m.alpha == c.alpha);
        CHECK(m.length == c.length);
    }
}

TEST_CASE("TS 27.005 3.4.2: broken +CMGL headers name the field")
{
    fails_naming(parse_cmgl("+CMGL: x,0,,26"), "+CMGL <index>");
    fails_naming(parse_cmgl("+CMGL: 1,7,,26"), "+CMGL <stat>");
    fails_naming(parse_cmgl("+CMGL: 1,0,,"), "+CMGL <length>");
    fails_naming(parse_cmgl("+CMGL: 1,0,,999"), "+CMGL <length>");
    fails_naming(parse_cmgl("+CMGL: 1,0,\"unterminated,26"), "+CMGL");
    fails_naming(parse_cmgl("+CMGL: 1,0"), "+CMGL");
    fails_naming(parse_cmgl("+CMGL: 1,0,,26,7,8"), "+CMGL");
    fails_naming(parse_cmgl("+CMGL: 99999999999,0,,26"), "+CMGL <index>");
}

TEST_CASE("TS 27.005 3.4.3 and 3.4.1: +CMGR, +CMT, +CDS headers")
{
    auto r = parsed(parse_cmgr("+CMGR: 0,,26"));
    CHECK(r.stat == MessageStat::received_unread);
    CHECK(r.length == 26);
    CHECK(parsed(parse_cmgr("+CMGR: 1,\"Mum\",30")).alpha == "Mum");
    fails_naming(parse_cmgr("+CMGR: 1,,"), "+CMGR <length>");

    auto cmt = parsed(parse_cmt("+CMT: ,24"));
    CHECK_FALSE(cmt.alpha);
    CHECK(cmt.length == 24);
    CHECK(parsed(parse_cmt("+CMT: \"\",24")).alpha == "");
    CHECK(parsed(parse_cmt("+CMT: 24")).length == 24);
    fails_naming(parse_cmt("+CMT: ,"), "+CMT <length>");

    CHECK(parsed(parse_cds("+CDS: 25")) == 25);
    fails_naming(parse_cds("+CDS: 25,1"), "+CDS");
    fails_naming(parse_cds("+CDS: -1"), "+CDS <length>");
}

TEST_CASE("TS 27.005 3.4.1: +CMTI and +CDSI name the storage and index")
{
    auto cmti = parsed(parse_cmti("+CMTI: \"SM\",3"));
    CHECK(cmti.mem == "SM");
    CHECK(cmti.index == 3);
    auto cdsi = parsed(parse_cdsi("+CDSI: \"SR\",1"));
    CHECK(cdsi.mem == "SR");
    CHECK(cdsi.index == 1);
    CHECK(parsed(parse_cmti("+CMTI: ME,12")).mem == "ME"); // unquoted (old Siemens)
    fails_naming(parse_cmti("+CMTI: \"SM\""), "+CMTI");
    fails_naming(parse_cmti("+CMTI: ,3"), "+CMTI <mem>");
    fails_naming(parse_cdsi("+CDSI: \"SR\",one"), "+CDSI <index>");
}

TEST_CASE("TS 27.005 3.2.2: +CPMS of the read command (names) and of the set command (numbers)")
{
    auto named = parsed(parse_cpms("+CPMS: \"SM\",5,30,\"SM\",5,30,\"SR\",30,30"));
    REQUIRE(named.size() == 3);
    CHECK(named[0].mem == "SM");
    CHECK(named[0].used == 5);
    CHECK(named[0].total == 30);
    CHECK_FALSE(named[0].full());
    CHECK(named[2].mem == "SR");
    CHECK(named[2].full());

    auto numbers = parsed(parse_cpms("+CPMS: 0,255,0,255,0,255"));
    REQUIRE(numbers.size() == 3);
    CHECK_FALSE(numbers[0].mem);
    CHECK(numbers[1].total == 255);

    CHECK(parsed(parse_cpms("+CPMS: \"ME\",1,100")).size() == 1);
    fails_naming(parse_cpms("+CPMS: \"SM\",5"), "+CPMS");
    fails_naming(parse_cpms("+CPMS: \"SM\",x,30"), "+CPMS <used>");
    fails_naming(parse_cpms("+CPMS: 1,2,3"), "+CPMS");
}

TEST_CASE("TS 27.005 3.4.1: +CNMI=? ranges and lists, quoted or not")
{
    auto s = parsed(parse_cnmi_support("+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)"));
    CHECK(s.mode.contains(2));
    CHECK_FALSE(s.mode.contains(3));
    CHECK(s.mt.contains(1));
    CHECK(s.mt.contains(3));
    CHECK(s.bm.contains(2));
    CHECK_FALSE(s.bm.contains(1));
    CHECK(s.ds.contains(2));
    CHECK(s.bfr.contains(0));

    // Huawei E173: lists; Wavecom: quoted ranges; Siemens: fewer fields.
    auto lists = parsed(parse_cnmi_support("+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)"));
    CHECK(lists.mt.contains(2));
    CHECK_FALSE(lists.ds.contains(3));
    auto quoted = parsed(parse_cnmi_support("+CNMI: (\"0-2\"),(\"0-3\"),(\"0,2\"),(\"0-2\"),(\"0-1\")"));
    CHECK(quoted.mt.contains(3));
    CHECK(quoted.ds.contains(1));
    auto short_form = parsed(parse_cnmi_support("+CNMI: (0-3),(0-3)"));
    CHECK(short_form.mt.contains(1));
    CHECK(short_form.ds.empty());
    CHECK_FALSE(short_form.ds.contains(0));

    fails_naming(parse_cnmi_support("+CNMI: (0-2),(3-1)"), "+CNMI <mt>");
    fails_naming(parse_cnmi_support("+CNMI: (0-2),(x)"), "+CNMI <mt>");
    fails_naming(parse_cnmi_support("+CNMI: (0-2),(0-3"), "+CNMI");
}

TEST_CASE("TS 27.005 3.3.1 and 3.2.1: +CSCA and both forms of +CSMS")
{
    auto sca = parsed(parse_csca("+CSCA: \"+32475161616\",145")); // seed: the SMSC of the PDUs
    CHECK(sca.number == "+32475161616");
    CHECK(sca.toa == 145);
    auto empty = parsed(parse_csca("+CSCA: \"\",129"));
    CHECK(empty.number.empty());
    fails_naming(parse_csca("+CSCA: \"+324\",abc"), "+CSCA <tosca>");

    auto read = parsed(parse_csms("+CSMS: 1,1,1,1"));
    CHECK(read.service == 1);
    CHECK(read.mt);
    CHECK(read.mo);
    auto set = parsed(parse_csms("+CSMS: 1,1,0"));
    CHECK_FALSE(set.service);
    CHECK(set.mt);
    CHECK_FALSE(set.bm);
    fails_naming(parse_csms("+CSMS: 1,1,2"), "+CSMS <bm>");
    fails_naming(parse_csms("+CSMS: 1"), "+CSMS");
}
