// octet_reader.hpp - bounds-checked reads over a TPDU. A read past the end
// throws DecodeFailure naming the field; decode_pdu() turns it into an Error,
// so that no decoder code can read outside the buffer or forget to check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace smsgate::sms {

struct DecodeFailure {
    std::string field;
    std::string message;
};

[[noreturn]] inline void fail(std::string_view field, std::string message)
{
    throw DecodeFailure{std::string(field), std::move(message)};
}

class OctetReader {
public:
    explicit OctetReader(std::span<const std::uint8_t> octets) : octets_(octets) {}

    std::uint8_t octet(std::string_view field)
    {
        if (pos_ >= octets_.size())
            fail(field, "PDU too short, cannot read " + std::string(field));
        return octets_[pos_++];
    }

    std::span<const std::uint8_t> take(std::size_t count, std::string_view field)
    {
        if (count > octets_.size() - pos_)
            fail(field, "PDU too short, cannot read " + std::string(field) + " (" +
                            std::to_string(count) + " octets wanted, " +
                            std::to_string(octets_.size() - pos_) + " left)");
        auto out = octets_.subspan(pos_, count);
        pos_ += count;
        return out;
    }

    // The octets not read yet, consumed.
    std::span<const std::uint8_t> rest()
    {
        auto out = octets_.subspan(pos_);
        pos_ = octets_.size();
        return out;
    }

    std::size_t remaining() const { return octets_.size() - pos_; }
    std::size_t position() const { return pos_; }

private:
    std::span<const std::uint8_t> octets_;
    std::size_t pos_ = 0;
};

} // namespace smsgate::sms
