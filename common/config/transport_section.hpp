// transport_section.hpp - what smsgate-transport reads of smsgate.conf(5):
// the worker's socket from [worker], the [sms] section it shares with the
// milter, and its own [transport] section. smsgatectl reads it too.
#pragma once

#include "config/program_share.hpp"
#include "config/sms_config.hpp"
#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <string>

namespace smsgate::config {

struct TransportConfig {
    std::string socket = "/run/smsgate/smsgated.sock";
    // Seconds to wait for the worker's outcome. pipe(8) kills a command that
    // outlives smsgate_time_limit and the mail then bounces, so this stays
    // well under it; when it runs out the delivery is deferred (4.4.7) and
    // the worker goes on with the job, which the retry finds.
    int time_budget = 150;
    // The quota book smsgate-milter counts in ([milter] quota_database):
    // mail that never met the milter is counted in the same book.
    std::string quota_database = "/var/lib/smsgate/quota.db";
    SmsConfig sms;
};

boost::program_options::options_description transport_options(TransportConfig& config);

// What the program reads of the file, as load_config<TransportConfig>(path)
// (program_share.hpp) reads it.
Share share_of(TransportConfig& config);

} // namespace smsgate::config
