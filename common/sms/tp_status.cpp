// tp_status.cpp - TP-ST of an SMS-STATUS-REPORT (3GPP TS 23.040 9.2.3.15).
//
// Bits 6 and 5 of TP-ST give the class of the outcome; within each class
// of 32 values the first 16 hold the values the specification names (the
// rest of them reserved) and the last 16 are left to each SC. Bit 7 set is
// reserved as a whole.
#include "sms/tp_status.hpp"

#include <algorithm>
#include <iterator>

namespace smsgate::sms {

namespace {

struct NamedStatus {
    std::uint8_t value;
    std::string_view text;
};

// The values TS 23.040 names, sorted by value.
constexpr NamedStatus named_statuses[] = {
    // Short message transaction completed
    {0x00, "short message received by the SME"},
    {0x01, "short message forwarded by the SC to the SME but the SC is unable to confirm delivery"},
    {0x02, "short message replaced by the SC"},
    // Temporary error, SC still trying to transfer the SM
    {0x20, "congestion"},
    {0x21, "SME busy"},
    {0x22, "no response from SME"},
    {0x23, "service rejected"},
    {0x24, "quality of service not available"},
    {0x25, "error in SME"},
    // Permanent error, SC is not making any more transfer attempts
    {0x40, "remote procedure error"},
    {0x41, "incompatible destination"},
    {0x42, "connection rejected by SME"},
    {0x43, "not obtainable"},
    {0x44, "quality of service not available"},
    {0x45, "no interworking available"},
    {0x46, "SM validity period expired"},
    {0x47, "SM deleted by originating SME"},
    {0x48, "SM deleted by SC administration"},
    {0x49, "SM does not exist"},
    // Temporary error, SC is not making any more transfer attempts
    {0x60, "congestion"},
    {0x61, "SME busy"},
    {0x62, "no response from SME"},
    {0x63, "service rejected"},
    {0x64, "quality of service not available"},
    {0x65, "error in SME"},
};

static_assert(std::ranges::is_sorted(named_statuses, {}, &NamedStatus::value));

// What a value nobody named says, per class: reserved (offsets 0x00-0x0F
// of a class) or SC-specific (offsets 0x10-0x1F).
struct ClassTexts {
    std::string_view reserved;
    std::string_view sc_specific;
};

constexpr ClassTexts unnamed_texts[] = {
    {"reserved status, transaction completed", "SC-specific status, transaction completed"},
    {"reserved status, temporary error, SC still trying", "SC-specific status, temporary error, SC still trying"},
    {"reserved status, permanent error", "SC-specific status, permanent error"},
    {"reserved status, temporary error, SC gave up", "SC-specific status, temporary error, SC gave up"},
};

// TS 23.040: a reserved value received is to be treated as 0x63.
constexpr std::string_view reserved_high_text = "reserved value, treated as service rejected";

StatusClass class_of(std::uint8_t value)
{
    switch ((value >> 5) & 0x03) {
    case 0:
        return StatusClass::delivered;
    case 1:
        return StatusClass::pending;
    case 2:
        return StatusClass::failed;
    default:
        return StatusClass::failed_gave_up;
    }
}

std::string_view text_of(std::uint8_t value)
{
    auto named = std::ranges::lower_bound(named_statuses, value, {}, &NamedStatus::value);
    if (named != std::end(named_statuses) && named->value == value)
        return named->text;
    const ClassTexts& texts = unnamed_texts[(value >> 5) & 0x03];
    return (value & 0x10) ? texts.sc_specific : texts.reserved;
}

} // namespace

TpStatus describe_tp_status(std::uint8_t value)
{
    if (value & 0x80)
        return {value, StatusClass::failed_gave_up, reserved_high_text, true};
    StatusClass status_class = class_of(value);
    // Only "SC still trying" promises another report.
    return {value, status_class, text_of(value), status_class != StatusClass::pending};
}

std::string_view status_class_name(StatusClass status_class)
{
    switch (status_class) {
    case StatusClass::delivered:
        return "delivered";
    case StatusClass::pending:
        return "pending";
    case StatusClass::failed:
    case StatusClass::failed_gave_up:
        return "failed";
    }
    return "failed"; // an out-of-range enum value: never claim success
}

} // namespace smsgate::sms
