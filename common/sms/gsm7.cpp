// gsm7.cpp - the GSM 7-bit default alphabet (3GPP TS 23.038 6.2.1), its
// extension table (6.2.1.1), and the packing of septets into octets
// (6.1.2.1.1).
#include "sms/gsm7.hpp"

#include "sms/national_tables.hpp"

#include <array>
#include <cstdio>

namespace smsgate::sms {

namespace {

// TS 23.038 6.2.1, the default alphabet by septet value. Position 0x1B is
// the escape to the extension table, not a character: the space here is
// what a lone escape shows, and encoding never picks this position.
constexpr std::array<char32_t, 128> default_table = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00E8', U'\u00E9', U'\u00F9', U'\u00EC', // 0x00 @ £ $ ¥ è é ù ì
    U'\u00F2', U'\u00C7', U'\n',     U'\u00D8', U'\u00F8', U'\r',     U'\u00C5', U'\u00E5', // 0x08 ò Ç LF Ø ø CR Å å
    U'\u0394', U'_',      U'\u03A6', U'\u0393', U'\u039B', U'\u03A9', U'\u03A0', U'\u03A8', // 0x10 Δ _ Φ Γ Λ Ω Π Ψ
    U'\u03A3', U'\u0398', U'\u039E', U' ',      U'\u00C6', U'\u00E6', U'\u00DF', U'\u00C9', // 0x18 Σ Θ Ξ ESC Æ æ ß É
    U' ',      U'!',      U'"',      U'#',      U'\u00A4', U'%',      U'&',      U'\'',     // 0x20 SP ! " # ¤ % & '
    U'(',      U')',      U'*',      U'+',      U',',      U'-',      U'.',      U'/',      // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',      // 0x30
    U'8',      U'9',      U':',      U';',      U'<',      U'=',      U'>',      U'?',      // 0x38
    U'\u00A1', U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',      // 0x40 ¡ A-G
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',      // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',      // 0x50
    U'X',      U'Y',      U'Z',      U'\u00C4', U'\u00D6', U'\u00D1', U'\u00DC', U'\u00A7', // 0x58 X Y Z Ä Ö Ñ Ü §
    U'\u00BF', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',      // 0x60 ¿ a-g
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',      // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',      // 0x70
    U'x',      U'y',      U'z',      U'\u00E4', U'\u00F6', U'\u00F1', U'\u00FC', U'\u00E0', // 0x78 x y z ä ö ñ ü à
};

struct Mapping {
    std::uint8_t septet;
    char32_t character;
};

// TS 23.038 6.2.1.1, the characters reached by escape + septet. 0x0A is the
// page break, shown as a form feed; 0x1B (a second escape, reserved for a
// further table) is handled in gsm7_decode.
constexpr std::array<Mapping, 10> extension_table = {{
    {0x0A, U'\f'},
    {0x14, U'^'},
    {0x28, U'{'},
    {0x29, U'}'},
    {0x2F, U'\\'},
    {0x3C, U'['},
    {0x3D, U'~'},
    {0x3E, U']'},
    {0x40, U'|'},
    {0x65, U'\u20AC'}, // euro sign on the position of 'e', its fallback
}};

// Characters a mail may contain that a handset shows as a default-alphabet
// character. Encoding only: decoding yields the table's own character.
constexpr std::array<Mapping, 15> encoding_aliases = {{
    {0x09, U'\u00E7'}, // ç: the table says Ç, handsets have shown ç since GSM Phase 2
    // Greek capitals shaped like Latin letters have no position of their
    // own: the Latin letter looks the same on the handset.
    {0x41, U'\u0391'}, // Alpha
    {0x42, U'\u0392'}, // Beta
    {0x45, U'\u0395'}, // Epsilon
    {0x5A, U'\u0396'}, // Zeta
    {0x48, U'\u0397'}, // Eta
    {0x49, U'\u0399'}, // Iota
    {0x4B, U'\u039A'}, // Kappa
    {0x4D, U'\u039C'}, // Mu
    {0x4E, U'\u039D'}, // Nu
    {0x4F, U'\u039F'}, // Omicron
    {0x50, U'\u03A1'}, // Rho
    {0x54, U'\u03A4'}, // Tau
    {0x59, U'\u03A5'}, // Upsilon
    {0x58, U'\u03A7'}, // Chi
}};

// The septet of c in the default table (with the aliases), if any.
namespace {

// Septets of the ASCII characters, 0xFF for none: most text is ASCII, and
// every character of every mail is looked up at least twice.
constexpr std::uint8_t no_septet = 0xFF;

constexpr std::array<std::uint8_t, 128> make_ascii_septets()
{
    std::array<std::uint8_t, 128> out{};
    for (auto& s : out)
        s = no_septet;
    for (std::size_t i = 0; i < default_table.size(); ++i)
        if (default_table[i] < 128 && i != gsm7_escape && out[default_table[i]] == no_septet)
            out[default_table[i]] = static_cast<std::uint8_t>(i);
    return out;
}

constexpr auto ascii_septets = make_ascii_septets();

} // namespace

std::optional<std::uint8_t> default_septet(char32_t c)
{
    if (c < 128) {
        if (ascii_septets[c] != no_septet)
            return ascii_septets[c];
    }
    for (std::size_t i = 0; i < default_table.size(); ++i)
        if (default_table[i] == c && i != gsm7_escape)
            return static_cast<std::uint8_t>(i);
    for (const auto& alias : encoding_aliases)
        if (alias.character == c)
            return alias.septet;
    return std::nullopt;
}

std::optional<std::uint8_t> extension_septet(char32_t c)
{
    for (const auto& m : extension_table)
        if (m.character == c)
            return m.septet;
    return std::nullopt;
}

std::optional<char32_t> extension_character(std::uint8_t septet)
{
    for (const auto& m : extension_table)
        if (m.septet == septet)
            return m.character;
    return std::nullopt;
}

// The national tables named, or nullptr for the default ones.
const SeptetTable* locking_table(const ShiftTables& tables)
{
    const auto* language = tables.locking ? national_language(tables.locking) : nullptr;
    return language ? language->locking : nullptr;
}

const SeptetTable* single_table(const ShiftTables& tables)
{
    const auto* language = tables.single ? national_language(tables.single) : nullptr;
    return language ? language->single : nullptr;
}

std::optional<std::uint8_t> find_septet(const SeptetTable& table, char32_t c)
{
    if (c == no_character)
        return std::nullopt;
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table[i] == c)
            return static_cast<std::uint8_t>(i);
    return std::nullopt;
}

