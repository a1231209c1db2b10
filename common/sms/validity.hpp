// validity.hpp - TP-VP relative format (3GPP TS 23.040 9.2.3.12.1), the one
// modems and SMSCs all understand: four ranges of growing steps.
//   0-143   (VP + 1) x 5 minutes          5 minutes to 12 hours
//   144-167 12 hours + (VP - 143) x 30 min 12.5 hours to 24 hours
//   168-196 (VP - 166) x 1 day            2 days to 30 days
//   197-255 (VP - 192) x 1 week           5 weeks to 63 weeks
#pragma once

#include <cstdint>

namespace smsgate::sms {

long relative_vp_minutes(std::uint8_t vp);

// The smallest TP-VP that lasts at least the given minutes: a message is
// never dropped by the SC earlier than asked. Below 5 minutes gives 0 (5
// minutes); beyond 63 weeks gives 255 (63 weeks).
std::uint8_t relative_vp_from_minutes(long minutes);

} // namespace smsgate::sms
