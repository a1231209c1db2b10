// intake.cpp - request=deliver: checks, quota claim, then a submission.
#include "worker/intake.hpp"

#include "checks/checks.hpp"
#include "config/senders_file.hpp"
#include "worker/delivery.hpp"

#include <sys/stat.h>

namespace smsgate::worker {

Intake::Intake(const config::SmsConfig& sms, std::string quota_database)
    : sms_(sms), quota_database_(std::move(quota_database))
{
}

Result<std::shared_ptr<const policy::SendersTable>> Intake::senders()
{
    // No file: the built-in table, read once.
    if (senders_ && sms_.senders.empty())
        return senders_;
    FileStamp now;
    struct stat st;
    bool seen = !sms_.senders.empty() && ::stat(sms_.senders.c_str(), &st) == 0;
    if (seen)
        now = {st.st_dev, st.st_ino, st.st_size, st.st_mtim};
    const auto& was = senders_stamp_;
    bool same = now.dev == was.dev && now.ino == was.ino && now.size == was.size &&
                now.mtime.tv_sec == was.mtime.tv_sec && now.mtime.tv_nsec == was.mtime.tv_nsec;
    // A file that cannot be looked at is read again, to say why it cannot.
    if (senders_ && seen && same)
        return senders_;
    auto table = config::load_senders(sms_.senders);
    if (!table)
        return table.error();
    senders_ = *table;
    senders_stamp_ = now;
    return senders_;
}

// The sender's quota, for mail that did not pass the milter: counted in
// the milter's book unless the milter counted it already (quota_book.hpp,
// COUNTED ONCE). Nothing when the SMS may go.
std::optional<Verdict> Intake::claim_quota(const policy::Quota& quota, const std::string& key,
                                           const proto::SubmitRequest& r, std::int64_t now)
{
    if (!quota.limited())
        return std::nullopt;
    auto unavailable = [](const Error& e) {
        return Verdict{0, "4.3.0", "the SMS quota cannot be checked now: " + e.what()};
    };
    if (!book_) {
        auto book = quota::QuotaBook::open(quota_database_);
        if (!book)
            return unavailable(book.error());
        book_ = std::move(book).value();
    }
    auto verdict = book_->claim(key, quota, r.queue_id, r.number, now);
    if (!verdict) {
        book_.reset(); // opened again for the next delivery: the file may have been replaced
        return unavailable(verdict.error());
    }
    if (*verdict)
        return checks::over_quota(**verdict);
    return std::nullopt;
}

std::variant<Verdict, proto::SubmitRequest> Intake::take(const proto::DeliverRequest& request, std::int64_t now)
{
    auto table = senders();
    if (!table)
        return Verdict{0, "4.3.5", "senders table " + table.error().message};
    auto prepared = prepare(request.envelope, request.mail, sms_, **table,
                            static_cast<std::size_t>(request.mail_size));
    if (prepared.refusal)
        return *prepared.refusal;
    if (auto refused = claim_quota(prepared.quota, prepared.quota_key, prepared.request, now))
        return *refused;
    return std::move(prepared.request);
}

} // namespace smsgate::worker
