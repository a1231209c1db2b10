// test_national_tables.cpp - the national language locking and single
// shift tables of 3GPP TS 23.038 Annex A: their cells against a second
// transcription, received PDUs that use them, the part counts with them
// at the boundaries, and every language written and read back. The cases
// are data: tests/unit/data/national_cells.txt, national_pdus.txt and
// national_parts.txt.
#include "sms/deliver.hpp"
#include "sms/gsm7.hpp"
#include "sms/hex.hpp"
#include "sms/national_tables.hpp"
#include "sms/pdu.hpp"
#include "sms/segment.hpp"
#include "sms/submit.hpp"
#include "sms/utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace smsgate::sms;

namespace {

std::vector<std::string> data_lines(const std::string& name)
{
    std::ifstream in(std::string(SMSGATE_SOURCE_DIR) + "/tests/unit/data/" + name);
    REQUIRE(in);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#')
            lines.push_back(line);
    return lines;
}

std::string trimmed(const std::string& s)
{
    auto b = s.find_first_not_of(' ');
    auto e = s.find_last_not_of(' ');
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "a | b | c" into its trimmed fields.
std::vector<std::string> fields(const std::string& line)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto bar = line.find(" | ", start);
        out.push_back(trimmed(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
        if (bar == std::string::npos)
            return out;
        start = bar + 3;
    }
}

// "ı*3 + x": the pieces, each repeated.
std::string expand(const std::string& spec)
{
    std::string out;
    std::size_t start = 0;
    for (;;) {
        auto plus = spec.find(" + ", start);
        std::string piece = spec.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        auto star = piece.rfind('*');
        std::size_t n = 1;
        if (star != std::string::npos && star + 1 < piece.size() && std::isdigit(static_cast<unsigned char>(piece[star + 1]))) {
            n = std::stoul(piece.substr(star + 1));
            piece.erase(star);
        }
        for (std::size_t i = 0; i < n; ++i)
            out += piece;
        if (plus == std::string::npos)
            return out;
        start = plus + 3;
    }
}

std::vector<std::uint8_t> allowed(const std::string& list)
{
    std::vector<std::uint8_t> ids;
    std::istringstream in(list);
    for (std::string code; std::getline(in, code, ',');) {
        code = trimmed(code);
        if (code == "-")
            continue;
        const auto* language = national_language(code);
        REQUIRE_MESSAGE(language, code);
        ids.push_back(language->id);
    }
    return ids;
}

SubmitOptions submit_with(const TextOptions& text)
{
    SubmitOptions options;
    options.text = text;
    return options;
}

std::string code_or_dash(std::uint8_t id)
{
    return id == 0 ? "-" : std::string(national_code(id));
}

} // namespace

TEST_CASE("national tables: the cells agree with a second transcription of TS 23.038 Annex A")
{
    int checked = 0;
    for (const auto& line : data_lines("national_cells.txt")) {
        CAPTURE(line);
        std::istringstream in(line);
        std::string code, table, septet, character;
        in >> code >> table >> septet >> character;
        const auto* language = national_language(code);
        REQUIRE(language);
        const SeptetTable* cells = table == "locking" ? language->locking : language->single;
        REQUIRE(cells);
        char32_t expected = character == "none" ? no_character : static_cast<char32_t>(std::stoul(character.substr(2), nullptr, 16));
        CHECK((*cells)[std::stoul(septet, nullptr, 16)] == expected);
        ++checked;
    }
    CHECK(checked > 50);
}

TEST_CASE("national tables: every language of Annex A, Spanish without a locking shift table")
{
    CHECK(national_languages().size() == 13);
    for (const auto& language : national_languages()) {
        CAPTURE(language.name);
        CHECK(language.single != nullptr);
        CHECK((language.locking != nullptr) == (language.code != "es"));
        CHECK(national_language(language.id) == &language);
        CHECK(national_language(language.code) == &language);
        // The escape is never a character.
        if (language.locking)
            CHECK((*language.locking)[gsm7_escape] == no_character);
        CHECK((*language.single)[gsm7_escape] == no_character);
    }
    CHECK(national_language("TR") == national_language(std::uint8_t{1}));
    CHECK(national_language(std::uint8_t{0}) == nullptr);
    CHECK(national_language(std::uint8_t{14}) == nullptr);
    CHECK(national_language("xx") == nullptr);
}

TEST_CASE("national tables: received PDUs decode with the tables their header names")
{
    int cases = 0;
    for (const auto& line : data_lines("national_pdus.txt")) {
        auto f = fields(line);
        REQUIRE(f.size() == 4);
        CAPTURE(f[0]);
        auto pdu = decode_pdu_hex(f[1]);
        REQUIRE(pdu);
        CHECK(pdu->text == f[2]);
        bool warned = false;
        for (const auto& w : pdu->warnings)
            warned = warned || w.find(f[3]) != std::string::npos;
        if (f[3] == "-")
            CHECK(pdu->warnings.empty());
        else
            CHECK(warned);
        ++cases;
    }
    CHECK(cases >= 3);
}

TEST_CASE("national tables: part counts at the boundaries")
{
    for (const auto& line : data_lines("national_parts.txt")) {
        auto f = fields(line);
        REQUIRE(f.size() == 8);
        CAPTURE(f[7]);
        CAPTURE(f[1]);
        TextOptions options;
        options.national_tables = allowed(f[0]);
        TextPlan plan = plan_text(expand(f[1]), options);
        CHECK(alphabet_name(plan.alphabet) == f[2]);
        CHECK(code_or_dash(plan.shifts.locking) == f[3]);
        CHECK(code_or_dash(plan.shifts.single) == f[4]);
        CHECK(plan.units == std::stoul(f[5]));
        CHECK(plan.parts == std::stoul(f[6]));
        // The count is what is sent.
        auto parts = encode_submit("+32477324847", expand(f[1]), submit_with(options));
        REQUIRE(parts);
        CHECK(parts->size() == plan.parts);
    }
}

namespace {

// Every character of a table, the ones the default alphabet has too, but
// c cedilla: it goes as the default alphabet's alias (shown as c cedilla
// since GSM Phase 2) and reads back as its capital.
std::u32string table_text(const SeptetTable& table)
{
    std::u32string text;
    for (char32_t c : table)
        if (c != no_character && c != U'\u00E7')
            text.push_back(c);
    return text;
}

// Characters of the first table that are in neither the default alphabet
// nor the second table.
std::u32string only_in(const SeptetTable& table, const SeptetTable* other)
{
    std::u32string text;
    for (char32_t c : table) {
        if (c == no_character || gsm7_cost(c))
            continue;
        if (other && std::find(other->begin(), other->end(), c) != other->end())
            continue;
        text.push_back(c);
    }
    return text;
}

} // namespace

TEST_CASE("national tables: every language written with its tables and read back")
{
    for (const auto& language : national_languages()) {
        CAPTURE(language.name);
        std::u32string text = table_text(*language.single);
        if (language.locking)
            text += table_text(*language.locking);
        // Long enough for UCS-2 to need more parts: at equal parts UCS-2 wins.
        text = text + text + text + text;
        std::string utf8 = utf8_encode(text);
        TextOptions options;
        options.national_tables = {language.id};
        TextPlan plan = plan_text(utf8, options);
        REQUIRE(plan.alphabet == Alphabet::gsm7);
        CHECK(plan.shifts.national());
        CHECK(utf8_encode(plan.text) == utf8);

        // As SMS-SUBMIT parts, and as SMS-DELIVER parts a handset receives.
        auto submit = encode_submit("+32477324847", utf8, submit_with(options), 7);
        REQUIRE(submit);
        CHECK(submit->size() == plan.parts);
        DeliverOptions deliver_options;
        deliver_options.national_tables = {language.id};
        auto deliver = encode_deliver("+32477324847", utf8, Timestamp{2024, 1, 2, 3, 4, 5, 60}, deliver_options);
        REQUIRE(deliver);
        for (const auto* pdus : {&*deliver}) {
            std::string back;
            for (const auto& octets : *pdus) {
                auto pdu = decode_pdu(octets);
                REQUIRE(pdu);
                CHECK(pdu->warnings.empty());
                CHECK(pdu->locking_shift.value_or(0) == plan.shifts.locking);
                CHECK(pdu->single_shift.value_or(0) == plan.shifts.single);
                back += pdu->text;
            }
            CHECK(back == utf8);
        }
        std::string submitted;
        for (const auto& part : *submit) {
            auto pdu = decode_pdu(part.octets);
            REQUIRE(pdu);
            submitted += pdu->text;
        }
        CHECK(submitted == utf8);
    }
}

TEST_CASE("national tables: each table alone at the boundary of one SMS")
{
    for (const auto& language : national_languages()) {
        CAPTURE(language.name);
        TextOptions options;
        options.national_tables = {language.id};
        if (language.locking) {
            // A letter of the locking shift table: one septet, 155 in one SMS.
            std::u32string letter = only_in(*language.locking, nullptr).substr(0, 1);
            REQUIRE(letter.size() == 1);
            TextPlan plan = plan_text(utf8_encode(std::u32string(155, letter[0])), options);
            CHECK(plan.shifts == ShiftTables{language.id, 0});
            CHECK(plan.parts == 1);
            plan = plan_text(utf8_encode(std::u32string(156, letter[0])), options);
            CHECK(plan.parts == 2);
            CHECK(split_text(plan).at(0).size() == 149);
        }
        // A character of the single shift table only: two septets.
        std::u32string sign = only_in(*language.single, language.locking).substr(0, 1);
        if (sign.empty())
            continue; // every letter of the single shift table is in the locking one
        std::u32string filler = language.locking ? only_in(*language.locking, nullptr).substr(0, 1) : U"a";
        std::size_t room = language.locking ? 152 : 155;
        std::u32string text = sign + std::u32string(room - 2, filler[0]);
        TextPlan plan = plan_text(utf8_encode(text), options);
        CHECK(plan.shifts.single == language.id);
        CHECK(plan.units == room);
        CHECK(plan.parts == 1);
        plan = plan_text(utf8_encode(text + filler), options);
        CHECK(plan.parts == 2);
    }
}

TEST_CASE("national tables: the header of each part carries the elements")
{
    TextOptions options;
    options.national_tables = {1};
    // 156 Turkish letters: two parts, each with concatenation and locking shift.
    auto parts = encode_submit("+32477324847", utf8_encode(std::u32string(156, U'\u0131')),
                               submit_with(options), 0x2A);
    REQUIRE(parts);
    REQUIRE(parts->size() == 2);
    for (const auto& part : *parts) {
        auto pdu = decode_pdu(part.octets);
        REQUIRE(pdu);
        CHECK(pdu->udhi);
        REQUIRE(pdu->udh.size() == 2);
        CHECK(pdu->udh[0].iei == 0x00);
        CHECK(pdu->udh[1].iei == 0x25);
        CHECK(pdu->udh[1].data == std::vector<std::uint8_t>{0x01});
    }
    // One part (two as UCS-2): the locking shift element alone, and TP-UDHI.
    std::string text = utf8_encode(std::u32string(100, U'\u0131'));
    auto single = encode_submit("+32477324847", text, submit_with(options));
    REQUIRE(single);
    REQUIRE(single->size() == 1);
    auto pdu = decode_pdu(single->at(0).octets);
    REQUIRE(pdu);
    CHECK(pdu->udhi);
    CHECK(!pdu->concat);
    CHECK(pdu->locking_shift == std::uint8_t{1});
    CHECK(pdu->text == text);
}

TEST_CASE("national tables: a 16-bit reference leaves one septet less in each part")
{
    DeliverOptions options;
    options.national_tables = {1};
    options.reference_bits = 16;
    options.reference = 0x1234;
    // 149 septets in a part with an 8-bit reference and one element: 297
    // fit two parts. With a 16-bit reference 148 (10 octets: 80 bits, 12
    // septets): three parts.
    auto pdus = encode_deliver("+32477324847", utf8_encode(std::u32string(297, U'\u0131')), Timestamp{2024, 1, 2, 3, 4, 5, 0}, options);
    REQUIRE(pdus);
    CHECK(pdus->size() == 3);
    std::string back;
    for (const auto& octets : *pdus) {
        auto pdu = decode_pdu(octets);
        REQUIRE(pdu);
        back += pdu->text;
    }
    CHECK(back == utf8_encode(std::u32string(297, U'\u0131')));
}
