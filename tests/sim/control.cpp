// control.cpp - the control socket: accepting clients, framing lines.
#include "control.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace smsgate::sim {

namespace {

// A request line may carry a long text or PDU; past this it is nonsense.
constexpr std::size_t max_request = 1 << 20;

} // namespace

ControlServer::ControlServer(EventLoop& loop, std::string path, Handler handler)
    : loop_(loop), path_(std::move(path)), handler_(std::move(handler))
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path_.size() >= sizeof address.sun_path)
        throw std::runtime_error("--control " + path_ + ": path too long for a Unix socket");
    std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);

    struct stat st{};
    if (::lstat(path_.c_str(), &st) == 0 && S_ISSOCK(st.st_mode))
        ::unlink(path_.c_str()); // left by a simulator that was killed
    listener_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!listener_ || ::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_.get(), 8) != 0)
        throw std::runtime_error("--control " + path_ + ": " + std::strerror(errno));
    loop_.watch(listener_.get(), POLLIN, [this](short) { accept_client(); });
}

ControlServer::~ControlServer()
{
    clients_.clear();
    if (listener_) {
        loop_.unwatch(listener_.get());
        ::unlink(path_.c_str());
    }
}

void ControlServer::accept_client()
{
    Fd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd)
        return;
    unsigned id = next_client_++;
    Client& client = clients_[id];
    client.fd = std::move(fd);
    client.stream = std::make_unique<Stream>(loop_);
    client.stream->on_data = [this, id](std::string_view bytes) { receive(id, bytes); };
    // The stream is inside its own call when it hangs up: remove it later.
    client.stream->on_hangup = [this, id] { loop_.after(Millis(0), [this, id] { clients_.erase(id); }); };
    client.stream->attach(client.fd.get());
}

void ControlServer::receive(unsigned id, std::string_view bytes)
{
    std::vector<std::string> lines;
    {
        std::string& input = clients_.at(id).input;
        input.append(bytes);
        for (auto newline = input.find('\n'); newline != std::string::npos; newline = input.find('\n')) {
            lines.push_back(input.substr(0, newline));
            input.erase(0, newline + 1);
        }
        if (input.size() > max_request) {
            input.clear();
            clients_.at(id).stream->send("error request too long\n");
        }
    }
    for (auto& line : lines) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::string reply;
        for (const auto& r : handler_(line))
            reply += r + "\n";
        if (auto it = clients_.find(id); it != clients_.end())
            it->second.stream->send(reply);
    }
}

} // namespace smsgate::sim
