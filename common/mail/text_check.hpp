// text_check.hpp - whether what a mail holds as its text is text at all:
// base64 that is base64, UTF-8 that is UTF-8, characters a person can read.
// A mail that fails is refused as a whole (see checks::refuse_text); it is
// never sent in part or as the best guess at binary junk. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smsgate::mail {

// Why a mail gives no SMS text.
enum class TextFault {
    no_header,         // no message header could be read: not a mail
    no_text,           // neither a body with text nor a subject
    invalid_base64,    // the body's base64 has characters outside the alphabet, or a length no base64 has
    invalid_utf8,      // the body is declared UTF-8 and is not
    nul_character,     // the body holds U+0000
    control_character, // the body holds a control character other than tab, line feed, CR, form feed
    too_deep,          // the body lies deeper than max_mime_depth multiparts
};

struct TextProblem {
    TextFault fault = TextFault::no_text;
    std::string message; // what was wrong and where: "character '!' (0x21) at octet 12"
};

// How many multiparts may enclose the body part; a mail nested deeper is
// an attack, not a mail, and is refused rather than read in part.
inline constexpr int max_mime_depth = 32;

// The content of a part whose Content-Transfer-Encoding is base64, still
// encoded (RFC 2045 section 6.8): only the 64 characters and blanks (space,
// tab, CR, LF), '=' padding only at the end, and a length (blanks not
// counted) that is a multiple of 4. A body cut short, or one that is not
// base64 at all, decodes to junk or to part of the text.
std::optional<TextProblem> check_base64(std::string_view encoded);

// Octets of a part declared UTF-8, after the transfer encoding is undone:
// the first ill-formed sequence, if any.
std::optional<TextProblem> check_utf8(std::string_view octets);

// Text in UTF-8, after charset conversion: no U+0000 and no control
// characters (C0 but tab, LF, CR and form feed; DEL; C1), which no mail
// client writes in a text and which binary junk is full of.
std::optional<TextProblem> check_characters(std::string_view text);

} // namespace smsgate::mail
