// html_text.hpp - the text of an HTML mail body, as a reader sees it.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// Turns UTF-8 HTML into plain text: tags, comments and the content of
// <script>, <style> and <title> dropped; character references decoded;
// runs of white space collapsed to one space (not inside <pre>); <br> a
// line break; block elements (<p>, <div>, <li>, <tr>, <h1>-<h6>, ...)
// begin and end lines; table cells separated by a space; no-break spaces
// as spaces and invisible characters (zero-width, soft hyphen) removed;
// the lines inside <blockquote> prefixed with '>' like a quoted plain-text
// reply, so that quote stripping treats both alike. Malformed markup (an
// unclosed tag or comment) drops the rest; it never fails.
std::string html_to_text(std::string_view html);

} // namespace smsgate::mail
