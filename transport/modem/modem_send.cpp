// modem_send.cpp - one AT+CMGS and what its answer says: sent with the MR
// the network gave, refused with the class of its +CMS ERROR, or interrupted
// before a final result (then whether the PDU reached the modem). What to do
// about it is for the layer above. With more sends to follow, AT+CMMS=1
// first (TS 27.005 3.5.6): the modem keeps the radio link to the network up
// between them. Mode 1 lapses by itself 1 to 5 s after the last send, so it
// is given again for a send more than a second after the last one; a modem
// that refuses it is not asked again until it is initialised again.
#include "log/log.hpp"
#include "modem/modem.hpp"

namespace smsgate::modem {

namespace {

// The shortest time AT+CMMS=1 holds after a send (TS 27.005 3.5.6: 1-5 s).
constexpr std::chrono::seconds cmms_holds{1};

} // namespace

void Modem::keep_link_up(Channel& ch)
{
    if (cmms_refused_ || (cmms_holds_until_ && std::chrono::steady_clock::now() < *cmms_holds_until_))
        return;
    at::Expect e{"AT+CMMS=1", {}, false, false, false};
    auto r = ch.run_text(e, std::chrono::milliseconds(at::timeouts::setting_ms));
    if (r.ok()) {
        cmms_holds_until_ = std::chrono::steady_clock::now() + cmms_holds;
        return;
    }
    if (r.failure)
        return; // no answer: nothing learnt of the modem
    cmms_refused_ = true;
    log::info(settings_.name + ": AT+CMMS=1 refused (" + at::describe_final_result(r.outcome->final) +
              "); sending without keeping the radio link up");
}

class Modem::ChannelSender : public Sender {
public:
    ChannelSender(Modem& modem, Channel& ch) : modem_(modem), ch_(ch) {}

    void jobs_waiting(bool waiting) override { jobs_waiting_ = waiting; }

    SendResult send(const std::string& pdu_hex, int tpdu_length, bool more_parts) override
    {
        if (more_parts || jobs_waiting_)
            modem_.keep_link_up(ch_);
        SendResult result = send_one(pdu_hex, tpdu_length);
        // The modem's AT+CMMS timer starts again with each send.
        if (modem_.cmms_holds_until_)
            modem_.cmms_holds_until_ = std::chrono::steady_clock::now() + cmms_holds;
        return result;
    }

private:
    SendResult send_one(const std::string& pdu_hex, int tpdu_length)
    {
        SendResult result;
        auto r = ch_.run(at::Command::send, {std::to_string(tpdu_length)}, pdu_hex);
        if (r.failure) {
            result.kind = SendResult::Kind::interrupted;
            result.pdu_written = r.pdu_written;
            result.stopped = r.failure == ChannelFailure::stopped;
            result.error = r.error;
            return result;
        }
        result.final = r.outcome->final;
        if (r.ok()) {
            auto reply = at::answer(at::queries::submit, *r.outcome);
            result.kind = reply ? SendResult::Kind::sent : SendResult::Kind::unconfirmed;
            result.mr = reply ? reply->mr : 0;
            return result;
        }
        if (result.final.kind == at::FinalKind::cms_error) {
            result.kind = SendResult::Kind::cms_error;
            result.cms = sms::describe_cms_error(result.final.code);
            return result;
        }
        result.kind = SendResult::Kind::refused;
        return result;
    }

    Modem& modem_;
    Channel& ch_;
    bool jobs_waiting_ = false;
};

bool Modem::send_work(Channel& ch)
{
    ChannelSender sender(*this, ch);
    return events_.work(sender);
}

} // namespace smsgate::modem
