// run.cpp - smsgate-transport: read, hand over, wait, exit. The checks of
// the mail and the sender's quota are the worker's (request=deliver): this
// program, started for every delivery, loads none of their libraries.
#include "pipe/run.hpp"

#include "client/client.hpp"
#include "pipe/exit_status.hpp"
#include "pipe/options.hpp"
#include "pipe/read_mail.hpp"
#include "config/transport_section.hpp"

#include <chrono>
#include <ostream>
#include <unistd.h>

namespace smsgate::transport {

namespace {

ExitStatus deliver(const Options& options, int mail_fd)
{
    // A delivery agent that runs as root can be made to do anything by a
    // mail; pipe(8) runs it as the user= of master.cf.
    if (geteuid() == 0)
        return exit_internal("4.3.5", "smsgate-transport refuses to run as root; set user= of the smsgate "
                                      "service in master.cf to a dedicated user");
    auto config = config::load_config<config::TransportConfig>(options.config_path);
    if (!config)
        return exit_internal("4.3.5", "configuration: " + config.error().what());
    auto mail = read_mail(mail_fd, static_cast<std::size_t>(config->sms.max_message_size));
    if (!mail)
        return exit_internal("4.3.0", mail.error().what());

    proto::DeliverRequest request{options.delivery, std::move(mail->raw), static_cast<long long>(mail->size)};
    auto reply = client::request(config->socket, proto::to_message(request), std::chrono::seconds(config->time_budget));
    if (!reply.message)
        return exit_for(reply, config->time_budget);
    auto outcome = proto::outcome_from(*reply.message);
    if (!outcome)
        return exit_internal("4.3.0", "smsgated answered: " + outcome.error().what());
    return exit_for(outcome->verdict);
}

} // namespace

int run(const std::vector<std::string>& args, int mail_fd, std::ostream& out)
{
    ExitStatus result;
    try {
        auto parsed = parse_options(args, out);
        if (!parsed.options)
            return parsed.status;
        result = deliver(*parsed.options, mail_fd);
    } catch (const std::exception& e) {
        result = exit_internal("4.3.0", std::string("smsgate-transport: ") + e.what());
    }
    out << result.line << "\n" << std::flush;
    return result.code;
}

} // namespace smsgate::transport
