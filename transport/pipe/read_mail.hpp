// read_mail.hpp - the mail from pipe(8), with a size limit.
#pragma once

#include "util/result.hpp"

#include <cstddef>
#include <string>

namespace smsgate::transport {

struct MailInput {
    std::string raw;
    bool too_large = false; // more than the limit: raw holds the first limit bytes
    std::size_t size = 0;   // bytes read in all
};

// Reads fd to its end. A mail over limit bytes is read to the end all the
// same (pipe(8) must not see a broken pipe) but only its head is kept.
Result<MailInput> read_mail(int fd, std::size_t limit);

} // namespace smsgate::transport