// The septet of c in the locking shift table (the default one with its
// aliases), or after an escape in the single shift table.
std::optional<std::uint8_t> locking_septet(char32_t c, const ShiftTables& tables)
{
    if (const auto* table = locking_table(tables))
        return find_septet(*table, c);
    return default_septet(c);
}

std::optional<std::uint8_t> single_septet(char32_t c, const ShiftTables& tables)
{
    if (const auto* table = single_table(tables))
        return find_septet(*table, c);
    return extension_septet(c);
}

char32_t locking_character(std::uint8_t septet, const ShiftTables& tables)
{
    if (const auto* table = locking_table(tables))
        return (*table)[septet] == no_character ? U' ' : (*table)[septet];
    return default_table[septet];
}

std::optional<char32_t> single_character(std::uint8_t septet, const ShiftTables& tables)
{
    if (const auto* table = single_table(tables)) {
        if ((*table)[septet] == no_character)
            return std::nullopt;
        return (*table)[septet];
    }
    return extension_character(septet);
}

std::string code_point_name(char32_t c)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

} // namespace

std::optional<std::size_t> gsm7_cost(char32_t c, const ShiftTables& tables)
{
    if (locking_septet(c, tables))
        return 1;
    if (single_septet(c, tables))
        return 2;
    return std::nullopt;
}

std::optional<std::size_t> gsm7_length(std::u32string_view text, const ShiftTables& tables)
{
    std::size_t total = 0;
    for (char32_t c : text) {
        auto cost = gsm7_cost(c, tables);
        if (!cost)
            return std::nullopt;
        total += *cost;
    }
    return total;
}

Result<std::vector<std::uint8_t>> gsm7_encode(std::u32string_view text, const ShiftTables& tables)
{
    std::vector<std::uint8_t> septets;
    septets.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (auto s = locking_septet(text[i], tables)) {
            septets.push_back(*s);
        } else if (auto e = single_septet(text[i], tables)) {
            septets.push_back(gsm7_escape);
            septets.push_back(*e);
        } else {
            return make_error("text", code_point_name(text[i]) + " at position " + std::to_string(i) +
                                          " is not in the GSM 7-bit alphabet");
        }
    }
    return septets;
}

std::u32string gsm7_decode(std::span<const std::uint8_t> septets, const ShiftTables& tables)
{
    std::u32string out;
    out.reserve(septets.size());
    for (std::size_t i = 0; i < septets.size(); ++i) {
        std::uint8_t s = septets[i] & 0x7F;
        if (s != gsm7_escape) {
            out.push_back(locking_character(s, tables));
            continue;
        }
        if (i + 1 == septets.size()) {
            out.push_back(U' '); // a lone escape at the end
            break;
        }
        std::uint8_t next = septets[++i] & 0x7F;
        if (next == gsm7_escape)
            out.push_back(U' '); // reserved escape to another table: "display a space"
        else if (auto e = single_character(next, tables))
            out.push_back(*e);
        else
            out.push_back(locking_character(next, tables)); // undefined: the locking table's character
    }
    return out;
}

// TS 23.038 6.1.2.1.1: septet n occupies bits fill_bits + 7n onwards, least
// significant bit first, so a septet may straddle two octets. When the last
// octet ends with 7 free bits, a receiver that counts octets rather than
// septets would see an extra '@'; TS 23.038 6.1.2.3.1 then asks for a CR
// in those bits (USSD, cell broadcast). TP-UDL counts septets in an SMS, so
// that padding is left to the caller that needs it.
std::vector<std::uint8_t> pack_septets(std::span<const std::uint8_t> septets, unsigned fill_bits)
{
    std::vector<std::uint8_t> out(packed_octets(septets.size(), fill_bits), 0);
    std::size_t bit = fill_bits;
    for (std::uint8_t s : septets) {
        unsigned value = s & 0x7Fu;
        std::size_t octet = bit / 8;
        unsigned shift = bit % 8;
        out[octet] = static_cast<std::uint8_t>(out[octet] | (value << shift));
        if (shift > 1) // the septet spills into the next octet
            out[octet + 1] = static_cast<std::uint8_t>(out[octet + 1] | (value >> (8 - shift)));
        bit += 7;
    }
    return out;
}

std::vector<std::uint8_t> unpack_septets(std::span<const std::uint8_t> octets, std::size_t count,
                                         unsigned fill_bits)
{
    std::vector<std::uint8_t> out;
    std::size_t available = octets.size() * 8;
    std::size_t bit = fill_bits;
    for (std::size_t n = 0; n < count && bit + 7 <= available; ++n, bit += 7) {
        std::size_t octet = bit / 8;
        unsigned shift = bit % 8;
        unsigned value = octets[octet] >> shift;
        if (shift > 1)
            value |= static_cast<unsigned>(octets[octet + 1]) << (8 - shift);
        out.push_back(static_cast<std::uint8_t>(value & 0x7F));
    }
    return out;
}

} // namespace smsgate::sms
