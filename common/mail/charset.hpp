// charset.hpp - the octets of a text part to UTF-8, through GMime's charset
// aliases and iconv. A wrong or unknown charset is never an error: the text
// is the best reading of the octets there is.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// Converts octets labelled with a MIME charset name (nullptr or "" when the
// mail names none) to UTF-8. The rules, in order:
// - pure ASCII is returned as it is, whatever the label;
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

} // namespace smsgate::mail
