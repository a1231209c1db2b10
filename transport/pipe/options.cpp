// options.cpp - smsgate-transport's command line.
#include "pipe/options.hpp"

#include "pipe/exit_status.hpp"
#include "config/transport_section.hpp"

#include <boost/program_options.hpp>

#include <ostream>

namespace po = boost::program_options;

namespace smsgate::transport {

namespace {

constexpr const char* synopsis =
    "usage: smsgate-transport [-c CONFIG] [--sasl-username=LOGIN] [--client-address=ADDR] QUEUE_ID SENDER RECIPIENT";

// pipe(8) leaves an empty macro empty: "--sasl-username=" for mail without
// SMTP AUTH. The option parser wants a value after '=', so such a word is
// given to it as the option and an empty word. "--name=value" stays whole:
// a value that looks like an option ("-c") is then still a value.
std::vector<std::string> split_equals(const std::vector<std::string>& args)
{
    std::vector<std::string> out;
    bool options_end = false;
    for (const auto& a : args) {
        if (!options_end && a.size() > 3 && a.rfind("--", 0) == 0 && a.back() == '=' &&
            a.find('=') == a.size() - 1) {
            out.push_back(a.substr(0, a.size() - 1));
            out.push_back("");
        } else {
            options_end = options_end || a == "--";
            out.push_back(a);
        }
    }
    return out;
}

} // namespace

Parsed parse_options(const std::vector<std::string>& args, std::ostream& out)
{
    Options o;
    auto& d = o.delivery;
    po::options_description visible(synopsis);
    // clang-format off
    visible.add_options()
        ("config,c", po::value(&o.config_path)->default_value(o.config_path), "smsgate.conf(5)")
        ("sasl-username", po::value(&d.sasl_username), "SMTP AUTH login of the sender (${sasl_username})")
        ("client-address", po::value(&d.client_address), "address of the SMTP client (${client_address})")
        ("help,h", "this text")
        ("version", "the version");
    // clang-format on
    po::options_description hidden;
    hidden.add_options()("queue-id", po::value(&d.queue_id))("sender", po::value(&d.sender))(
        "recipient", po::value(&d.recipient));
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("queue-id", 1).add("sender", 1).add("recipient", 1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(split_equals(args)).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        out << "4.3.5 smsgate-transport: " << e.what() << "; " << synopsis << "\n";
        return {std::nullopt, exit_tempfail};
    }
    if (vm.count("help")) {
        // The keys of smsgate.conf(5) the transport reads, with their defaults.
        config::TransportConfig c;
        std::string domains;
        out << visible << "\nsmsgate.conf(5):\n" << transport_options(c) << config::sms_options(c.sms, domains);
        return {std::nullopt, 0};
    }
    if (vm.count("version")) {
        out << "smsgate-transport " << SMSGATE_VERSION << "\n";
        return {std::nullopt, 0};
    }
    // The sender may be empty (a bounce), never absent.
    if (!vm.count("queue-id") || !vm.count("sender") || !vm.count("recipient") || d.queue_id.empty() ||
        d.recipient.empty()) {
        out << "4.3.5 smsgate-transport: QUEUE_ID, SENDER and RECIPIENT are needed; " << synopsis << "\n";
        return {std::nullopt, exit_tempfail};
    }
    return {std::move(o), 0};
}

} // namespace smsgate::transport
