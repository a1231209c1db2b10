// run.cpp - smsgate-transport: read, prepare, hand over, wait, exit.
#include "pipe/run.hpp"

#include "checks/checks.hpp"
#include "client/client.hpp"
#include "pipe/delivery.hpp"
#include "pipe/exit_status.hpp"
#include "pipe/options.hpp"
#include "pipe/read_mail.hpp"
#include "config/transport_section.hpp"
#include "config/senders_file.hpp"
#include "quota/quota_book.hpp"

#include <chrono>
#include <ctime>
#include <optional>
#include <ostream>
#include <unistd.h>

namespace smsgate::transport {

namespace {

// The sender's quota, for mail that did not pass the milter: counted in
// the milter's book unless the milter counted it already (quota_book.hpp,
// COUNTED ONCE). Nothing when the SMS may go.
std::optional<ExitStatus> claim_quota(const config::TransportConfig& config, const Prepared& prepared)
{
    if (!prepared.quota.limited())
        return std::nullopt;
    auto book = quota::QuotaBook::open(config.quota_database);
    if (!book)
        return exit_internal("4.3.0", "the SMS quota cannot be checked now: " + book.error().what());
    const auto& r = prepared.request;
    auto verdict = (*book)->claim(prepared.quota_key, prepared.quota, r.queue_id, r.number,
                                  static_cast<std::int64_t>(std::time(nullptr)));
    if (!verdict)
        return exit_internal("4.3.0", "the SMS quota cannot be checked now: " + verdict.error().what());
    if (*verdict)
        return exit_for(checks::over_quota(**verdict));
    return std::nullopt;
}

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
    auto senders = config::load_senders(config->sms.senders);
    if (!senders)
        return exit_internal("4.3.5", "senders table " + senders.error().message);

    auto prepared = prepare(options.delivery, mail->raw, config->sms, **senders, mail->size);
    if (prepared.refusal)
        return exit_for(*prepared.refusal);
    if (auto refused = claim_quota(*config, prepared))
        return *refused;

    auto reply = client::request(config->socket, proto::to_message(prepared.request),
                                 std::chrono::seconds(config->time_budget));
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
