// segment.cpp - which alphabet a text goes in (TS 23.038 4: GSM 7-bit
// default alphabet or UCS-2) and how it is cut into the parts of a
// concatenated SMS (TS 23.040 9.2.3.24.1). The parts are counted by walking
// the text, character by character, with the same function that cuts it, so
// that an escape pair (2 septets) or a surrogate pair (4 octets) that would
// straddle a boundary moves whole to the next part and the count says so.
#include "sms/segment.hpp"

#include "sms/gsm7.hpp"
#include "sms/transliterate.hpp"
#include "sms/ucs2.hpp"
#include "sms/utf8.hpp"

namespace smsgate::sms {

namespace {

// Stands in, in a hand-made GSM 7-bit plan, for a character that is not in
// the alphabet: plan_text never makes such a plan.
constexpr char32_t gsm7_substitute = U'?';

// TP-UD capacity in the units of the alphabet: septets for GSM 7-bit,
// octets otherwise; the second figure leaves room for the concatenation
// header (UDHL, IEI 00, IEDL, reference, total, sequence: 6 octets).
struct Capacity {
    std::size_t single;
    std::size_t concatenated;
};

Capacity capacity(Alphabet alphabet)
{
    if (alphabet == Alphabet::gsm7)
        return {single_gsm7_septets, concat_gsm7_septets};
    return {single_ucs2_octets, concat_ucs2_octets};
}

// Septets or octets that one character takes.
std::size_t char_units(char32_t c, Alphabet alphabet)
{
    switch (alphabet) {
    case Alphabet::gsm7:
        return gsm7_cost(c).value_or(1); // a substitute costs one septet
    case Alphabet::eight_bit:
        return 1;
    case Alphabet::ucs2:
        break;
    }
    return 2 * utf16_units(c);
}

std::size_t text_units(std::u32string_view text, Alphabet alphabet)
{
    std::size_t units = 0;
    for (char32_t c : text)
        units += char_units(c, alphabet);
    return units;
}

// The index in text where each part ends. A text that fits one SMS is one
// part; otherwise the parts are filled greedily, and a character that does
// not fit whole in what is left of a part starts the next one.
std::vector<std::size_t> part_ends(std::u32string_view text, Alphabet alphabet)
{
    Capacity cap = capacity(alphabet);
    if (text_units(text, alphabet) <= cap.single)
        return {text.size()};
    std::vector<std::size_t> ends;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t units = char_units(text[i], alphabet);
        if (used + units > cap.concatenated) {
            ends.push_back(i);
            used = 0;
        }
        used += units;
    }
    ends.push_back(text.size());
    return ends;
}

std::vector<std::uint8_t> encode_part(std::u32string_view part, Alphabet alphabet)
{
    switch (alphabet) {
    case Alphabet::gsm7: {
        std::u32string known(part);
        for (char32_t& c : known)
            if (!gsm7_cost(c))
                c = gsm7_substitute;
        return gsm7_encode(known).value();
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
    if (!options.force_ucs2) {
        if (gsm7_length(plan.text)) {
            plan.alphabet = Alphabet::gsm7;
        } else if (options.transliterate) {
            std::u32string plain = transliterate_to_gsm(plan.text);
            if (gsm7_length(plain)) {
                plan.text = std::move(plain);
                plan.alphabet = Alphabet::gsm7;
            }
        }
    }
    // The text as the handset will show it: the aliases the encoder accepts
    // (c cedilla, Greek capitals shaped like Latin ones) arrive as the
    // alphabet's own characters.
    if (plan.alphabet == Alphabet::gsm7)
        plan.text = gsm7_decode(gsm7_encode(plan.text).value());
    plan.units = text_units(plan.text, plan.alphabet);
    plan.parts = part_ends(plan.text, plan.alphabet).size();
    return plan;
}

std::vector<std::vector<std::uint8_t>> split_text(const TextPlan& plan)
{
    std::u32string_view text = plan.text;
    std::vector<std::vector<std::uint8_t>> parts;
    std::size_t begin = 0;
    for (std::size_t end : part_ends(text, plan.alphabet)) {
        parts.push_back(encode_part(text.substr(begin, end - begin), plan.alphabet));
        begin = end;
    }
    return parts;
}

} // namespace smsgate::sms
