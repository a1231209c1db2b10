// snapshot.cpp - reading the policy the milter decides by.
#include "snapshot.hpp"

#include "config/senders_file.hpp"
#include "config/milter_section.hpp"

namespace smsgate::milter {

Result<std::shared_ptr<Snapshot>> load_snapshot(const std::string& config_path)
{
    auto config = config::load_config<config::MilterConfig>(config_path);
    if (!config)
        return config.error();
    auto senders = config::load_senders(config->sms.senders);
    if (!senders)
        return make_error("senders", senders.error().message);
    auto s = std::make_shared<Snapshot>();
    s->sms = config->sms;
    s->senders = std::move(senders).value();
    s->quota_database = config->quota_database;
    return s;
}

} // namespace smsgate::milter
