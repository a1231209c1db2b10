// text_check.cpp - base64, UTF-8 and control characters of a body.
#include "mail/text_check.hpp"

#include "sms/utf8.hpp"

#include <glib.h>

#include <cstdio>

namespace smsgate::mail {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool in_base64_alphabet(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// "'!' (0x21)" for a printable octet, "0xE9" for any other.
std::string octet_in_words(unsigned char octet)
{
    char buffer[16];
    if (octet >= 0x21 && octet < 0x7F)
        std::snprintf(buffer, sizeof buffer, "'%c' (0x%02X)", octet, octet);
    else
        std::snprintf(buffer, sizeof buffer, "0x%02X", octet);
    return buffer;
}

std::string code_point_in_words(char32_t c)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
    return buffer;
}

TextProblem problem(TextFault fault, std::string message) { return TextProblem{fault, std::move(message)}; }

} // namespace

std::optional<TextProblem> check_base64(std::string_view encoded)
{
    std::size_t data = 0;    // alphabet characters and padding, blanks not counted
    std::size_t padding = 0; // '=' seen so far
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        char c = encoded[i];
        if (blank(c))
            continue;
        if (c == '=') {
            ++padding;
            ++data;
            continue;
        }
        if (!in_base64_alphabet(c))
            return problem(TextFault::invalid_base64,
                           "its base64 encoding has the character " + octet_in_words(static_cast<unsigned char>(c)) +
                               " at octet " + std::to_string(i + 1) + ", which base64 has not");
        if (padding > 0)
            return problem(TextFault::invalid_base64, "its base64 encoding goes on after its '=' padding, at octet " +
                                                          std::to_string(i + 1));
        ++data;
    }
    if (padding > 2 || data % 4 != 0)
        return problem(TextFault::invalid_base64,
                       "its base64 encoding is cut short or damaged: " + std::to_string(data) +
                           " characters, not a whole number of 4-character groups");
    return std::nullopt;
}

std::optional<TextProblem> check_utf8(std::string_view octets)
{
    std::size_t at = 0;
    while (at < octets.size()) {
        const gchar* end = nullptr;
        if (g_utf8_validate_len(octets.data() + at, octets.size() - at, &end))
            return std::nullopt;
        at = static_cast<std::size_t>(end - octets.data());
        if (octets[at] == '\0') { // valid UTF-8; check_characters refuses it with its own reason
            ++at;
            continue;
        }
        return problem(TextFault::invalid_utf8, "it is declared UTF-8 but is not: the octet " +
                                                    octet_in_words(static_cast<unsigned char>(octets[at])) +
                                                    " at octet " + std::to_string(at + 1) + " is not valid UTF-8");
    }
    return std::nullopt;
}

std::optional<TextProblem> check_characters(std::string_view text)
{
    std::u32string characters = sms::utf8_decode(text);
    for (std::size_t i = 0; i < characters.size(); ++i) {
        char32_t c = characters[i];
        if (c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f')
            continue;
        std::string where = " at character " + std::to_string(i + 1);
        if (c == 0)
            return problem(TextFault::nul_character, "it holds a NUL character" + where + "; it is binary data");
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            return problem(TextFault::control_character,
                           "it holds the control character " + code_point_in_words(c) + where +
                               "; it is binary data or terminal codes");
    }
    return std::nullopt;
}

} // namespace smsgate::mail
