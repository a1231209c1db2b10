// routing.cpp - the three places an incoming SMS can go, in order.
#include "worker/routing.hpp"

#include "phone/number.hpp"

namespace smsgate::worker {

std::string originator_number(const std::string& originator, bool alphanumeric, const std::string& default_region)
{
    if (alphanumeric || originator.empty())
        return originator;
    auto number = phone::parse_number(originator, default_region);
    return number ? number->e164 : originator;
}

Route choose_route(const std::string& originator, bool alphanumeric, const std::optional<store::Job>& conversation,
                   const config::NumberMap& map, const std::string& default_mailbox)
{
    Route r;
    if (!alphanumeric && conversation && !conversation->sender.empty()) {
        r.recipient = conversation->sender;
        r.to_name = conversation->from_name;
        r.in_reply_to = thread_id(*conversation);
        r.how = RouteReason::conversation;
        return r;
    }
    if (auto mapped = map.find(originator)) {
        r.recipient = *mapped;
        r.how = RouteReason::number_map;
        return r;
    }
    r.recipient = default_mailbox;
    r.how = RouteReason::default_mailbox;
    return r;
}

} // namespace smsgate::worker
