// file_mode.cpp - the database's files get no more permissions than
// configured.
#include "store/file_mode.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace smsgate::store {

namespace {

// Takes away what mode does not grant; fd is open on the file.
Status narrow(int fd, const std::string& path, mode_t mode)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return make_error("mode", path + ": " + std::strerror(errno));
    mode_t now = st.st_mode & 07777;
    if ((now & ~mode) == 0)
        return Done{};
    if (fchmod(fd, now & mode) != 0)
        return make_error("mode", path + ": chmod: " + std::strerror(errno));
    return Done{};
}

} // namespace

Status restrict_database_files(const std::string& path, mode_t mode)
{
    if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0)
        return Done{};
    // Never through a symbolic link: the directory may belong to the
    // worker's user while this runs as root.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return make_error("mode", path + ": " + std::strerror(errno));
    auto done = narrow(fd, path, mode);
    ::close(fd);
    if (!done)
        return done;
    // Left by a worker that stopped without closing the database.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        auto companion = path + suffix;
        int c = ::open(companion.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (c < 0)
            continue; // not there: SQLite makes it with the database's mode
        done = narrow(c, companion, mode);
        ::close(c);
        if (!done)
            return done;
    }
    return Done{};
}

} // namespace smsgate::store
