// region.hpp - region codes (ISO 3166 alpha-2, as libphonenumber keys its
// metadata) as the phone library compares and names them. Internal to
// common/phone.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::phone {

// The code in upper case, as libphonenumber spells it: "be" -> "BE".
std::string region_code(std::string_view text);

// The region for a message: "Belgium (BE)", or the code alone when it has
// no English name in plain ASCII (a reply to an SMTP client must be ASCII).
std::string region_label(std::string_view code);

} // namespace smsgate::phone
