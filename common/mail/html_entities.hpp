// html_entities.hpp - HTML character references: named (the Latin-1 set and
// the typographic ones mail uses), decimal and hexadecimal.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace smsgate::mail {

struct CharRef {
    char32_t code = 0;
    std::size_t length = 0; // octets read, from the '&' to the ';' included
};

// Reads the character reference at the start of text (which begins with
// '&'). Nothing when it is not one: the '&' is then an ordinary character.
// Numeric references follow HTML5: 80-9F are read as windows-1252 (what
// the authoring tool meant), zero, surrogates and values past U+10FFFF
// become U+FFFD; the ';' may be missing after digits but not after a name.
std::optional<CharRef> read_char_ref(std::string_view text);

} // namespace smsgate::mail
