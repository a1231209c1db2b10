// segment.cpp - which alphabet a text goes in (TS 23.038 4: GSM 7-bit
// default alphabet, GSM 7-bit with national language shift tables of
// TS 23.038 6.2.1.2.4, or UCS-2) and how it is cut into the parts of a
// concatenated SMS (TS 23.040 9.2.3.24.1). The parts are counted by walking
// the text, character by character, with the same function that cuts it, so
// that an escape pair (2 septets) or a surrogate pair (4 octets) that would
// straddle a boundary moves whole to the next part and the count says so.
#include "sms/segment.hpp"

#include "sms/gsm7.hpp"
#include "sms/national_tables.hpp"
#include "sms/transliterate.hpp"
#include "sms/ucs2.hpp"
#include "sms/utf8.hpp"

#include <optional>

namespace smsgate::sms {

namespace {

// Stands in, in a hand-made GSM 7-bit plan, for a character that is not in
// the alphabet: plan_text never makes such a plan.
constexpr char32_t gsm7_substitute = U'?';

// The octets of UD that one SMS holds.
constexpr std::size_t max_ud_octets = 140;
constexpr std::size_t max_ud_septets = 160;

// How a text is written: the alphabet, and for GSM 7-bit the tables.
struct Coding {
    Alphabet alphabet;
    ShiftTables shifts;
};

// TP-UD capacity in the units of the alphabet: septets for GSM 7-bit,
// octets otherwise; alone in one SMS, and beside the concatenation header.
// The national language elements, when there are any, are in both.
struct Capacity {
    std::size_t single;
    std::size_t concatenated;
};

Capacity capacity(const Coding& coding)
{
    std::size_t shifts = shift_header_octets(coding.shifts);
    std::size_t single_header = shifts == 0 ? 0 : 1 + shifts; // UDHL and the elements
    return {part_room(coding.alphabet, single_header),
            part_room(coding.alphabet, concat_header_octets + shifts)};
}

// Septets or octets that one character takes.
std::size_t char_units(char32_t c, const Coding& coding)
{
    switch (coding.alphabet) {
    case Alphabet::gsm7:
        return gsm7_cost(c, coding.shifts).value_or(1); // a substitute costs one septet
    case Alphabet::eight_bit:
        return 1;
    case Alphabet::ucs2:
        break;
    }
    return 2 * utf16_units(c);
}

std::size_t text_units(std::u32string_view text, const Coding& coding)
{
    std::size_t units = 0;
    for (char32_t c : text)
        units += char_units(c, coding);
    return units;
}

// The index in text where each part ends. A text that fits one SMS is one
// part; otherwise the parts are filled greedily, and a character that does
// not fit whole in what is left of a part starts the next one.
std::vector<std::size_t> part_ends(std::u32string_view text, const Coding& coding)
{
    Capacity cap = capacity(coding);
    if (text_units(text, coding) <= cap.single)
        return {text.size()};
    std::vector<std::size_t> ends;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t units = char_units(text[i], coding);
        if (used + units > cap.concatenated) {
            ends.push_back(i);
            used = 0;
        }
        used += units;
    }
    ends.push_back(text.size());
    return ends;
}

// The pairs of tables to try for the allowed languages: the single shift
// table alone, the locking shift table alone, then both, each language in
// the order given. Tables of two languages are not mixed.
std::vector<ShiftTables> shift_choices(const std::vector<std::uint8_t>& allowed)
{
    std::vector<ShiftTables> choices;
    for (std::uint8_t id : allowed)
        if (const auto* language = national_language(id); language && language->single)
            choices.push_back({0, id});
    for (std::uint8_t id : allowed)
        if (const auto* language = national_language(id); language && language->locking)
            choices.push_back({id, 0});
    for (std::uint8_t id : allowed)
        if (const auto* language = national_language(id); language && language->locking && language->single)
            choices.push_back({id, id});
    return choices;
}

struct NationalChoice {
    ShiftTables shifts;
    std::size_t parts = 0;
    std::size_t header = 0; // octets of the shift elements
    std::size_t units = 0;  // septets

