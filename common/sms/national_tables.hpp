// national_tables.hpp - the national language locking-shift and single-shift
// tables of 3GPP TS 23.038 6.2.1.2.4 and Annex A, by national language
// identifier (the octet of the user data header elements IEI 0x24 and 0x25,
// TS 23.040 9.2.3.24.15 and 9.2.3.24.16).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace smsgate::sms {

// The character of each septet value; no_character where the table
// defines none. Position 0x1B is the escape in every table.
using SeptetTable = std::array<char32_t, 128>;
inline constexpr char32_t no_character = 0;

struct NationalLanguage {
    std::uint8_t id;            // national language identifier, TS 23.038 6.2.1.2.4
    std::string_view code;      // ISO 639-1: "tr"
    std::string_view name;      // "Turkish"
    const SeptetTable* locking; // Annex A.3; nullptr: the language has none (Spanish)
    const SeptetTable* single;  // Annex A.2
};

// Every language of Annex A, by identifier.
std::span<const NationalLanguage> national_languages();

// The language of an identifier or of an ISO 639-1 code (any case); nullptr
// for none.
const NationalLanguage* national_language(std::uint8_t id);
const NationalLanguage* national_language(std::string_view code);

// The ISO 639-1 code of an identifier ("tr"), or "" for none.
std::string_view national_code(std::uint8_t id);

} // namespace smsgate::sms
