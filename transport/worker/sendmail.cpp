// sendmail.cpp - the sendmail(1) command line, and the message with LF
// line ends as sendmail wants it.
#include "worker/sendmail.hpp"

#include "process/process.hpp"

namespace smsgate::worker {

namespace {

std::string lf_only(const std::string& message)
{
    std::string out;
    out.reserve(message.size());
    for (std::size_t i = 0; i < message.size(); ++i)
        if (!(message[i] == '\r' && i + 1 < message.size() && message[i + 1] == '\n'))
            out += message[i];
    if (!out.empty() && out.back() != '\n')
        out += '\n';
    return out;
}

} // namespace

Status run_sendmail(const SendmailCall& call)
{
    if (call.argv.empty())
        return make_error("sendmail", "no command");
    std::vector<std::string> args = call.argv;
    args.insert(args.end(), {"-i", "-f", call.envelope_sender.empty() ? "<>" : call.envelope_sender, "--",
                             call.recipient});
    return process::run_command("sendmail", args, lf_only(call.message), call.timeout_seconds);
}

} // namespace smsgate::worker
