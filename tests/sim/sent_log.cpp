// sent_log.cpp - the record of accepted SMS-SUBMITs, and the clock.
#include "sent_log.hpp"

#include "util/json.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace smsgate::sim {

namespace {

// Lines already in the log: numbering goes on from there.
unsigned count_lines(int fd)
{
    unsigned lines = 0;
    char buf[8192];
    for (off_t offset = 0;;) {
        ssize_t n = ::pread(fd, buf, sizeof buf, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return lines;
        for (ssize_t i = 0; i < n; ++i)
            lines += buf[i] == '\n';
        offset += n;
    }
}

} // namespace

SentLog::SentLog(const std::optional<std::string>& path)
{
    if (!path)
        return;
    file_.reset(::open(path->c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
    if (!file_)
        throw std::runtime_error("--log " + *path + ": " + std::strerror(errno));
    count_ = count_lines(file_.get());
}

const SentRecord& SentLog::add(SentRecord record)
{
    record.n = ++count_;
    if (file_) {
        // One write(2) of the whole line with O_APPEND: a reader never sees
        // half a line, and the line is in the file when +CMGS is answered.
        std::string line = json(record) + "\n";
        if (::write(file_.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
            std::fprintf(stderr, "smsgate-modem-sim: warning: --log write failed: %s\n", std::strerror(errno));
    }
    records_.push_back(std::move(record));
    return records_.back();
}

const SentRecord* SentLog::last_with_mr(std::uint8_t mr) const
{
    for (auto it = records_.rbegin(); it != records_.rend(); ++it)
        if (it->mr == mr)
            return &*it;
    return nullptr;
}

std::string SentLog::json(const SentRecord& r)
{
    JsonObject o;
    o.add("n", r.n).add("mr", r.mr).add("length", r.length).add("pdu", r.pdu);
    o.add("to", r.to.display()).add("text", r.text).add("alphabet", r.alphabet).add("srr", r.srr);
    if (r.concat)
        o.add("ref", r.concat->ref).add("total", r.concat->total).add("seq", r.concat->seq);
    o.add("link", r.link).add("time", r.time).add("delay_ms", r.delay_ms);
    return o.str();
}

sms::Timestamp local_timestamp()
{
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::localtime_r(&now, &tm);
    return sms::Timestamp{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                          tm.tm_min,         tm.tm_sec,     static_cast<int>(tm.tm_gmtoff / 60)};
}

std::string utc_time_now()
{
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char buf[96]; // wide enough for any int the fields could hold
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

} // namespace smsgate::sim
