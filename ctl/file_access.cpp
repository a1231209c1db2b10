// file_access.cpp - the files of each program, and how to open one to a user.
#include "file_access.hpp"

#include <cstdio>

namespace smsgate::ctl {

namespace {

bool is_path(const std::string& value) { return value.starts_with("/"); }

std::string directory_of(const std::string& path)
{
    auto slash = path.rfind('/');
    return slash == 0 ? "/" : path.substr(0, slash);
}

// A database: its directory gets the journal, the file is read and written.
void add_database(std::vector<Need>& needs, const std::string& path, const std::string& why)
{
    if (!is_path(path))
        return;
    needs.push_back({directory_of(path), Access::create_in, "the directory of " + why});
    needs.push_back({path, Access::read_write, why, true});
}

// A log destination that is a file: written, and reopened on SIGHUP.
void add_log(std::vector<Need>& needs, const std::string& log, const std::string& why)
{
    if (is_path(log))
        needs.push_back({log, Access::write_or_create, why});
}

Reader worker_reader(const std::string& config_path, const config::WorkerConfig& w)
{
    Reader r{"smsgated", w.user, "[worker] user", {{config_path, Access::read, "the configuration"}}};
    if (!w.mail.number_map.empty())
        r.needs.push_back({w.mail.number_map, Access::read, "[mail] number_map"});
    add_database(r.needs, w.database, "[worker] database");
    // It checks what the transport hands it: the senders table, the quota.
    if (!w.sms.senders.empty())
        r.needs.push_back({w.sms.senders, Access::read, "[sms] senders"});
    add_database(r.needs, w.quota_database, "[milter] quota_database");
    for (const auto& modem : w.modems)
        if (is_path(modem.link.device))
            r.needs.push_back({modem.link.device, Access::read_write, "[modem." + modem.name + "] device", true});
    add_log(r.needs, w.log, "[worker] log");
    if (is_path(w.metrics_file))
        r.needs.push_back({directory_of(w.metrics_file), Access::create_in, "the directory of [worker] metrics_file"});
    return r;
}

Reader milter_reader(const std::string& config_path, const config::MilterConfig& m)
{
    Reader r{"smsgate-milter", m.user, "[milter] user", {{config_path, Access::read, "the configuration"}}};
    if (!m.sms.senders.empty())
        r.needs.push_back({m.sms.senders, Access::read, "[sms] senders"});
    add_database(r.needs, m.quota_database, "[milter] quota_database");
    add_log(r.needs, m.log, "[milter] log");
    return r;
}

Reader transport_reader(const std::string& config_path, const config::TransportConfig& t, const std::string& user)
{
    Reader r{"smsgate-transport", user, "[worker] submit_users", {{config_path, Access::read, "the configuration"}}, true};
    if (is_path(t.socket))
        r.needs.push_back({t.socket, Access::connect, "the worker's socket", true});
    return r;
}

} // namespace

std::string access_words(Access access)
{
    switch (access) {
    case Access::read: return "read";
    case Access::read_write: return "read and write";
    case Access::write_or_create: return "write or create";
    case Access::create_in: return "create files in";
    case Access::connect: return "connect to";
    case Access::search: return "search";
    }
    return "use";
}

std::vector<Reader> access_plan(const std::string& config_path, const config::WorkerConfig* worker,
                                const config::MilterConfig* milter, const config::TransportConfig* transport)
{
    std::vector<Reader> readers;
    if (worker)
        readers.push_back(worker_reader(config_path, *worker));
    if (milter)
        readers.push_back(milter_reader(config_path, *milter));
    if (transport && worker && !worker->submit_users.empty())
        readers.push_back(transport_reader(config_path, *transport, worker->submit_users.front()));
    return readers;
}

std::string octal_mode(mode_t mode)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

std::string access_fix(Access access, const FileFacts& file, const std::string& user, const std::string& group)
{
    mode_t bits = 0;
    switch (access) {
    case Access::read: bits = 04; break;
    case Access::read_write:
    case Access::write_or_create: bits = 06; break;
    case Access::connect: bits = 02; break;
    case Access::create_in: bits = 03; break;
    case Access::search: bits = 01; break;
    }
    if (file.owner == user)
        return "chmod " + octal_mode(file.mode | bits << 6);
    if (bits == 01) // a directory on the way: let everyone pass through, as /etc and /var do
        return "chmod " + octal_mode(file.mode | 01);
    return (file.group == group ? std::string() : "chgrp " + group + " and ") + "chmod " +
           octal_mode(file.mode | bits << 3);
}

} // namespace smsgate::ctl
