// segment.hpp - choice of encoding and segmentation of a text into SMS parts
// (TS 23.040 9.2.3.24.1 concatenation, TS 23.038 alphabets).
#pragma once

#include "sms/gsm7.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sms {

enum class Alphabet { gsm7, eight_bit, ucs2 };

// "gsm7", "8bit", "ucs2": the names used in JSON output and the milter header.
std::string_view alphabet_name(Alphabet alphabet);

// Capacity of one SMS: 140 octets of user data.
inline constexpr std::size_t single_gsm7_septets = 160;
inline constexpr std::size_t single_ucs2_octets = 140;
// With the 6-octet concatenation header (8-bit reference) in each part.
inline constexpr std::size_t concat_gsm7_septets = 153;
inline constexpr std::size_t concat_ucs2_octets = 134;
// An 8-bit part count.
inline constexpr std::size_t max_parts = 255;
// The concatenation header (UDHL, IEI 00, IEDL, reference, total, sequence).
inline constexpr std::size_t concat_header_octets = 6;

struct TextOptions {
    bool transliterate = true; // typographic characters to their GSM equivalents
    bool force_ucs2 = false;
    // National language identifiers (TS 23.038 6.2.1.2.4) whose locking and
    // single shift tables a text may go with: [sms] national_tables.
    std::vector<std::uint8_t> national_tables;
};

struct TextPlan {
    std::u32string text;   // what will be sent, after transliteration
    Alphabet alphabet = Alphabet::gsm7;
    ShiftTables shifts;    // GSM 7-bit: the national tables used, none by default
    std::size_t units = 0; // septets (GSM 7-bit) or octets (UCS-2) of the whole text
    std::size_t parts = 1; // SMS parts needed; an empty text is one empty SMS
};

// The milter, the transport and smsgatectl all ask this one function. GSM
// 7-bit when every character fits the default alphabet (after
// transliteration); else, when national tables are allowed, GSM 7-bit with
// the single shift, locking shift or both tables of one allowed language
// that keep every character in the fewest parts, if that is fewer parts
// than UCS-2 (at equal parts UCS-2, as without national tables); else UCS-2.
TextPlan plan_text(std::string_view utf8, const TextOptions& options = {});

// The octets the national language elements add to the header of every
// part: 3 for each table (IEI 0x24 or 0x25, length, identifier).
std::size_t shift_header_octets(const ShiftTables& shifts);

// The units of text a part holds after a user data header of this many
// octets, its UDHL included (0: no header); GSM 7-bit text starts at the
// septet boundary after the header (TS 23.040 9.2.3.24).
std::size_t part_room(Alphabet alphabet, std::size_t header_octets);

// The user data of each part, without the header: unpacked septet values for
// GSM 7-bit, UTF-16BE octets for UCS-2. An escape pair or a surrogate pair is
// never split across two parts.
std::vector<std::vector<std::uint8_t>> split_text(const TextPlan& plan);

} // namespace smsgate::sms
