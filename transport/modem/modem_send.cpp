// modem_send.cpp - one AT+CMGS and what its answer says: sent with the MR
// the network gave, refused with the class of its +CMS ERROR, or interrupted
// before a final result (then whether the PDU reached the modem). What to do
// about it is for the layer above.
#include "modem/modem.hpp"

namespace smsgate::modem {

class Modem::ChannelSender : public Sender {
public:
    explicit ChannelSender(Channel& ch) : ch_(ch) {}

    SendResult send(const std::string& pdu_hex, int tpdu_length) override
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

private:
    Channel& ch_;
};

bool Modem::send_work(Channel& ch)
{
    ChannelSender sender(ch);
    return events_.work(sender);
}

} // namespace smsgate::modem
