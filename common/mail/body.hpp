// body.hpp - which part of a MIME tree holds the text a person meant, and
// that text in UTF-8. Internal to common/mail.
#pragma once

#include "mail/gmime.hpp"
#include "mail/text_check.hpp"

#include <optional>
#include <string>

namespace smsgate::mail {

enum class BodyKind { plain, html };

struct BodyText {
    BodyKind kind = BodyKind::plain;
    std::string text; // UTF-8, LF line ends, flowed text joined, HTML rendered
    // The part that holds the body is not text (invalid base64, declared
    // UTF-8 and not, NUL or control characters), or lies deeper than
    // max_mime_depth multiparts: the mail is refused; text is then empty.
    std::optional<TextProblem> problem;
};

// The body of a message, chosen as a reader would:
// - a leaf part: text/plain or text/html that is not an attachment
//   (Content-Disposition: attachment, or a file name); other types give
//   nothing (text/calendar, images, message/rfc822 forwards, ...);
// - multipart/alternative: the first text/plain alternative with text,
//   else the first text/html one;
// - any other multipart (mixed, related, signed, report, unknown): the
//   first part that gives text, in order;
// - a multipart without parts (its boundary parameter missing or wrong:
//   GMime then keeps the whole body as its prologue): parsed again with the
//   boundary guessed from the first "--X" line before a "Content-" header,
//   else the prologue read as plain text.
// A part whose text is blank counts as no text. Nothing when there is none.
// The first part found that is not text (see text_check.hpp), and a
// multipart nested too deep, end the search with their problem.
std::optional<BodyText> find_body(GMimeObject* root, GMimeParserOptions* options);

} // namespace smsgate::mail
