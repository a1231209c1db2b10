// charset.cpp - octets in a declared (or guessed) charset to UTF-8.
#include "mail/charset.hpp"

#include "mail/gmime.hpp"
#include "mail/hz.hpp"
#include "sms/utf8.hpp"

#include <algorithm>
#include <cerrno>
#include <initializer_list>

namespace smsgate::mail {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
// What Windows clients mean by 8-bit text without a (valid) label.
constexpr const char* windows_guess = "windows-1252";

bool is_ascii(std::string_view octets)
{
    return std::all_of(octets.begin(), octets.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool has_c1_controls(std::string_view octets)
{
    return std::any_of(octets.begin(), octets.end(), [](char c) {
        auto o = static_cast<unsigned char>(c);
        return o >= 0x80 && o <= 0x9F;
    });
}

bool name_is(const char* name, std::initializer_list<const char*> names)
{
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return g_ascii_strcasecmp(name, n) == 0; });
}

// iconv through GMime (which maps MIME names to the system's iconv names).
// An octet that cannot be converted becomes U+FFFD; a sequence cut at the
// end becomes one U+FFFD. False when the charset is unknown.
bool convert(std::string_view octets, const char* charset, std::string& out)
{
    iconv_t cd = g_mime_iconv_open("UTF-8", charset);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    iconv(cd, nullptr, nullptr, nullptr, nullptr); // descriptors are cached: reset the state
    out.clear();
    std::string buffer(4096, '\0');
    auto* in = const_cast<char*>(octets.data());
    std::size_t in_left = octets.size();
    while (in_left > 0) {
        char* o = buffer.data();
        std::size_t o_left = buffer.size();
        std::size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
        int error = errno;
        out.append(buffer.data(), buffer.size() - o_left);
        if (rc != static_cast<std::size_t>(-1))
            continue;
        if (error == EILSEQ) {
            out += replacement;
            ++in;
            --in_left;
        } else if (error == EINVAL) { // incomplete sequence at the end
            out += replacement;
            in_left = 0;
        } else if (error != E2BIG) {
            break;
        }
    }
    char* o = buffer.data();
    std::size_t o_left = buffer.size();
    iconv(cd, nullptr, nullptr, &o, &o_left); // the shift sequence back to the initial state
    out.append(buffer.data(), buffer.size() - o_left);
    g_mime_iconv_close(cd);
    return true;
}

// ISO-2022-JP switches to JIS X 0208 with "ESC $ B" (or "ESC $ @"): old
// Japanese mailers send it unlabelled.
bool looks_iso_2022_jp(std::string_view octets)
{
    return octets.find("\x1B$B") != std::string_view::npos || octets.find("\x1B$@") != std::string_view::npos;
}

std::string guess(std::string_view octets)
{
    std::string out;
    if (is_ascii(octets) && looks_iso_2022_jp(octets) && convert(octets, "ISO-2022-JP", out))
        return out;
    if (is_valid_utf8(octets))
        return std::string(octets);
    convert(octets, windows_guess, out);
    return out;
}

// GMime remembers every charset name it is asked about, for the life of
// the process; a name no charset has is not worth remembering.
bool plausible_name(const char* charset)
{
    std::string_view name(charset);
    return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
        return g_ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '+';
    });
}

// Labels that say nothing (of 8-bit octets); GMime would read "x-unknown"
// in the locale's charset, which on a server says nothing about the sender
// either.
bool says_nothing(const char* canonical)
{
    return name_is(canonical, {"us-ascii", "ascii", "ANSI_X3.4-1968", "us", "x-unknown", "unknown", "unknown-8bit",
                               "x-user-defined", "default"});
}

// Labels under which pure ASCII octets mean the same ASCII characters, so
// that they need no conversion. Any other charset is converted, however
// ASCII its octets look: UTF-7, ISO-2022-*, HZ and UTF-16 are written in
// octets below 0x80.
bool ascii_superset(const char* charset)
{
    if (charset == nullptr || !plausible_name(charset))
        return true;
    ensure_gmime();
    const char* canonical = g_mime_charset_canon_name(charset);
    return says_nothing(canonical) || name_is(canonical, {"UTF-8"}) ||
           g_ascii_strncasecmp(canonical, "iso-8859-", 9) == 0 ||
           g_ascii_strncasecmp(canonical, "windows-125", 11) == 0 ||
           g_ascii_strncasecmp(canonical, "cp125", 5) == 0;
}

bool is_hz(const char* charset) { return name_is(charset, {"hz-gb-2312", "hz", "x-hz-gb-2312"}); }

std::string convert_labelled(std::string_view octets, const char* charset)
{
    if (charset == nullptr || !plausible_name(charset))
        return guess(octets);
    ensure_gmime();
    const char* canonical = g_mime_charset_canon_name(charset);
    if (says_nothing(canonical))
        return guess(octets);
    if (name_is(canonical, {"UTF-8"}))
        return sms::utf8_encode(sms::utf8_decode(octets));
    if (is_hz(charset) || is_hz(canonical)) {
        std::string out;
        if (convert(hz_to_euc_cn(octets), "GB18030", out))
            return out;
    }
    if (g_ascii_strncasecmp(canonical, "iso-8859-", 9) == 0 && has_c1_controls(octets)) {
        std::string out;
        if (convert(octets, g_mime_charset_iso_to_windows(canonical), out))
            return out;
    }
    std::string out;
    if (convert(octets, charset, out))
        return out;
    return guess(octets);
}

} // namespace

bool declares_utf8(const char* charset)
{
    if (charset == nullptr || !plausible_name(charset))
        return false;
    ensure_gmime();
    return name_is(g_mime_charset_canon_name(charset), {"UTF-8"});
}

std::string decode_hz_runs(std::string_view text)
{
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t start = text.find("~{", at);
        if (start == std::string_view::npos)
            break;
        std::size_t end = text.find("~}", start + 2);
        end = end == std::string_view::npos ? text.size() : end + 2;
        out.append(text.substr(at, start - at));
        std::string run;
        if (convert(hz_to_euc_cn(text.substr(start, end - start)), "GB18030", run))
            out += run;
        else
            out.append(text.substr(start, end - start));
        at = end;
    }
    out.append(text.substr(std::min(at, text.size())));
    return out;
}

bool is_valid_utf8(std::string_view text)
{
    // Decoding replaces every ill-formed sequence, so only valid text comes
    // back unchanged (unlike g_utf8_validate, NUL octets are allowed).
    return is_ascii(text) || sms::utf8_encode(sms::utf8_decode(text)) == text;
}

std::string to_utf8(std::string_view octets, const char* charset)
{
    // ESC in ASCII octets: a 7-bit charset such as ISO-2022-JP, whatever the label says.
    bool plain_ascii = is_ascii(octets) && octets.find('\x1B') == std::string_view::npos;
    std::string text = plain_ascii && ascii_superset(charset) ? std::string(octets) : convert_labelled(octets, charset);
    if (text.compare(0, byte_order_mark.size(), byte_order_mark) == 0)
        text.erase(0, byte_order_mark.size());
    return text;
}

} // namespace smsgate::mail
