// html_entities.cpp - the reference tables and their reader.
#include "mail/html_entities.hpp"

#include <algorithm>
#include <cctype>

namespace smsgate::mail {

namespace {

constexpr char32_t replacement = U'\uFFFD';

// U+00A0 to U+00FF, in order (HTML 4 "ISO 8859-1 characters").
constexpr std::string_view latin1_names[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",
    "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",
    "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12",
    "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde",
    "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",
    "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",
    "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

struct Named {
    std::string_view name;
    char32_t code;
};

// The markup characters and the typographic ones word processors produce.
constexpr Named other_names[] = {
    {"amp", U'&'},         {"lt", U'<'},          {"gt", U'>'},          {"quot", U'"'},
    {"apos", U'\''},       {"euro", U'\u20AC'},   {"hellip", U'\u2026'}, {"mdash", U'\u2014'},
    {"ndash", U'\u2013'},  {"lsquo", U'\u2018'},  {"rsquo", U'\u2019'},  {"sbquo", U'\u201A'},
    {"ldquo", U'\u201C'},  {"rdquo", U'\u201D'},  {"bdquo", U'\u201E'},  {"bull", U'\u2022'},
    {"trade", U'\u2122'},  {"dagger", U'\u2020'}, {"Dagger", U'\u2021'}, {"permil", U'\u2030'},
    {"lsaquo", U'\u2039'}, {"rsaquo", U'\u203A'}, {"OElig", U'\u0152'},  {"oelig", U'\u0153'},
    {"Scaron", U'\u0160'}, {"scaron", U'\u0161'}, {"Yuml", U'\u0178'},   {"fnof", U'\u0192'},
    {"circ", U'\u02C6'},   {"tilde", U'\u02DC'},  {"ensp", U'\u2002'},   {"emsp", U'\u2003'},
    {"thinsp", U'\u2009'}, {"zwnj", U'\u200C'},   {"zwj", U'\u200D'},    {"lrm", U'\u200E'},
    {"rlm", U'\u200F'},    {"minus", U'\u2212'},  {"larr", U'\u2190'},   {"rarr", U'\u2192'},
    {"uarr", U'\u2191'},   {"darr", U'\u2193'},   {"hearts", U'\u2665'}, {"prime", U'\u2032'},
    {"Prime", U'\u2033'},  {"infin", U'\u221E'},  {"ne", U'\u2260'},     {"le", U'\u2264'},
    {"ge", U'\u2265'},     {"asymp", U'\u2248'},
};

// HTML5 "numeric character reference end state": 80-9F as windows-1252;
// the five unassigned positions stay unreadable.
constexpr char32_t windows_1252_c1[32] = {
    U'\u20AC', replacement, U'\u201A', U'\u0192', U'\u201E', U'\u2026', U'\u2020', U'\u2021',
    U'\u02C6', U'\u2030',   U'\u0160', U'\u2039', U'\u0152', replacement, U'\u017D', replacement,
    replacement, U'\u2018', U'\u2019', U'\u201C', U'\u201D', U'\u2022', U'\u2013', U'\u2014',
    U'\u02DC', U'\u2122',   U'\u0161', U'\u203A', U'\u0153', replacement, U'\u017E', U'\u0178',
};

std::optional<char32_t> named(std::string_view name)
{
    for (std::size_t i = 0; i < std::size(latin1_names); ++i)
        if (latin1_names[i] == name)
            return static_cast<char32_t>(0xA0 + i);
    auto it = std::find_if(std::begin(other_names), std::end(other_names),
                           [&](const Named& n) { return n.name == name; });
    if (it == std::end(other_names))
        return std::nullopt;
    return it->code;
}

char32_t numeric_value(unsigned long value)
{
    if (value >= 0x80 && value <= 0x9F)
        return windows_1252_c1[value - 0x80];
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return replacement;
    return static_cast<char32_t>(value);
}

std::optional<CharRef> read_numeric(std::string_view text)
{
    // text begins with "&#"
    bool hex = text.size() > 2 && (text[2] == 'x' || text[2] == 'X');
    std::size_t i = hex ? 3 : 2;
    std::size_t digits_begin = i;
    unsigned long value = 0;
    while (i < text.size() && (hex ? std::isxdigit(static_cast<unsigned char>(text[i]))
                                   : std::isdigit(static_cast<unsigned char>(text[i])))) {
        unsigned long digit = std::isdigit(static_cast<unsigned char>(text[i]))
                                  ? static_cast<unsigned long>(text[i] - '0')
                                  : static_cast<unsigned long>(std::tolower(static_cast<unsigned char>(text[i])) - 'a' + 10);
        value = std::min(value * (hex ? 16 : 10) + digit, 0x110000UL); // saturate: no overflow
        ++i;
    }
    if (i == digits_begin)
        return std::nullopt;
    if (i < text.size() && text[i] == ';')
        ++i;
    return CharRef{numeric_value(value), i};
}

} // namespace

std::optional<CharRef> read_char_ref(std::string_view text)
{
    if (text.size() < 3 || text[0] != '&')
        return std::nullopt;
    if (text[1] == '#')
        return read_numeric(text);
    constexpr std::size_t longest_name = 8;
    std::size_t i = 1;
    while (i < text.size() && i <= longest_name + 1 && std::isalnum(static_cast<unsigned char>(text[i])))
        ++i;
    if (i >= text.size() || text[i] != ';')
        return std::nullopt;
    auto code = named(text.substr(1, i - 1));
    if (!code)
        return std::nullopt;
    return CharRef{*code, i + 1};
}

} // namespace smsgate::mail
