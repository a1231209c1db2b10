// attr.hpp - the framing of smsgate's Unix-socket protocol, in the spirit of
// Postfix's attribute lists: a message is lines "name=value", ended by an
// empty line. Values are escaped (\\ \n \r \0) so that any text fits on one
// line. A message is bounded in size and attribute count; the decoder fails
// a message that is too large or malformed instead of growing without end.
// The first attribute of every message is "smsgate=<protocol version>".
#pragma once

#include "util/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smsgate::proto {

inline constexpr int protocol_version = 1;
inline constexpr std::size_t max_message_bytes = 64 * 1024;
inline constexpr std::size_t max_attributes = 256;
inline constexpr std::size_t max_name_bytes = 64;
// A reply of the worker (status with a row per modem, history) may be
// larger: the client trusts the worker it asked, and bounds it still.
inline constexpr std::size_t max_reply_bytes = 16 * 1024 * 1024;
inline constexpr std::size_t max_reply_attributes = 256 * 1024;

class Message {
public:
    Message& set(std::string name, std::string value);
    Message& set(std::string name, long long value) { return set(std::move(name), std::to_string(value)); }
    // The first value of that name, if any.
    std::optional<std::string_view> get(std::string_view name) const;
    std::string value_or(std::string_view name, std::string_view fallback) const;
    std::optional<long long> number(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& attributes() const { return attrs_; }

private:
    std::vector<std::pair<std::string, std::string>> attrs_;
};

// The message with "smsgate=1" first, escaped, ending in an empty line.
std::string encode(const Message& message);

// Bytes in, messages out; a connection's stream may hold several.
class Decoder {
public:
    // A message larger than max bytes, or of more than attributes
    // attributes, fails.
    explicit Decoder(std::size_t max = max_message_bytes, std::size_t attributes = max_attributes)
        : max_(max), attributes_(attributes)
    {
    }
    // But one that begins with head (its first lines as encode() writes
    // them: "smsgate=1\nrequest=deliver\n") may be up to max bytes.
    void allow_larger(std::string head, std::size_t max)
    {
        large_head_ = std::move(head);
        large_max_ = max;
    }
    void feed(std::string_view bytes);
    // A complete message, an error (the connection should then be closed),
    // or nothing yet.
    std::optional<Result<Message>> next();
    // Whether bytes of a message not yet complete were fed.
    bool pending() const { return !failed_ && !buffer_.empty(); }

private:
    std::string buffer_;
    // The bound of the message at the front of the buffer.
    std::size_t limit() const;

    std::size_t max_ = max_message_bytes;
    std::size_t attributes_ = max_attributes;
    std::string large_head_;
    std::size_t large_max_ = 0;
    std::size_t scanned_ = 0;
    bool failed_ = false;
};

} // namespace smsgate::proto
