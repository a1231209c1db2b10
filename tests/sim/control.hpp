// control.hpp - the control interface: a Unix stream socket where tests
// and the demo send one request a line and read reply lines, the last of
// them "ok ..." or "error ...".
#pragma once

#include "event_loop.hpp"
#include "transport.hpp"
#include "util/fd.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace smsgate::sim {

class Modem;

class ControlServer {
public:
    using Handler = std::function<std::vector<std::string>(const std::string& line)>;

    // Replaces a stale socket at path; throws when it cannot listen.
    ControlServer(EventLoop& loop, std::string path, Handler handler);
    ~ControlServer(); // closes the clients and removes the socket
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

private:
    struct Client {
        Fd fd;
        std::unique_ptr<Stream> stream;
        std::string input;
    };

    void accept_client();
    void receive(unsigned id, std::string_view bytes);

    EventLoop& loop_;
    std::string path_;
    Handler handler_;
    Fd listener_;
    std::map<unsigned, Client> clients_;
    unsigned next_client_ = 1;
};

// One request of the control protocol, answered: see smsgate-modem-sim(1).
std::vector<std::string> control_request(Modem& modem, const std::string& line);

} // namespace smsgate::sim
