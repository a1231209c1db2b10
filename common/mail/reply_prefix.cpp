// reply_prefix.cpp - the reply marks of subjects (see reply_prefix.hpp).
#include "mail/reply_prefix.hpp"

#include <array>
#include <cctype>

namespace smsgate::mail {

namespace {

// What mail clients write in front of an answer's subject, by language:
// English and most others (Re), German (AW), Danish, Norwegian and Swedish
// (SV), Dutch (Antw), Finnish (VS), Polish (Odp), Turkish (YNT), Latvian
// (ATB), Croatian (Odg), Hungarian (Vá), Portuguese (RES), Italian (RIF),
// Greek (ΑΠ, ΣΧΕΤ), Chinese (回复, 回覆, 答复). Compared without regard to
// ASCII case. Forwarding marks (Fwd, WG, TR) stay: there the subject is
// news to the reader.
constexpr std::array<std::string_view, 18> words = {
    "re", "aw", "sv", "antw", "antwort", "vs", "odp", "ynt", "atb", "odg", "v\xC3\xA1", "res", "rif",
    "\xCE\x91\xCE\xA0", "\xCE\xA3\xCE\xA7\xCE\x95\xCE\xA4", "\xE5\x9B\x9E\xE5\xA4\x8D", "\xE5\x9B\x9E\xE8\xA6\x86",
    "\xE7\xAD\x94\xE5\xA4\x8D",
};
constexpr std::string_view fullwidth_colon = "\xEF\xBC\x9A";

bool blank(char c) { return c == ' ' || c == '\t'; }

std::size_t skip_blanks(std::string_view s, std::size_t i)
{
    while (i < s.size() && blank(s[i]))
        ++i;
    return i;
}

bool starts_with_word(std::string_view s, std::size_t i, std::string_view word)
{
    if (s.size() - i < word.size())
        return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(s[i + k])) != static_cast<unsigned char>(word[k]))
            return false;
    return true;
}

// "[2]", "(2)", "^2" after the word: where it ends, or i when there is none.
std::size_t skip_count(std::string_view s, std::size_t i)
{
    if (i >= s.size())
        return i;
    char open = s[i];
    std::size_t j = i + 1;
    std::size_t digits = j;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
        ++j;
    if (j == digits)
        return i;
    if (open == '^')
        return j;
    if ((open == '[' && j < s.size() && s[j] == ']') || (open == '(' && j < s.size() && s[j] == ')'))
        return j + 1;
    return i;
}

// The end of one mark at i, or i when there is none.
std::size_t mark_end(std::string_view s, std::size_t i)
{
    auto after = [&](std::string_view word) -> std::size_t {
        if (!starts_with_word(s, i, word))
            return i;
        std::size_t j = skip_blanks(s, skip_count(s, i + word.size()));
        if (j < s.size() && s[j] == ':')
            return j + 1;
        if (s.substr(j, fullwidth_colon.size()) == fullwidth_colon)
            return j + fullwidth_colon.size();
        return i;
    };
    for (std::string_view word : words)
        if (std::size_t end = after(word); end != i)
            return end;
    return i;
}

} // namespace

std::string strip_reply_prefixes(std::string_view subject)
{
    std::size_t i = skip_blanks(subject, 0);
    for (;;) {
        std::size_t end = mark_end(subject, i);
        if (end == i)
            break;
        i = skip_blanks(subject, end);
    }
    return std::string(subject.substr(i));
}

std::string reply_words()
{
    std::string out;
    for (std::string_view word : words)
        out += (out.empty() ? "" : ", ") + std::string(word);
    return out;
}

} // namespace smsgate::mail
