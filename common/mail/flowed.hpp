// flowed.hpp - RFC 3676 format=flowed text to plain lines.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// Joins the soft line breaks of a format=flowed text (lines ending in a
// space), removes space-stuffing, and with DelSp=yes drops the space before
// each soft break. Quoted lines keep their depth as "> " (or ">> ") so that
// quote stripping recognises them; the signature separator "-- " stays a
// line of its own. Input and output have LF line ends.
std::string decode_flowed(std::string_view text, bool delsp);

} // namespace smsgate::mail
