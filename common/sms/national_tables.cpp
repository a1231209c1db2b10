// national_tables.cpp - the national language tables of 3GPP TS 23.038
// Annex A by identifier, and the Latin-script ones (Turkish, Spanish,
// Portuguese) as the standard prints them: by septet value, eight values a
// line; "none" is a position the table leaves empty (and the escape, 0x1B).
// A receiver shows, for an empty position of a single shift table, the
// character of the locking shift table (6.2.1.2.4). The Indian languages'
// tables are in indic_tables.cpp.
#include "sms/national_tables.hpp"

#include "sms/indic_tables.hpp"

#include <algorithm>
#include <cctype>

namespace smsgate::sms {

namespace {

constexpr char32_t none = no_character;

// A.3.1 Turkish National Language Locking Shift Table
constexpr SeptetTable turkish_locking = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u20AC', U'\u00E9', U'\u00F9', U'\u0131', // 0x00
    U'\u00F2', U'\u00C7', U'\n',    U'\u011E', U'\u011F', U'\r',    U'\u00C5', U'\u00E5', // 0x08
    U'\u0394', U'_',     U'\u03A6', U'\u0393', U'\u039B', U'\u03A9', U'\u03A0', U'\u03A8', // 0x10
    U'\u03A3', U'\u0398', U'\u039E', none,     U'\u015E', U'\u015F', U'\u00DF', U'\u00C9', // 0x18
    U' ',     U'!',     U'"',     U'#',     U'\u00A4', U'%',     U'&',     U'\'', // 0x20
    U'(',     U')',     U'*',     U'+',     U',',     U'-',     U'.',     U'/', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     U'<',     U'=',     U'>',     U'?', // 0x38
    U'\u0130', U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     U'\u00C4', U'\u00D6', U'\u00D1', U'\u00DC', U'\u00A7', // 0x58
    U'\u00E7', U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u00E4', U'\u00F6', U'\u00F1', U'\u00FC', U'\u00E0', // 0x78
};

// A.2.1 Turkish National Language Single Shift Table
constexpr SeptetTable turkish_single = {
    none,     none,     none,     none,     none,     none,     none,     none, // 0x00
    none,     none,     U'\f',    none,     none,     none,     none,     none, // 0x08
    none,     none,     none,     none,     U'^',     none,     none,     none, // 0x10
    none,     none,     none,     none,     none,     none,     none,     none, // 0x18
    none,     none,     none,     none,     none,     none,     none,     none, // 0x20
    U'{',     U'}',     none,     none,     none,     none,     none,     U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     none,     none,     none,     none,     none,     none,     U'\u011E', // 0x40
    none,     U'\u0130', none,     none,     none,     none,     none,     none, // 0x48
    none,     none,     none,     U'\u015E', none,     none,     none,     none, // 0x50
    none,     none,     none,     none,     none,     none,     none,     none, // 0x58
    none,     none,     none,     U'\u00E7', none,     U'\u20AC', none,     U'\u011F', // 0x60
    none,     U'\u0131', none,     none,     none,     none,     none,     none, // 0x68
    none,     none,     none,     U'\u015F', none,     none,     none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.2.2 Spanish National Language Single Shift Table
constexpr SeptetTable spanish_single = {
    none,     none,     none,     none,     none,     none,     none,     none, // 0x00
    none,     U'\u00E7', U'\f',    none,     none,     none,     none,     none, // 0x08
    none,     none,     none,     none,     U'^',     none,     none,     none, // 0x10
    none,     none,     none,     none,     none,     none,     none,     none, // 0x18
    none,     none,     none,     none,     none,     none,     none,     none, // 0x20
    U'{',     U'}',     none,     none,     none,     none,     none,     U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'\u00C1', none,     none,     none,     none,     none,     none, // 0x40
    none,     U'\u00CD', none,     none,     none,     none,     none,     U'\u00D3', // 0x48
    none,     none,     none,     none,     none,     U'\u00DA', none,     none, // 0x50
    none,     none,     none,     none,     none,     none,     none,     none, // 0x58
    none,     U'\u00E1', none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     U'\u00ED', none,     none,     none,     none,     none,     U'\u00F3', // 0x68
    none,     none,     none,     none,     none,     U'\u00FA', none,     none, // 0x70
    none,     none,     none,     none,     none,     none,     none,     none, // 0x78
};

// A.3.3 Portuguese National Language Locking Shift Table
constexpr SeptetTable portuguese_locking = {
    U'@',     U'\u00A3', U'$',     U'\u00A5', U'\u00EA', U'\u00E9', U'\u00FA', U'\u00ED', // 0x00
    U'\u00F3', U'\u00E7', U'\n',    U'\u00D4', U'\u00F4', U'\r',    U'\u00C1', U'\u00E1', // 0x08
    U'\u0394', U'_',     U'\u00AA', U'\u00C7', U'\u00C0', U'\u221E', U'^',     U'\\', // 0x10
    U'\u20AC', U'\u00D3', U'|',     none,     U'\u00C2', U'\u00E2', U'\u00CA', U'\u00C9', // 0x18
    U' ',     U'!',     U'"',     U'#',     U'\u00BA', U'%',     U'&',     U'\'', // 0x20
    U'(',     U')',     U'*',     U'+',     U',',     U'-',     U'.',     U'/', // 0x28
    U'0',     U'1',     U'2',     U'3',     U'4',     U'5',     U'6',     U'7', // 0x30
    U'8',     U'9',     U':',     U';',     U'<',     U'=',     U'>',     U'?', // 0x38
    U'\u00CD', U'A',     U'B',     U'C',     U'D',     U'E',     U'F',     U'G', // 0x40
    U'H',     U'I',     U'J',     U'K',     U'L',     U'M',     U'N',     U'O', // 0x48
    U'P',     U'Q',     U'R',     U'S',     U'T',     U'U',     U'V',     U'W', // 0x50
    U'X',     U'Y',     U'Z',     U'\u00C3', U'\u00D5', U'\u00DA', U'\u00DC', U'\u00A7', // 0x58
    U'~',     U'a',     U'b',     U'c',     U'd',     U'e',     U'f',     U'g', // 0x60
    U'h',     U'i',     U'j',     U'k',     U'l',     U'm',     U'n',     U'o', // 0x68
    U'p',     U'q',     U'r',     U's',     U't',     U'u',     U'v',     U'w', // 0x70
    U'x',     U'y',     U'z',     U'\u00E3', U'\u00F5', U'`',     U'\u00FC', U'\u00E0', // 0x78
};

// A.2.3 Portuguese National Language Single Shift Table
constexpr SeptetTable portuguese_single = {
    none,     none,     none,     none,     none,     U'\u00EA', none,     none, // 0x00
    none,     U'\u00E7', U'\f',    U'\u00D4', U'\u00F4', none,     U'\u00C1', U'\u00E1', // 0x08
    none,     none,     U'\u03A6', U'\u0393', U'^',     U'\u03A9', U'\u03A0', U'\u03A8', // 0x10
    U'\u03A3', U'\u0398', none,     none,     none,     none,     none,     U'\u00CA', // 0x18
    none,     none,     none,     none,     none,     none,     none,     none, // 0x20
    U'{',     U'}',     none,     none,     none,     none,     none,     U'\\', // 0x28
    none,     none,     none,     none,     none,     none,     none,     none, // 0x30
    none,     none,     none,     none,     U'[',     U'~',     U']',     none, // 0x38
    U'|',     U'\u00C0', none,     none,     none,     none,     none,     none, // 0x40
    none,     U'\u00CD', none,     none,     none,     none,     none,     U'\u00D3', // 0x48
    none,     none,     none,     none,     none,     U'\u00DA', none,     none, // 0x50
    none,     none,     none,     U'\u00C3', U'\u00D5', none,     none,     none, // 0x58
    none,     U'\u00C2', none,     none,     none,     U'\u20AC', none,     none, // 0x60
    none,     U'\u00ED', none,     none,     none,     none,     none,     U'\u00F3', // 0x68
    none,     none,     none,     none,     none,     U'\u00FA', none,     none, // 0x70
    none,     none,     none,     U'\u00E3', U'\u00F5', none,     none,     U'\u00E2', // 0x78
};

using namespace indic;

constexpr NationalLanguage languages[] = {
    {0x01, "tr", "Turkish", &turkish_locking, &turkish_single},
    {0x02, "es", "Spanish", nullptr, &spanish_single},
    {0x03, "pt", "Portuguese", &portuguese_locking, &portuguese_single},
    {0x04, "bn", "Bengali", &bengali_locking, &bengali_single},
    {0x05, "gu", "Gujarati", &gujarati_locking, &gujarati_single},
    {0x06, "hi", "Hindi", &hindi_locking, &hindi_single},
    {0x07, "kn", "Kannada", &kannada_locking, &kannada_single},
    {0x08, "ml", "Malayalam", &malayalam_locking, &malayalam_single},
    {0x09, "or", "Oriya", &oriya_locking, &oriya_single},
    {0x0A, "pa", "Punjabi", &punjabi_locking, &punjabi_single},
    {0x0B, "ta", "Tamil", &tamil_locking, &tamil_single},
    {0x0C, "te", "Telugu", &telugu_locking, &telugu_single},
    {0x0D, "ur", "Urdu", &urdu_locking, &urdu_single},
};

} // namespace

std::span<const NationalLanguage> national_languages() { return languages; }

const NationalLanguage* national_language(std::uint8_t id)
{
    for (const auto& l : languages)
        if (l.id == id)
            return &l;
    return nullptr;
}

std::string_view national_code(std::uint8_t id)
{
    const auto* language = national_language(id);
    return language ? language->code : std::string_view{};
}

const NationalLanguage* national_language(std::string_view code)
{
    auto same = [code](std::string_view c) {
        return c.size() == code.size() && std::equal(c.begin(), c.end(), code.begin(), [](char a, char b) {
                   return a == std::tolower(static_cast<unsigned char>(b));
               });
    };
    for (const auto& l : languages)
        if (same(l.code))
            return &l;
    return nullptr;
}

} // namespace smsgate::sms