    bool better_than(const NationalChoice& other) const
    {
        if (parts != other.parts)
            return parts < other.parts;
        if (header != other.header)
            return header < other.header;
        return units < other.units;
    }
};

// The tables that keep every character of text in the fewest parts; at
// equal parts the shorter header, then the fewest septets, then the first
// tried.
std::optional<NationalChoice> best_national(std::u32string_view text, const std::vector<std::uint8_t>& allowed)
{
    std::optional<NationalChoice> best;
    for (const ShiftTables& shifts : shift_choices(allowed)) {
        auto units = gsm7_length(text, shifts);
        if (!units)
            continue;
        NationalChoice choice{shifts, part_ends(text, Coding{Alphabet::gsm7, shifts}).size(),
                              shift_header_octets(shifts), *units};
        if (!best || choice.better_than(*best))
            best = choice;
    }
    return best;
}

// GSM 7-bit for the text as written or transliterated, with the default
// tables if they do, else with the national tables that need fewer parts
// than UCS-2. Leaves the plan as UCS-2 when neither does.
void choose_gsm7(TextPlan& plan, const TextOptions& options)
{
    std::vector<std::u32string> texts{plan.text};
    if (options.transliterate) {
        std::u32string plain = transliterate_to_gsm(plan.text);
        if (plain != plan.text)
            texts.push_back(std::move(plain));
    }
    for (const auto& text : texts) {
        if (gsm7_length(text)) {
            plan.text = text;
            plan.alphabet = Alphabet::gsm7;
            return;
        }
    }
    if (options.national_tables.empty())
        return;
    std::size_t ucs2_parts = part_ends(plan.text, Coding{Alphabet::ucs2, {}}).size();
    for (const auto& text : texts) {
        auto best = best_national(text, options.national_tables);
        if (best && best->parts < ucs2_parts) {
            plan.text = text;
            plan.alphabet = Alphabet::gsm7;
            plan.shifts = best->shifts;
            return;
        }
    }
}

std::vector<std::uint8_t> encode_part(std::u32string_view part, const Coding& coding)
{
    switch (coding.alphabet) {
    case Alphabet::gsm7: {
        std::u32string known(part);
        for (char32_t& c : known)
            if (!gsm7_cost(c, coding.shifts))
                c = gsm7_substitute;
        return gsm7_encode(known, coding.shifts).value();
    }
    case Alphabet::eight_bit: {
        std::vector<std::uint8_t> octets;
        octets.reserve(part.size());
        for (char32_t c : part)
            octets.push_back(static_cast<std::uint8_t>(c <= 0xFF ? c : U'?'));
        return octets;
    }
    case Alphabet::ucs2:
        break;
    }
    return ucs2_encode(part);
}

} // namespace

std::string_view alphabet_name(Alphabet alphabet)
{
    switch (alphabet) {
    case Alphabet::gsm7:
        return "gsm7";
    case Alphabet::eight_bit:
        return "8bit";
    case Alphabet::ucs2:
        break;
    }
    return "ucs2";
}

// Transliteration is used only when it lets the whole text go in GSM 7-bit.
// When something else (an emoji, a Cyrillic letter) forces UCS-2 anyway,
// the text goes as written: UCS-2 shows curly quotes as well as any other
// character, and nothing would be gained by flattening them.
TextPlan plan_text(std::string_view utf8, const TextOptions& options)
{
    TextPlan plan;
    plan.text = utf8_decode(utf8);
    plan.alphabet = Alphabet::ucs2;
    if (!options.force_ucs2)
        choose_gsm7(plan, options);
    // The text as the handset will show it: the aliases the encoder accepts
    // (c cedilla, Greek capitals shaped like Latin ones) arrive as the
    // alphabet's own characters.
    if (plan.alphabet == Alphabet::gsm7)
        plan.text = gsm7_decode(gsm7_encode(plan.text, plan.shifts).value(), plan.shifts);
    Coding coding{plan.alphabet, plan.shifts};
    plan.units = text_units(plan.text, coding);
    plan.parts = part_ends(plan.text, coding).size();
    return plan;
}

std::size_t shift_header_octets(const ShiftTables& shifts)
{
    constexpr std::size_t element_octets = 3; // IEI, IEDL, national language identifier
    return element_octets * ((shifts.locking != 0 ? 1 : 0) + (shifts.single != 0 ? 1 : 0));
}

std::size_t part_room(Alphabet alphabet, std::size_t header_octets)
{
    if (alphabet == Alphabet::gsm7)
        return max_ud_septets - (header_octets * 8 + 6) / 7;
    return (max_ud_octets - header_octets) & ~std::size_t{1}; // whole UTF-16 units
}

std::vector<std::vector<std::uint8_t>> split_text(const TextPlan& plan)
{
    std::u32string_view text = plan.text;
    Coding coding{plan.alphabet, plan.shifts};
    std::vector<std::vector<std::uint8_t>> parts;
    std::size_t begin = 0;
    for (std::size_t end : part_ends(text, coding)) {
        parts.push_back(encode_part(text.substr(begin, end - begin), coding));
        begin = end;
    }
    return parts;
}

} // namespace smsgate::sms
