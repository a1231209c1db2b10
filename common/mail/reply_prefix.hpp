// reply_prefix.hpp - the marks a mail client puts in front of the subject
// of an answer ("Re:", "AW:", "SV:", "Antw:", "Re[2]:"): in an SMS they
// only repeat words the handset already has.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// The subject without the reply marks at its start, however many there are
// ("Re: AW: Re[3]: test" -> "test"). A mark is one of the known words in
// any case (reply_words() lists them), an optional count ("[2]", "(2)",
// "^2"), optional blanks, and a colon (or a full-width one); a word that
// merely begins the same ("Reminder:", "Antwerp:") is no mark. A subject
// that is nothing but marks becomes empty.
std::string strip_reply_prefixes(std::string_view subject);

// The words, comma-separated, for the documentation and the tests.
std::string reply_words();

} // namespace smsgate::mail
