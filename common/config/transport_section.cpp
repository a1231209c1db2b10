// transport_section.cpp - smsgate-transport's share of smsgate.conf(5).
#include "config/transport_section.hpp"

#include "config/program_share.hpp"

namespace po = boost::program_options;

namespace smsgate::config {

po::options_description transport_options(TransportConfig& c)
{
    po::options_description d("[transport]");
    // clang-format off
    d.add_options()
        ("worker.socket", defaulted(c.socket), "Unix socket of smsgated")
        ("transport.time_budget", defaulted(c.time_budget),
         "seconds to wait for the outcome, well under smsgate_time_limit")
        ("milter.quota_database", defaulted(c.quota_database), "the sender quota book, shared with smsgate-milter");
    // clang-format on
    return d;
}

// [transport], and the keys of [worker] and [milter] it shares, beside [sms].
Share share_of(TransportConfig& c)
{
    auto finish = [&c](const std::string& name, const std::vector<po::option>&) -> Status {
        if (c.time_budget < 5)
            return make_error("time_budget", name + ": [transport] time_budget must be at least 5 seconds");
        return Done{};
    };
    // It reads no numbers: default_region is checked for its form only.
    return {transport_options(c), {{"sms.", "transport."}, {}}, finish, {}};
}

} // namespace smsgate::config
