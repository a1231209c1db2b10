// clean.hpp - what a sender would not want in an SMS: the signature, the
// quoted mail being answered, blank lines. Every step can be switched off.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

struct CleanOptions {
    bool signature = true;       // drop everything from a line "-- " (or "--") on,
                                 // and a last line "Sent from my iPhone" (and kin)
    bool quotes = true;          // drop "> " lines, the "On ... wrote:" line above
                                 // them, and an Outlook "-----Original Message-----"
    bool header_block = true;    // with quotes: drop from Outlook's "From:", "Sent:",
                                 // "Subject:" block on (extract() keeps it in a
                                 // mail that answers none)
    bool blank_lines = true;     // drop leading and trailing blank lines, collapse runs
    bool trailing_spaces = true; // strip spaces and tabs at the ends of lines

    // Everything off: the text as the mail has it (line ends still LF).
    static CleanOptions none() { return {false, false, false, false, false}; }
};

// Line ends to LF (CRLF and lone CR), C0 control characters other than tab
// and line feed removed. Always done, before anything else.
std::string normalize_text(std::string_view text);

// Applies the switched-on steps to a normalised text and removes the final
// line breaks. When signature and quote removal would leave nothing (a mail
// that is all quote), they are undone: some text beats a rejected mail.
std::string clean_body(std::string_view text, const CleanOptions& options);

// "On Mon, 19 Nov 2007, Paul <p@example.com> wrote:" and its French,
// German, Dutch, Spanish and Italian forms, once unwrapped to one line.
bool is_attribution(std::string_view line);

} // namespace smsgate::mail
