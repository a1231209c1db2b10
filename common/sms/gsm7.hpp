// gsm7.hpp - the GSM 7-bit default alphabet and its extension table
// (3GPP TS 23.038 6.2.1), and septet packing (TS 23.038 6.1.2.1).
#pragma once

#include "util/result.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::sms {

// The escape to the extension table; an extension character costs two septets.
inline constexpr std::uint8_t gsm7_escape = 0x1B;

// The tables a text is written and read with (TS 23.038 6.2.1.2.4): the
// national language identifiers of the locking shift table (IEI 0x25) and
// of the single shift table (IEI 0x24); 0 is the default alphabet and its
// extension table. An identifier without such a table reads as 0.
struct ShiftTables {
    std::uint8_t locking = 0;
    std::uint8_t single = 0;
    bool national() const { return locking != 0 || single != 0; }
    friend bool operator==(const ShiftTables&, const ShiftTables&) = default;
};

// Septets one character costs: 1 (default table), 2 (escape + extension
// table), or nullopt when the character is not in the alphabet.
std::optional<std::size_t> gsm7_cost(char32_t c, const ShiftTables& tables = {});

// Septets a text costs, or nullopt when any character is not in the alphabet.
std::optional<std::size_t> gsm7_length(std::u32string_view text, const ShiftTables& tables = {});

// Text to septet values (0x00-0x7F, escape pairs included). The error names
// the first character that is not in the alphabet and its position.
Result<std::vector<std::uint8_t>> gsm7_encode(std::u32string_view text, const ShiftTables& tables = {});

// Septet values to text. An escape followed by a value that the extension
// table does not define shows that value from the default table (TS 23.038
// 6.2.1.1); a lone escape at the end shows as a space. Values above 0x7F are
// masked to 7 bits. A position a national locking shift table leaves empty
// shows as a space too.
std::u32string gsm7_decode(std::span<const std::uint8_t> septets, const ShiftTables& tables = {});

// Packs septets into octets, least significant bit first. fill_bits (0-6)
// zero bits come first: the padding that aligns text after a user data
// header to a septet boundary (TS 23.040 9.2.3.24).
std::vector<std::uint8_t> pack_septets(std::span<const std::uint8_t> septets, unsigned fill_bits = 0);

// Unpacks count septets that start fill_bits into octets. Septets past the
// end of the octets are not produced: the result may be shorter than count.
std::vector<std::uint8_t> unpack_septets(std::span<const std::uint8_t> octets, std::size_t count,
                                         unsigned fill_bits = 0);

// Octets that count septets occupy after fill_bits of padding.
constexpr std::size_t packed_octets(std::size_t count, unsigned fill_bits = 0)
{
    return (count * 7 + fill_bits + 7) / 8;
}

} // namespace smsgate::sms
