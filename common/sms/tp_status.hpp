// tp_status.hpp - TP-Status of an SMS-STATUS-REPORT (3GPP TS 23.040 9.2.3.15)
// in classes and words: what decides "delivered", "still trying" or "failed".
#pragma once

#include <cstdint>
#include <string_view>

namespace smsgate::sms {

enum class StatusClass {
    delivered,      // 0x00-0x1F: transaction completed
    pending,        // 0x20-0x3F: temporary error, the SC is still trying
    failed,         // 0x40-0x5F: permanent error, the SC is not making more attempts
    failed_gave_up, // 0x60-0x7F: temporary error, but the SC is not making more attempts
};

struct TpStatus {
    std::uint8_t value;
    StatusClass status_class;
    std::string_view text; // "short message received by the SME", "SM validity period expired", ...
    bool final;            // no further report will come for this message
};

// Reserved values (0x80-0xFF) are treated as "service rejected" (0x63), as
// TS 23.040 asks of a receiving entity; so are the reserved ones of each
// class, which keep their class.
TpStatus describe_tp_status(std::uint8_t value);

// "delivered", "pending", "failed": the names of the JSON output.
std::string_view status_class_name(StatusClass status_class);

} // namespace smsgate::sms
