// read_mail.cpp - the mail from standard input.
#include "pipe/read_mail.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace smsgate::transport {

Result<MailInput> read_mail(int fd, std::size_t limit)
{
    MailInput in;
    char buf[65536];
    while (true) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return make_error("stdin", std::string("reading the mail: ") + std::strerror(errno));
        if (n == 0)
            return in;
        auto got = static_cast<std::size_t>(n);
        in.size += got;
        if (in.raw.size() < limit)
            in.raw.append(buf, std::min(got, limit - in.raw.size()));
        if (in.size > limit)
            in.too_large = true;
    }
}

} // namespace smsgate::transport
