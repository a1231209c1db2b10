// milter_section.hpp - what smsgate-milter reads of smsgate.conf(5): its own
// [milter] section and the [sms] section it shares with the transport.
// smsgatectl reads it too.
#pragma once

#include "config/program_share.hpp"
#include "config/sms_config.hpp"
#include "util/result.hpp"

#include <boost/program_options.hpp>

#include <string>

namespace smsgate::config {

struct MilterConfig {
    // libmilter's notation: unix:/path, inet:PORT@HOST, inet6:PORT@HOST.
    // The default lies inside the directory Debian's Postfix chroots smtpd
    // and cleanup in, where main.cf names it unix:smsgate/milter.sock.
    std::string socket = "unix:/var/spool/postfix/smsgate/milter.sock";
    std::string socket_mode = "0660";     // of a unix: socket
    std::string socket_group = "postfix"; // of a unix: socket; empty: the milter's own
    std::string user;                 // run as this user after the socket is open; empty: stay
    std::string quota_database = "/var/lib/smsgate/quota.db";
    std::string log = "syslog";
    std::string pid_file;             // written at start, removed at a clean exit; empty: none
    int timeout = 300;                // seconds libmilter waits for Postfix
    SmsConfig sms;
};

boost::program_options::options_description milter_options(MilterConfig& config);

// What the program reads of the file, as load_config<MilterConfig>(path)
// (program_share.hpp) reads it.
Share share_of(MilterConfig& config);

} // namespace smsgate::config
