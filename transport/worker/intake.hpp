// intake.hpp - a delivery from the pipe(8) transport (request=deliver) to a
// submission: the checks the milter makes (senders table, number, text:
// delivery.hpp) and the sender's quota claimed in the quota book, for mail
// that did not pass the milter (quota/quota_book.hpp, COUNTED ONCE). Done
// here, in the long-running worker, so that the transport started for every
// delivery loads none of the libraries these need.
//
// The senders table is read again when its file changed (a new inode, size
// or modification time), so that an edit counts from the next delivery on,
// as when each transport read it. The quota book is opened at the first
// sender with a quota, and kept open.
#pragma once

#include "config/sms_config.hpp"
#include "policy/senders.hpp"
#include "proto/requests.hpp"
#include "quota/quota_book.hpp"
#include "verdict/verdict.hpp"

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <variant>

namespace smsgate::worker {

class Intake {
public:
    Intake(const config::SmsConfig& sms, std::string quota_database);

    // The submission, or the verdict that ends the delivery here (a
    // refusal of the checks or of the quota, or 4.3.x when the senders
    // table or the quota book cannot be read now). now: Unix time.
    std::variant<Verdict, proto::SubmitRequest> take(const proto::DeliverRequest& request, std::int64_t now);

private:
    // The senders table, read again when its file changed.
    Result<std::shared_ptr<const policy::SendersTable>> senders();
    std::optional<Verdict> claim_quota(const policy::Quota& quota, const std::string& key,
                                       const proto::SubmitRequest& request, std::int64_t now);

    const config::SmsConfig& sms_;
    std::string quota_database_;
    std::shared_ptr<const policy::SendersTable> senders_;
    struct FileStamp {
        dev_t dev = 0;
        ino_t ino = 0;
        off_t size = -1;
        timespec mtime{};
    } senders_stamp_;
    std::unique_ptr<quota::QuotaBook> book_;
};

} // namespace smsgate::worker
