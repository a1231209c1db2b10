// smsgate-milter - the SMTP-time checks of smsgate; see smsgate-milter(8).
#include "daemon.hpp"
#include "config/milter_section.hpp"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

int main(int argc, char** argv)
{
    smsgate::milter::DaemonOptions o;
    po::options_description d("usage: smsgate-milter [-c CONFIG] [-p SOCKET] [-u USER] [-f] [--log DESTINATION] [--pid-file FILE]");
    // clang-format off
    d.add_options()
        ("config,c", po::value(&o.config_path)->default_value(o.config_path), "configuration file (smsgate.conf(5))")
        ("socket,p", po::value(&o.socket), "unix:/path, inet:PORT@HOST or inet6:PORT@HOST; overrides the configuration")
        ("user,u", po::value(&o.user), "user to run as once the socket is open; overrides the configuration")
        ("foreground,f", po::bool_switch(&o.foreground), "stay in the foreground")
        ("log", po::value(&o.log), "syslog, postfix[:CONFIG_DIR], stderr or a file; overrides the configuration")
        ("pid-file", po::value(&o.pid_file), "file that holds the process id; overrides [milter] pid_file")
        ("help,h", "this text")
        ("version", "the version");
    // clang-format on
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, d), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "smsgate-milter: " << e.what() << "\n" << d;
        return 64;
    }
    if (vm.count("help")) {
        smsgate::config::MilterConfig c;
        std::string domains;
        std::cout << d << "\nsmsgate.conf(5):\n" << smsgate::config::milter_options(c)
                  << smsgate::config::sms_options(c.sms, domains);
        return 0;
    }
    if (vm.count("version")) {
        std::cout << "smsgate-milter " SMSGATE_VERSION "\n";
        return 0;
    }
    return smsgate::milter::run_daemon(o);
}
