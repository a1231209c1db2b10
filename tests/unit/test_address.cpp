// test_address.cpp - the written form of the addresses reports and
// incoming SMS go to: every address Postfix accepts is written (quoted
// where it must be, UTF-8 kept), nothing that could end a header or start
// another one passes. The cases are data: tests/unit/data/addresses.txt.
#include "util/address.hpp"

#include <doctest/doctest.h>

#include <fstream>

using smsgate::written_address;

namespace {

int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    REQUIRE_MESSAGE((c >= 'a' && c <= 'f'), "not a hex digit");
    return c - 'a' + 10;
}

// \r \n \t \0 and \xHH of the data file; any other backslash is the
// address's own.
std::string unescaped(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = i + 1 < text.size() && text[i] == '\\' ? text[i + 1] : 0;
        if (c == 'r' || c == 'n' || c == 't' || c == '0') {
            out += c == 'r' ? '\r' : c == 'n' ? '\n' : c == 't' ? '\t' : '\0';
            ++i;
        } else if (c == 'x' && i + 3 < text.size()) {
            out += static_cast<char>(hex_digit(text[i + 2]) * 16 + hex_digit(text[i + 3]));
            i += 3;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace

TEST_CASE("address: every address Postfix accepts is written, none that could inject a header")
{
    std::ifstream in(std::string(SMSGATE_SOURCE_DIR) + "/tests/unit/data/addresses.txt");
    REQUIRE(in);
    int written = 0, refused = 0;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] == '#')
            continue;
        auto tab = line.find('\t');
        if (tab == std::string::npos)
            continue;
        std::string given = unescaped(line.substr(0, tab));
        std::string expected = line.substr(tab + 1);
        CAPTURE(line);
        auto result = written_address(given);
        if (expected == "!") {
            CHECK_FALSE(result.ok());
            if (!result.ok())
                CHECK(result.error().field == "address");
            ++refused;
            continue;
        }
        if (!result.ok())
            FAIL(result.error().what());
        CHECK(*result == unescaped(expected));
        // Written once, it stays as it is.
        auto again = written_address(*result);
        REQUIRE(again.ok());
        CHECK(*again == *result);
        for (char c : *result)
            CHECK(static_cast<unsigned char>(c) >= 0x20);
        ++written;
    }
    CHECK(written > 20);
    CHECK(refused > 20);
}

TEST_CASE("address: a long address is refused before a header line could pass 998 octets")
{
    std::string local(smsgate::max_address_octets - 12, 'a');
    CHECK(written_address(local + "@example.com").ok());
    CHECK_FALSE(written_address(local + "b@example.com").ok());
    CHECK_FALSE(written_address(local.substr(0, 890) + " x@example.com").ok()); // quoted: two octets more
}
