// compose.hpp - the SMS text from the subject and body of a mail.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// Subject, a line break, body.
inline constexpr std::string_view default_text_template = "{subject}\n{body}";

// Fills {subject} and {body} in a template. An empty field takes the
// separator between it and the next field with it, so that "{subject}\n{body}"
// gives "test", not "\ntest", for a mail without a subject; text before the
// first field and after the last stays. Unknown "{...}" are left as they
// are. When every field is empty the result is empty. A non-empty prefix
// (the sender's, from the policy) goes in front, joined with a space: "PS"
// and "test" give "PS test".
std::string compose_text(std::string_view text_template, std::string_view subject, std::string_view body,
                         std::string_view prefix = {});

} // namespace smsgate::mail
