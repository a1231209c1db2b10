// pid_file.cpp - writing, checking and removing a daemon's pid file.
#include "os/pid_file.hpp"

#include "util/fd.hpp"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace smsgate::os {

namespace {

// The first line of the file as a pid; 0 when it is not one.
pid_t read_pid(const std::string& path)
{
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return 0;
    char buf[32];
    ssize_t n = ::read(fd.get(), buf, sizeof buf - 1);
    if (n <= 0)
        return 0;
    std::size_t end = 0;
    while (end < static_cast<std::size_t>(n) && buf[end] >= '0' && buf[end] <= '9')
        ++end;
    long pid = 0;
    auto [p, ec] = std::from_chars(buf, buf + end, pid);
    if (ec != std::errc() || pid <= 0 || (end < static_cast<std::size_t>(n) && buf[end] != '\n'))
        return 0;
    return static_cast<pid_t>(pid);
}

Status write_all(int fd, const std::string& text, const std::string& path)
{
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return make_error("pid_file", path + ": " + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return Done{};
}

} // namespace

pid_t live_pid_in(const std::string& path)
{
    pid_t pid = read_pid(path);
    if (pid <= 0)
        return 0;
    if (::kill(pid, 0) == 0 || errno == EPERM)
        return pid;
    return 0;
}

Status pid_file_free(const std::string& path)
{
    if (path.empty())
        return Done{};
    pid_t pid = live_pid_in(path);
    if (pid != 0 && pid != ::getpid())
        return make_error("pid_file", path + ": process " + std::to_string(pid) +
                                          " holds it and is running; stop it first (or remove the file if that "
                                          "process is not this program)");
    return Done{};
}

Result<PidFile> PidFile::write(const std::string& path)
{
    if (path.empty())
        return PidFile();
    if (auto free = pid_file_free(path); !free)
        return free.error();
    pid_t self = ::getpid();
    std::string temporary = path + ".new." + std::to_string(self);
    Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd)
        return make_error("pid_file", temporary + ": " + std::strerror(errno));
    // 0644 whatever the umask: init scripts and monitors of other users read it.
    auto written = ::fchmod(fd.get(), 0644) == 0 ? write_all(fd.get(), std::to_string(self) + "\n", temporary)
                                                  : Status(make_error("pid_file", temporary + ": chmod: " +
                                                                                      std::strerror(errno)));
    if (written && ::rename(temporary.c_str(), path.c_str()) != 0)
        written = make_error("pid_file", path + ": " + std::strerror(errno));
    if (!written) {
        ::unlink(temporary.c_str());
        return written.error();
    }
    return PidFile(path, self);
}

PidFile::PidFile(PidFile&& other) noexcept
    : path_(std::exchange(other.path_, {})), pid_(std::exchange(other.pid_, 0))
{
}

PidFile& PidFile::operator=(PidFile&& other) noexcept
{
    if (this != &other) {
        remove();
        path_ = std::exchange(other.path_, {});
        pid_ = std::exchange(other.pid_, 0);
    }
    return *this;
}

PidFile::~PidFile() { remove(); }

// Only the process that wrote it removes it, and only while it still names
// that process: a forked child's copy of the object, or a file that a later
// start replaced, stays.
void PidFile::remove()
{
    if (path_.empty() || pid_ != ::getpid() || read_pid(path_) != pid_)
        return;
    ::unlink(path_.c_str());
    path_.clear();
}

} // namespace smsgate::os
