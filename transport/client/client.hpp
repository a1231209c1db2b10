// client.hpp - a client of smsgated's socket: one request, one reply, within
// a deadline. Used by the pipe(8) transport and by smsgatectl.
#pragma once

#include "proto/attr.hpp"
#include "util/result.hpp"

#include <chrono>
#include <string>

namespace smsgate::client {

// Why no reply came, so that the caller can pick its exit code.
enum class Failure {
    unreachable, // no worker listens on the socket (not running)
    timeout,     // the worker did not answer within the deadline
    broken,      // the connection broke, or the reply was malformed
};

struct Reply {
    std::optional<proto::Message> message;
    Failure failure = Failure::broken;
    std::string error;
};

Reply request(const std::string& socket_path, const proto::Message& message, std::chrono::milliseconds timeout);

} // namespace smsgate::client
