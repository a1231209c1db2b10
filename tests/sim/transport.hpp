// transport.hpp - the simulated modem's serial line: a pseudo-terminal whose
// slave a symlink names, and a TCP port as ser2net offers one. A link has at
// most one client; bytes from the client go to the modem, the modem's
// output goes to the client, and without a client it is lost, as on a
// serial line that nobody listens to.
#pragma once

#include "event_loop.hpp"
#include "util/fd.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace smsgate::sim {

// Non-blocking reads and buffered writes on a descriptor someone else owns.
class Stream {
public:
    explicit Stream(EventLoop& loop) : loop_(loop) {}
    ~Stream() { detach(); }
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    void attach(int fd);
    void detach(); // pending output is dropped
    bool attached() const { return fd_ >= 0; }
    void send(std::string_view bytes);

    std::function<void(std::string_view)> on_data;
    std::function<void()> on_hangup; // EOF, error or POLLHUP; the stream is detached already

private:
    void handle(short revents);
    void flush();
    void hang_up();

    EventLoop& loop_;
    int fd_ = -1;
    std::string out_;
};

class Link {
public:
    virtual ~Link() = default;
    virtual std::string_view kind() const = 0; // "pty", "tcp"
    virtual std::string address() const = 0;   // what a client opens
    virtual bool connected() const = 0;
    virtual void send(std::string_view bytes) = 0;
    // Hangs up on the client: the TCP connection is closed; the pty is
    // closed, its symlink removed, and a new one made after reopen_delay.
    virtual void drop(Millis reopen_delay) = 0;
    // Changes whenever the client may have changed (a new TCP connection, a
    // new pty): output meant for an earlier client is not sent to a later one.
    std::uint64_t connection() const { return connection_; }

    std::function<void(std::string_view)> on_data;

protected:
    std::uint64_t connection_ = 0;
};

// --tcp HOST:PORT; port 0 picks a free port, address() tells which.
class TcpLink : public Link {
public:
    TcpLink(EventLoop& loop, const std::string& host_port);
    std::string_view kind() const override { return "tcp"; }
    std::string address() const override { return address_; }
    bool connected() const override { return stream_.attached(); }
    void send(std::string_view bytes) override { stream_.send(bytes); }
    void drop(Millis reopen_delay) override;

private:
    void accept_client();

    EventLoop& loop_;
    Fd listener_;
    Fd client_;
    Stream stream_;
    std::string address_;
};

// --pty PATH: a pseudo-terminal in raw mode; PATH is a symlink to its slave.
class PtyLink : public Link {
public:
    PtyLink(EventLoop& loop, std::string symlink_path);
    ~PtyLink() override;
    std::string_view kind() const override { return "pty"; }
    std::string address() const override { return path_; }
    bool connected() const override { return stream_.attached(); }
    void send(std::string_view bytes) override { stream_.send(bytes); }
    void drop(Millis reopen_delay) override;

private:
    void open_pty();
    void reopen(Millis delay);
    void close_pty();
    void check_client();

    EventLoop& loop_;
    std::string path_;
    std::string slave_;
    Fd master_;
    Stream stream_;
    EventLoop::TimerId check_timer_ = 0;
    EventLoop::TimerId reopen_timer_ = 0;
};

} // namespace smsgate::sim
