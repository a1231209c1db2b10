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
    forbidden,   // the socket is there but this user may not use it
    timeout,     // the worker did not answer within the deadline
    broken,      // the connection broke, or the reply was malformed
};

struct Reply {
    std::optional<proto::Message> message;
    Failure failure = Failure::broken;
    std::string error;
    // Whether the whole request reached the worker before the failure (a
    // timeout after it means the worker has the job; before it, not).
    bool request_sent = false;
};

Reply request(const std::string& socket_path, const proto::Message& message, std::chrono::milliseconds timeout);

} // namespace smsgate::client
