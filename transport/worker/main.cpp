// smsgated - the smsgate modem worker; see smsgated(8).
#include "config/worker_section.hpp"
#include "worker/daemon.hpp"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

int main(int argc, char** argv)
{
    smsgate::worker::DaemonOptions options;
    po::options_description d("usage: smsgated [-c CONFIG] [--log DESTINATION] [--pid-file FILE]");
    d.add_options()("config,c", po::value(&options.config_path)->default_value(options.config_path),
                    "configuration file (smsgate.conf(5))")(
        "log", po::value(&options.log), "syslog, postfix[:CONFIG_DIR], stderr or a file; overrides the configuration")(
        "pid-file", po::value(&options.pid_file), "file that holds the process id; overrides [worker] pid_file")(
        "help,h", "this text")("version", "the version");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, d), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "smsgated: " << e.what() << "\n" << d;
        return 2;
    }
    if (vm.count("help")) {
        std::cout << d;
        smsgate::config::WorkerConfig c;
        std::cout << smsgate::config::worker_options(c);
        smsgate::config::ModemConfig m;
        std::cout << smsgate::config::modem_options(m);
        std::cout << smsgate::config::mail_options(c.mail);
        return 0;
    }
    if (vm.count("version")) {
        std::cout << "smsgated " SMSGATE_VERSION "\n";
        return 0;
    }
    return smsgate::worker::run_daemon(options);
}
