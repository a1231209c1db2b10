// test_tp_status.cpp - TP-ST of an SMS-STATUS-REPORT in classes and words
// (3GPP TS 23.040 9.2.3.15).
#include "sms/tp_status.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace smsgate::sms;

namespace {

// The class by range, written out from TS 23.040 rather than from bits.
StatusClass expected_class(int value)
{
    if (value <= 0x1F)
        return StatusClass::delivered;
    if (value <= 0x3F)
        return StatusClass::pending;
    if (value <= 0x5F)
        return StatusClass::failed;
    return StatusClass::failed_gave_up; // 0x60-0x7F, and 0x80-0xFF as 0x63
}

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

struct Named {
    std::uint8_t value;
    StatusClass status_class;
    std::string_view text;
};

// TS 23.040 9.2.3.15, every value it names.
const std::vector<Named> named_values = {
    {0x00, StatusClass::delivered, "short message received by the SME"},
    {0x01, StatusClass::delivered, "short message forwarded by the SC to the SME but the SC is unable to confirm delivery"},
    {0x02, StatusClass::delivered, "short message replaced by the SC"},
    {0x20, StatusClass::pending, "congestion"},
    {0x21, StatusClass::pending, "SME busy"},
    {0x22, StatusClass::pending, "no response from SME"},
    {0x23, StatusClass::pending, "service rejected"},
    {0x24, StatusClass::pending, "quality of service not available"},
    {0x25, StatusClass::pending, "error in SME"},
    {0x40, StatusClass::failed, "remote procedure error"},
    {0x41, StatusClass::failed, "incompatible destination"},
    {0x42, StatusClass::failed, "connection rejected by SME"},
    {0x43, StatusClass::failed, "not obtainable"},
    {0x44, StatusClass::failed, "quality of service not available"},
    {0x45, StatusClass::failed, "no interworking available"},
    {0x46, StatusClass::failed, "SM validity period expired"},
    {0x47, StatusClass::failed, "SM deleted by originating SME"},
    {0x48, StatusClass::failed, "SM deleted by SC administration"},
    {0x49, StatusClass::failed, "SM does not exist"},
    {0x60, StatusClass::failed_gave_up, "congestion"},
    {0x61, StatusClass::failed_gave_up, "SME busy"},
    {0x62, StatusClass::failed_gave_up, "no response from SME"},
    {0x63, StatusClass::failed_gave_up, "service rejected"},
    {0x64, StatusClass::failed_gave_up, "quality of service not available"},
    {0x65, StatusClass::failed_gave_up, "error in SME"},
};

} // namespace

TEST_CASE("TS 23.040 9.2.3.15: every TP-ST value has a class")
{
    for (int v = 0; v <= 0xFF; ++v) {
        CAPTURE(v);
        auto status = describe_tp_status(static_cast<std::uint8_t>(v));
        CHECK(status.value == v);
        CHECK(status.status_class == expected_class(v));
        CHECK_FALSE(status.text.empty());
        CHECK(status.final == (status.status_class != StatusClass::pending));
    }
}

TEST_CASE("TS 23.040 9.2.3.15: class boundaries")
{
    struct Boundary {
        std::uint8_t value;
        StatusClass status_class;
        bool final;
    };
    const std::vector<Boundary> boundaries = {
        {0x1F, StatusClass::delivered, true},       {0x20, StatusClass::pending, false},
        {0x3F, StatusClass::pending, false},        {0x40, StatusClass::failed, true},
        {0x5F, StatusClass::failed, true},          {0x60, StatusClass::failed_gave_up, true},
        {0x7F, StatusClass::failed_gave_up, true},  {0x80, StatusClass::failed_gave_up, true},
        {0xFF, StatusClass::failed_gave_up, true},
    };
    for (const auto& b : boundaries) {
        CAPTURE(int(b.value));
        auto status = describe_tp_status(b.value);
        CHECK(status.status_class == b.status_class);
        CHECK(status.final == b.final);
    }
}

TEST_CASE("TS 23.040 9.2.3.15: the named values and their words")
{
    for (const auto& n : named_values) {
        CAPTURE(int(n.value));
        auto status = describe_tp_status(n.value);
        CHECK(status.value == n.value);
        CHECK(status.status_class == n.status_class);
        CHECK(status.text == n.text);
    }
}

TEST_CASE("TS 23.040 9.2.3.15: reserved values of a class keep their class")
{
    // Near misses: the first unnamed value after each named run, and the
    // last reserved one before the SC-specific half.
    const std::vector<std::uint8_t> reserved = {0x03, 0x0F, 0x26, 0x2F, 0x4A, 0x4F, 0x66, 0x6F};
    for (auto v : reserved) {
        CAPTURE(int(v));
        auto status = describe_tp_status(v);
        CHECK(status.value == v);
        CHECK(status.status_class == expected_class(v));
        CHECK(contains(status.text, "reserved"));
    }
    for (int v = 0; v <= 0x7F; ++v) {
        if ((v & 0x10) != 0)
            continue;
        bool is_named = false;
        for (const auto& n : named_values)
            is_named = is_named || n.value == v;
        CAPTURE(v);
        CHECK(contains(describe_tp_status(static_cast<std::uint8_t>(v)).text, "reserved") == !is_named);
    }
}

TEST_CASE("TS 23.040 9.2.3.15: SC-specific values keep their class")
{
    for (int base : {0x10, 0x30, 0x50, 0x70}) {
        for (int v = base; v <= base + 0x0F; ++v) {
            CAPTURE(v);
            auto status = describe_tp_status(static_cast<std::uint8_t>(v));
            CHECK(status.status_class == expected_class(v));
            CHECK(contains(status.text, "SC-specific"));
        }
    }
}

TEST_CASE("TS 23.040 9.2.3.15: 0x80-0xFF are reserved, treated as 0x63 service rejected")
{
    for (int v = 0x80; v <= 0xFF; ++v) {
        CAPTURE(v);
        auto status = describe_tp_status(static_cast<std::uint8_t>(v));
        CHECK(status.value == v); // the raw value stays visible in reports
        CHECK(status.status_class == describe_tp_status(0x63).status_class);
        CHECK(status.final);
        CHECK(contains(status.text, "reserved"));
        CHECK(contains(status.text, "service rejected"));
    }
}

TEST_CASE("seed: SMS Comfort status report with TP-ST 0 is delivered")
{
    // 07912374151616F606120B912374374248F7701191610500407011916105004000
    // ends in TP-ST 00: the handset got "PS test".
    auto status = describe_tp_status(0x00);
    CHECK(status.status_class == StatusClass::delivered);
    CHECK(status.final);
    CHECK(status_class_name(status.status_class) == "delivered");
}

TEST_CASE("status_class_name: the names of the JSON output")
{
    CHECK(status_class_name(StatusClass::delivered) == "delivered");
    CHECK(status_class_name(StatusClass::pending) == "pending");
    CHECK(status_class_name(StatusClass::failed) == "failed");
    CHECK(status_class_name(StatusClass::failed_gave_up) == "failed");
    // Validity period expired and "SC gave up" both read as failed.
    CHECK(status_class_name(describe_tp_status(0x46).status_class) == "failed");
    CHECK(status_class_name(describe_tp_status(0x62).status_class) == "failed");
    CHECK(status_class_name(describe_tp_status(0x22).status_class) == "pending");
}
