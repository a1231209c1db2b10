// charset.hpp - the octets of a text part to UTF-8, through GMime's charset
// aliases and iconv. A wrong or unknown charset is never an error: the text
// is the best reading of the octets there is.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// Converts octets labelled with a MIME charset name (nullptr or "" when the
// mail names none) to UTF-8. The rules, in order:
// - pure ASCII is returned as it is under a label of an ASCII superset
//   (us-ascii, utf-8, iso-8859-N, windows-125N) or one that says nothing;
//   under any other label it is converted like any text: UTF-7,
//   ISO-2022-JP/KR/CN, HZ (RFC 1843, decoded here: iconv has it not) and
//   UTF-16 look like ASCII;
// - ASCII with ISO-2022-JP's escape sequences and no label that names a
//   charset is read as ISO-2022-JP, as old Japanese mailers mean it;
// - no label, a label that says nothing ("us-ascii" on 8-bit octets,
//   "x-unknown", "unknown-8bit"), or a name iconv does not know: valid
//   UTF-8 is taken as UTF-8, anything else is read as windows-1252;
// - "utf-8": ill-formed sequences become U+FFFD;
// - iso-8859-N with octets 80-9F (C1 controls, never meant in a mail) is
//   read as the matching windows-125N, as Windows clients mean it;
// - other charsets go through iconv; an octet it cannot convert becomes
//   U+FFFD and conversion goes on.
// A byte order mark at the start is dropped.
std::string to_utf8(std::string_view octets, const char* charset);

bool is_valid_utf8(std::string_view text);

// Text in which runs of HZ ("~{...~}") were left as they are: an RFC 2047
// encoded word in HZ-GB-2312, which GMime cannot convert. Each run is
// decoded; the text around it is kept.
std::string decode_hz_runs(std::string_view text);

// Whether a MIME charset name is UTF-8 or one of its aliases ("utf8").
bool declares_utf8(const char* charset);

} // namespace smsgate::mail
