// send_limit.hpp - whether a modem's SIM may send a message now, by its
// limits ([modem.NAME] max_per_hour, max_per_day, quiet_hours), the times
// of the parts it sent, and the time; and, when not, until when. Pure: the
// router asks it for every modem it chooses among, and the claim of a job
// pinned to a modem through the router, so that both decide alike.
//
// The counts are rolling: the parts sent in the last 60 minutes and in the
// last 24 hours. A message is sent whole or not begun: a modem takes it only
// when all its parts still fit under both limits. A message with more parts
// than a limit goes only when the modem has sent nothing in that window, and
// then whole.
#pragma once

#include "config/send_limits.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace smsgate::worker {

// Why a modem sends nothing now. The order is the order of precedence in
// the answer to a delivery when every modem is held (the longest wait first).
enum class SendHold { no, quiet, daily, hourly };

// The time as the limits read it: Unix time, and the second of the local
// day (0-86399) at that time.
struct LimitClock {
    store::Seconds now = 0;
    int local_second = 0;
};

// The clock now, in the local time zone.
LimitClock limit_clock(store::Seconds now);

struct LimitState {
    SendHold held = SendHold::no;
    store::Seconds until = 0; // when held: the time it may send the message
    int sent_hour = 0;        // parts sent in the last 60 minutes
    int sent_day = 0;         // parts sent in the last 24 hours

    bool free() const { return held == SendHold::no; }
};

// sent: when the modem's parts went out, oldest first (older than 24 hours
// are ignored). parts: those of the message it would take (at least 1).
LimitState limit_state(const config::SendLimits& limits, const std::vector<store::Seconds>& sent,
                       const LimitClock& clock, int parts = 1);

// What a delivery is told when every modem that can send is held: the
// common reason when all share one, else all of them in general words.
// Says "every SIM has reached its daily limit" and the like.
std::string every_modem_held_text(const std::vector<SendHold>& reasons);

// A deferred job taken again whose first parts went out on a modem: that
// modem alone may send the rest. "the SIM that sent its first parts has
// reached its daily limit".
std::string pinned_modem_held_text(SendHold held);

// The parts of the job not sent yet: what must fit under a modem's limits.
int unsent_parts(const store::Job& job);

// "hourly limit", "daily limit", "quiet hours" ("" for no).
std::string held_name(SendHold held);

} // namespace smsgate::worker
