// health.hpp - smsgatectl status --check: the worker's status reply judged
// in the convention of Nagios plugins, one line and an exit code: 0 ok,
// 1 warning, 2 critical. Critical when no modem can send (or the worker
// does not answer); warning for a modem that is down or unregistered, a
// weak signal, a full storage, or mails waiting for sendmail too long.
#pragma once

#include "proto/attr.hpp"

#include <string>

namespace smsgate::ctl {

struct HealthLimits {
    int weak_signal_dbm = -105;  // at or below: warning
    long long mail_age = 900;    // seconds a mail may wait for sendmail
};

struct Health {
    int code = 0; // 0 ok, 1 warning, 2 critical
    std::string line;
};

Health judge(const proto::Message& status, const HealthLimits& limits);

} // namespace smsgate::ctl
