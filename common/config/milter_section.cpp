// milter_section.cpp - smsgate-milter's share of smsgate.conf(5).
#include "config/milter_section.hpp"

#include "config/ini.hpp"
#include "config/program_share.hpp"
#include "phone/number.hpp"

namespace po = boost::program_options;

namespace smsgate::config {

po::options_description milter_options(MilterConfig& c)
{
    po::options_description d("[milter]");
    // clang-format off
    d.add_options()
        ("milter.socket", defaulted(c.socket),
         "socket Postfix connects to: unix:/path, inet:PORT@HOST, inet6:PORT@HOST")
        ("milter.socket_mode", defaulted(c.socket_mode), "mode of a unix: socket")
        ("milter.socket_group", defaulted(c.socket_group), "group of a unix: socket (Postfix's smtpd and cleanup)")
        ("milter.user", po::value(&c.user), "user to run as once the socket is open")
        ("milter.pid_file", po::value(&c.pid_file), "file that holds the process id while the milter runs")
        ("milter.quota_database", defaulted(c.quota_database), "SQLite file with the senders' SMS counts")
        ("milter.log", defaulted(c.log), "syslog, postfix[:CONFIG_DIR], stderr, or a file")
        ("milter.timeout", defaulted(c.timeout), "seconds to wait for Postfix on a connection");
    // clang-format on
    return d;
}

// [milter] beside [sms].
Share share_of(MilterConfig& c)
{
    auto finish = [&c](const std::string& name, const std::vector<po::option>&) -> Status {
        if (c.socket.rfind("unix:", 0) != 0 && c.socket.rfind("local:", 0) != 0 && c.socket.rfind("inet:", 0) != 0 &&
            c.socket.rfind("inet6:", 0) != 0)
            return make_error("socket", name + ": [milter] socket '" + c.socket +
                                            "' is not unix:/path, inet:PORT@HOST or inet6:PORT@HOST");
        if (!is_octal_mode(c.socket_mode))
            return make_error("socket_mode",
                              name + ": [milter] socket_mode '" + c.socket_mode + "' is not an octal mode");
        if (c.timeout < 10)
            return make_error("timeout", name + ": [milter] timeout must be at least 10 seconds");
        return Done{};
    };
    return {milter_options(c), {{"milter.", "sms."}, {}}, finish, phone::is_region_code};
}

} // namespace smsgate::config
