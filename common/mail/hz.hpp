// hz.hpp - HZ (RFC 1843), the 7-bit form of GB 2312 in Chinese mail and
// news, which the system's iconv does not know. Internal to common/mail.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// HZ to EUC-CN octets (GB 2312 with the high bit set), for iconv to read
// as GB 2312. "~{" enters GB mode, "~}" leaves it, "~~" is '~', "~" at the
// end of a line joins it to the next. In GB mode every octet 21-7E gets its
// high bit set; a line end leaves GB mode, as RFC 1843 has no mode span
// lines. Anything else is taken as it is.
std::string hz_to_euc_cn(std::string_view hz);

} // namespace smsgate::mail
