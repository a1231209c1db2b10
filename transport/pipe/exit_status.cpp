// exit_status.cpp - outcomes to output lines and exit statuses.
#include "pipe/exit_status.hpp"

namespace smsgate::transport {

namespace {

// pipe(8) puts the output in the mail log and in bounces: one line, no
// control characters.
std::string one_line(std::string text)
{
    for (auto& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return text;
}

ExitStatus status(int exit_code, StatusCode code, const std::string& text)
{
    return {exit_code, one_line(code.str() + " " + text)};
}

// RFC 3463 subjects that decide the exit status of a permanent verdict.
constexpr int protocol_subject = 5; // X.5.X: the worker refused the request itself
constexpr int media_subject = 6;    // X.6.X: the content cannot become an SMS

} // namespace

ExitStatus exit_for(const Verdict& v)
{
    switch (v.verdict_class()) {
    case VerdictClass::ok:
        return status(exit_sent, v.code, v.text);
    case VerdictClass::temporary:
        return status(exit_tempfail, v.code, v.text);
    case VerdictClass::permanent:
        // The worker refused the request itself (5.5.x): transport and
        // worker disagree about the protocol, as during an upgrade. That is
        // the gateway's fault, not the mail's: keep the mail.
        if (v.code.subject == protocol_subject)
            return status(exit_tempfail, "4.3.5",
                          "smsgated refused the request (" + v.code.str() + " " + v.text + ")");
        // 5.6.x: the content cannot become an SMS (no text at all).
        if (v.code.subject == media_subject)
            return status(exit_data_error, v.code, v.text);
        return status(exit_unavailable, v.code, v.text);
    }
    return exit_internal("4.3.0", "unknown outcome");
}

ExitStatus exit_for(const client::Reply& failed, int time_budget)
{
    switch (failed.failure) {
    case client::Failure::unreachable:
        return status(exit_tempfail, "4.3.2", "smsgated is not running: " + failed.error);
    case client::Failure::forbidden:
        return status(exit_tempfail, "4.3.5",
                      "may not use the socket of smsgated (" + failed.error +
                          "): the user of the smsgate service must be in [worker] socket_group");
    case client::Failure::timeout:
        if (!failed.request_sent)
            return status(exit_tempfail, "4.3.2", "smsgated did not take the SMS within " +
                                                      std::to_string(time_budget) + " s: " + failed.error);
        return status(exit_tempfail, "4.4.7",
                      "no outcome from smsgated within " + std::to_string(time_budget) +
                          " s; the worker keeps the SMS and the retry will learn what became of it");
    case client::Failure::broken:
        break;
    }
    return status(exit_tempfail, "4.3.0", "lost the connection to smsgated: " + failed.error);
}

ExitStatus exit_internal(StatusCode code, const std::string& text)
{
    return status(exit_tempfail, code, text);
}

} // namespace smsgate::transport
