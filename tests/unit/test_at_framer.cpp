// AT line framing (ITU-T V.250 5.7.1) and the SMS prompt of 3GPP TS 27.005
// 3.5.1: any chunking gives the same frames; lines are bounded.
#include "at/framer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace smsgate::at;

namespace {

Frame line(std::string text)
{
    return Frame{FrameKind::line, std::move(text)};
}

const Frame prompt{FrameKind::prompt, {}};

std::vector<Frame> frames_of(std::string_view bytes, std::size_t chunk, std::size_t max_line = default_max_line)
{
    Framer framer(max_line);
    std::vector<Frame> all;
    for (std::size_t pos = 0; pos < bytes.size(); pos += chunk)
        for (auto& f : framer.feed(bytes.substr(pos, chunk)))
            all.push_back(std::move(f));
    return all;
}

} // namespace

TEST_CASE("V.250 5.7.1: CR, LF and CRLF all end a line, empty lines are dropped")
{
    struct Case {
        const char* name;
        std::string bytes;
        std::vector<Frame> expected;
    };
    const std::vector<Case> cases = {
        {"CRLF framing", "\r\nOK\r\n", {line("OK")}},
        {"bare CR (some modems with ATS4=0)", "OK\r", {line("OK")}},
        {"bare LF", "+CSQ: 24,99\nOK\n", {line("+CSQ: 24,99"), line("OK")}},
        {"blank lines between", "\r\n\r\n\r\n+CMGS: 18\r\n\r\nOK\r\n", {line("+CMGS: 18"), line("OK")}},
        {"no line end yet", "+CSQ: 24", {}},
        {"blanks around are trimmed", "  OK \t\r\n", {line("OK")}},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(frames_of(c.bytes, c.bytes.size() + 1) == c.expected);
    }
}

TEST_CASE("V.250: stray NUL bytes (Huawei after resume) are ignored")
{
    std::string bytes("\0\0\r\nO\0K\r\n\0", 11);
    CHECK(frames_of(bytes, bytes.size()) == std::vector<Frame>{line("OK")});
}

TEST_CASE("TS 27.005 3.5.1: the prompt is recognised without a line end")
{
    CHECK(frames_of("\r\n> ", 16) == std::vector<Frame>{prompt});
    CHECK(frames_of("> ", 16) == std::vector<Frame>{prompt});
    // Echo on: the command's echo ends with CR, then the prompt opens a line.
    CHECK(frames_of("AT+CMGS=21\r\r\n> ", 64) == std::vector<Frame>{line("AT+CMGS=21"), prompt});
    // Not at the start of a line: an ordinary character of a line.
    CHECK(frames_of("x> \r\n", 16) == std::vector<Frame>{line("x>")});
    // ">" alone at the end of a read is held until the space comes.
    CHECK(frames_of("\r\n>", 16).empty());
}

TEST_CASE("TS 27.005 3.5.1: prompt split across chunks, one byte at a time")
{
    const std::string bytes = "AT+CMGS=21\r\r\n> ";
    for (std::size_t chunk = 1; chunk <= bytes.size(); ++chunk) {
        INFO("chunk " << chunk);
        CHECK(frames_of(bytes, chunk) == std::vector<Frame>{line("AT+CMGS=21"), prompt});
    }
}

TEST_CASE("seed: SMS Comfort send exchange, echo of the PDU with Ctrl-Z after the prompt")
{
    const std::string bytes = "\r\n> 07912374151616F631000B912374374248F70000A707D029885E9ED301\x1a\r\n"
                              "+CMGS: 18\r\n\r\nOK\r\n";
    CHECK(frames_of(bytes, bytes.size()) ==
          std::vector<Frame>{prompt, line("07912374151616F631000B912374374248F70000A707D029885E9ED301"),
                             line("+CMGS: 18"), line("OK")});
}

TEST_CASE("any chunking of a whole transcript gives the frames of one chunk")
{
    const std::string bytes = "AT+CSQ\r\r\n+CSQ: 24,99\r\n\r\nOK\r\n\r\n+CMTI: \"SM\",3\r\n"
                              "AT+CMGS=21\r\r\n> 0791\x1a\r\n+CMGS: 18\r\n\r\nOK\r\n"
                              "\r\n+CMGL: 1,0,,26\r\n"
                              "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301"
                              "\r\n\r\nOK\r\n";
    auto whole = frames_of(bytes, bytes.size());
    REQUIRE(whole.size() == 12);
    for (std::size_t chunk : {1, 2, 3, 5, 7, 13, 64}) {
        INFO("chunk " << chunk);
        CHECK(frames_of(bytes, chunk) == whole);
    }
}

TEST_CASE("oversized garbage is cut, reported once, and framing resumes at the next line end")
{
    std::string garbage(10000, 'Z');
    std::string bytes = "OK\r\n" + garbage + "\r\n+CSQ: 24,99\r\n";
    for (std::size_t chunk : {1, 100, 20000}) {
        INFO("chunk " << chunk);
        auto frames = frames_of(bytes, chunk, 4096);
        REQUIRE(frames.size() == 3);
        CHECK(frames[0] == line("OK"));
        CHECK(frames[1].kind == FrameKind::overflow);
        CHECK(frames[1].text == std::string(overflow_sample, 'Z'));
        CHECK(frames[2] == line("+CSQ: 24,99"));
    }
}

TEST_CASE("a line of exactly the limit is kept, one byte more overflows")
{
    std::string exact(4096, 'A');
    CHECK(frames_of(exact + "\r\n", 4097) == std::vector<Frame>{line(exact)});
    auto over = frames_of(exact + "A\r\n", 4098);
    REQUIRE(over.size() == 1);
    CHECK(over[0].kind == FrameKind::overflow);
}

TEST_CASE("reset() forgets a partial line after the link was reopened")
{
    Framer framer;
    CHECK(framer.feed("+CMGS: 1").empty());
    CHECK(framer.mid_line());
    framer.reset();
    CHECK_FALSE(framer.mid_line());
    CHECK(framer.feed("OK\r\n") == std::vector<Frame>{line("OK")});
}
