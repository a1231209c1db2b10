// sendmail.hpp - hands one mail to sendmail(1): "ARGV... -i -f SENDER --
// RECIPIENT", the message on its standard input, no shell anywhere. Only
// exit status 0 means the mail was taken.
#pragma once

#include "util/result.hpp"

#include <string>
#include <vector>

namespace smsgate::worker {

struct SendmailCall {
    std::vector<std::string> argv; // the command and its own arguments
    std::string envelope_sender;   // "" for the null sender
    std::string recipient;
    std::string message;           // CRLF or LF; given to sendmail with LF
    int timeout_seconds = 120;     // then sendmail is killed and the call failed
};

// Errors as process::run_command's (process/process.hpp), in field "sendmail".
Status run_sendmail(const SendmailCall& call);

} // namespace smsgate::worker
