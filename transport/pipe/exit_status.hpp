// exit_status.hpp - the pipe(8) contract in one place: every way a delivery
// can end becomes one line of output that begins with an RFC 3463 code
// (pipe(8) takes the DSN from it) and a sysexits.h status. See
// smsgate-transport(8), EXIT STATUS.
#pragma once

#include "client/client.hpp"
#include "proto/requests.hpp"
#include "verdict/verdict.hpp"

#include <string>

namespace smsgate::transport {

// sysexits.h, as pipe(8) reads them.
inline constexpr int exit_sent = 0;
inline constexpr int exit_data_error = 65;  // EX_DATAERR: the mail has no text to send
inline constexpr int exit_unavailable = 69; // EX_UNAVAILABLE: a permanent failure, the mail bounces
inline constexpr int exit_tempfail = 75;    // EX_TEMPFAIL: Postfix keeps the mail and retries

struct ExitStatus {
    int code = exit_tempfail;
    std::string line; // "2.0.0 sent to +32477324847 via gsm0 (1 part, mr 18)"
};

// The worker's answer (an outcome's verdict), or a refusal the transport
// made itself.
ExitStatus exit_for(const Verdict& verdict);

// No answer from the worker: it is not running, it took longer than the
// time budget, or the connection broke.
ExitStatus exit_for(const client::Reply& failed, int time_budget);

// Anything that went wrong in the transport itself (bad configuration,
// an exception): the mail stays queued.
ExitStatus exit_internal(StatusCode code, const std::string& text);

} // namespace smsgate::transport
