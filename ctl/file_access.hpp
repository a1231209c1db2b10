// file_access.hpp - which files each program of the gateway opens, as
// which user, and for what (a plan made from smsgate.conf, pure); and the
// one line that tells how to mend a file a user cannot use (pure too).
// access_probe.hpp tries the plan as those users.
#pragma once

#include "config/milter_section.hpp"
#include "config/transport_section.hpp"
#include "config/worker_section.hpp"

#include <string>
#include <sys/types.h>
#include <vector>

namespace smsgate::ctl {

enum class Access {
    read,            // a file the program reads
    read_write,      // a file it reads and writes, or a device
    write_or_create, // a file it appends to, or creates in its directory
    create_in,       // a directory it makes files in (a database's journal)
    connect,         // a socket it connects to: write on the socket
    search,          // a directory on the way to a file
};

// What the access is called in a report: "read", "create files in".
std::string access_words(Access access);

struct Need {
    std::string path;
    Access access;
    std::string why;           // "[sms] senders"
    bool may_be_missing = false; // not there yet is no error (an unplugged device, a worker not started)
};

// One program's needs and the user it runs as (empty: whoever starts it).
struct Reader {
    std::string program; // "smsgate-transport"
    std::string user;
    std::string user_key; // where the user is configured: "[worker] user"
    std::vector<Need> needs;
    // Started by Postfix (pipe(8) with user=, smtpd as mail_owner): it
    // keeps only its primary group, as Postfix's set_ugid leaves it. The
    // daemons started by systemd or as root have all the user's groups.
    bool primary_group_only = false;
};

// The needs of smsgated, smsgate-milter and smsgate-transport (the
// pipe(8) user: the first of [worker] submit_users) for the parts of the
// configuration that could be read (null: not read).
std::vector<Reader> access_plan(const std::string& config_path, const config::WorkerConfig* worker,
                                const config::MilterConfig* milter, const config::TransportConfig* transport);

// What a file is (for the report and the fix).
struct FileFacts {
    mode_t mode = 0; // permission bits
    std::string owner;
    std::string group;
};

// A mode as chmod takes it: "0640".
std::string octal_mode(mode_t mode);

// The fix for a user who lacks access to a file: "chgrp smsgate and chmod
// 0640", "chmod 0711"; group is the user's primary group.
std::string access_fix(Access access, const FileFacts& file, const std::string& user, const std::string& group);

} // namespace smsgate::ctl
