// pid_file.hpp - the file that holds a daemon's process id, for init
// scripts, systemd's PIDFile= and kill -HUP $(cat FILE).
#pragma once

#include "util/result.hpp"

#include <string>
#include <sys/types.h>

namespace smsgate::os {

// The pid a pid file names, when that process is alive; 0 when the file is
// missing, unreadable as a pid, or names a process that is gone (a stale
// file). A process of another user counts as alive.
pid_t live_pid_in(const std::string& path);

// Says, as an error naming the file and the pid, that a live process other
// than this one holds path; Done when nothing does (or path is empty).
// Call it before taking what two copies must not share (a socket).
Status pid_file_free(const std::string& path);

// The pid file of this process, written when it is made and removed when it
// is destroyed (a clean exit). Move-only.
class PidFile {
public:
    PidFile() = default; // holds no file
    PidFile(PidFile&& other) noexcept;
    PidFile& operator=(PidFile&& other) noexcept;
    PidFile(const PidFile&) = delete;
    PidFile& operator=(const PidFile&) = delete;
    ~PidFile();

    // Writes getpid() to path, mode 0644, atomically (a file beside it,
    // renamed over path): a reader never sees half a pid. Refused when a
    // live process other than this one holds path (pid_file_free). An
    // empty path writes nothing and holds no file.
    static Result<PidFile> write(const std::string& path);

    const std::string& path() const { return path_; }

private:
    explicit PidFile(std::string path, pid_t pid) : path_(std::move(path)), pid_(pid) {}
    void remove();

    std::string path_;
    pid_t pid_ = 0;
};

} // namespace smsgate::os
