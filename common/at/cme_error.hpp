// cme_error.hpp - +CME ERROR codes and their verbose texts (3GPP TS 27.007
// 9.2.1 general errors, 9.2.2 GPRS errors). A modem in AT+CMEE=2 mode, or
// one that ignores AT+CMEE=1, sends the text instead of the number.
#pragma once

#include <string_view>

namespace smsgate::at {

// The TS 27.007 text of a code; empty for a code no table lists.
std::string_view cme_error_text(int code);

// The code of a verbose text, compared case-insensitively and with "(U)SIM"
// read as "SIM"; -1 when the text is not one of TS 27.007's.
int cme_error_code(std::string_view text);

} // namespace smsgate::at
