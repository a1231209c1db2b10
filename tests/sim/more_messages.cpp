// more_messages.cpp - AT+CMMS (TS 27.005 3.5.6): with mode 1 or 2 the link
// to the network stays up between sends, so that the sends of a burst are
// answered sooner (--cmgs-burst-delay-ms). Mode 1 lapses to 0 by itself
// when no send followed the command or the last send for --cmms-idle-ms;
// mode 2 stays until AT+CMMS=0.
#include "modem.hpp"

namespace smsgate::sim {

int Modem::more_messages_mode()
{
    if (profile_.cmms == 1 && Clock::now() - cmms_since_ > Millis(settings().cmms_idle_ms)) {
        profile_.cmms = 0;
        log("event=cmms-lapsed");
    }
    return profile_.cmms;
}

void Modem::set_more_messages(int mode)
{
    profile_.cmms = mode;
    cmms_since_ = Clock::now();
}

int Modem::begin_send_delay_ms()
{
    const Settings& s = settings();
    bool burst = more_messages_mode() != 0 && last_send_ && Clock::now() - *last_send_ <= Millis(s.cmms_idle_ms);
    last_delay_ms_ = burst && s.cmgs_burst_delay_ms >= 0 ? s.cmgs_burst_delay_ms : s.cmgs_delay_ms;
    return last_delay_ms_;
}

void Modem::send_answered()
{
    last_send_ = Clock::now();
    if (profile_.cmms != 0)
        cmms_since_ = *last_send_;
}

} // namespace smsgate::sim
