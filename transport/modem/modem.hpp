// modem.hpp - the modem driver: one modem's life, in its own thread. Opens
// the link (with backoff), initialises the modem from a table, then serves:
// sends what the layer above gives it, sweeps the storage for SMS and status
// reports, follows indications, watches registration and signal; resets the
// modem after consecutive timeouts and reopens a link that vanished. What it
// sees it tells through Events (events.hpp); it keeps no record of its own.
#pragma once

#include "modem/channel.hpp"
#include "modem/events.hpp"
#include "modem/settings.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smsgate::modem {

// Opens a modem's link; the transcript tests put a scripted modem here.
using LinkOpener = std::function<Result<std::unique_ptr<link::Link>>(const link::LinkConfig&)>;

class Modem {
public:
    // Empty opener: link::open_link.
    Modem(Settings settings, Events& events, LinkOpener open_link = {});
    // The thread's body: returns when events.stopping().
    void run();

private:
    enum class Served { link_failed, reset, stopped };
    class ChannelSender;

    // One open link: initialise, serve, and reset when the modem went
    // silent. A modem that initialised brings the backoff back to its start.
    Served session(Channel& ch, std::chrono::milliseconds& backoff);
    Served serve(Channel& ch);
    std::optional<Served> broken(Channel& ch) const;
    bool initialise(Channel& ch);
    bool enter_pin(Channel& ch);
    bool setup_storage(Channel& ch);
    void setup_indications(Channel& ch);
    // Sets the routing of setup_indications() again: a modem turns it off
    // when a routed message was not acknowledged in time.
    void keep_routing(Channel& ch);
    void run_init_commands(Channel& ch);
    void check_network(Channel& ch);
    // Lets the layer above send through this channel.
    bool send_work(Channel& ch);
    // AT+CMMS=1 before a send that more sends follow (TS 27.005 3.5.6),
    // unless it is still in force or the modem refused it.
    void keep_link_up(Channel& ch);
    // Sweeps; again after the next send while it was full, and tells
    // swept() once it no longer is.
    void sweep_to_end(Channel& ch);
    // One sweep of each storage: true when a full one was emptied, so that
    // messages waiting at the network may have come in.
    bool sweep(Channel& ch);
    bool sweep_storage(Channel& ch, const std::string& storage);
    void handle_urcs(Channel& ch);
    void handle_routed(Channel& ch, const at::Urc& urc);
    // Hands a PDU on and deletes it from the modem when it is safe. left:
    // it could not even be committed (a routed one is then not
    // acknowledged, a stored one stays on the modem); kept: committed and
    // still on the modem; erased: committed and deleted from it.
    enum class Taken { left, kept, erased };
    Taken take(Channel& ch, const ReceivedPdu& pdu);
    // Changes the state and tells it.
    void update(const std::function<void(State&)>& change);
    // Sets last_error, logs it as a warning with the prefix, and fails.
    bool fail(const std::string& log_line, const std::string& last_error);

    Settings settings_;
    Events& events_;
    LinkOpener open_link_;
    State state_;
    std::vector<std::string> storages_; // what the sweep reads: "SM", or "SM" and "SR"
    bool ack_routed_ = false;           // AT+CSMS=1 phase 2+: routed +CMT/+CDS need AT+CNMA
    std::string routing_;               // AT+CNMI values that route messages (acknowledged), or empty
    bool sweep_due_ = true;
    bool restarted_ = false; // the modem said it booted (RDY, ^SYSSTART)
    int storage_slots_ = 0;  // of the first storage, from AT+CPMS?: a listing this long means it was full
    bool cmms_refused_ = false; // AT+CMMS=1 refused: not asked again until the next initialisation
    // Until when the last AT+CMMS=1 surely holds (it lapses 1-5 s after the
    // last send): a send after that begins a new burst.
    std::optional<std::chrono::steady_clock::time_point> cmms_holds_until_;
};

} // namespace smsgate::modem
