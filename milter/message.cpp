// message.cpp - one message's SMS decisions.
#include "message.hpp"

#include "checks/checks.hpp"
#include "checks/sms_message.hpp"
#include "quota/quota_tally.hpp"
#include "sms/national_tables.hpp"
#include "sms/segment.hpp"

namespace smsgate::milter {

Message::Message(std::shared_ptr<const Snapshot> snapshot, Envelope envelope, QuotaTally* quota)
    : snapshot_(std::move(snapshot)), envelope_(std::move(envelope)), quota_(quota)
{
    policy::Query query{envelope_.sender, envelope_.sasl_login, envelope_.client_address};
    policy_ = snapshot_->senders->lookup(query);
    sender_refusal_ = checks::check_sender(policy_, query);
}

Message::~Message() { release_reservation(); }

void Message::release_reservation()
{
    if (quota_ && reserved_ > 0)
        quota_->release(quota_key(), reserved_);
    reserved_ = 0;
}

std::string Message::quota_key() const { return quota::sender_key(envelope_.sender, envelope_.sasl_login); }

std::optional<Verdict> Message::recipient(std::string_view written, std::string_view routed,
                                                  std::int64_t now)
{
    const auto& sms = snapshot_->sms;
    auto local = routed.empty() ? config::sms_local_part(sms, written, config::AddressForm::written)
                                : config::sms_local_part(sms, routed, config::AddressForm::routed);
    if (!local) {
        ++others_;
        return std::nullopt;
    }
    if (sender_refusal_)
        return sender_refusal_;
    auto number = checks::check_number(policy_, *local, sms.default_region);
    if (auto* r = std::get_if<Verdict>(&number))
        return *r;
    if (sms_recipients_ >= policy_.max_recipients)
        return Verdict{452, "4.5.3",
                       "too many SMS recipients: at most " + std::to_string(policy_.max_recipients) +
                           " per message; send the rest in another message"};
    if (policy_.quota.limited()) {
        if (!quota_)
            return checks::internal("the SMS quota cannot be checked now");
        // This message's earlier SMS recipients are held already.
        auto full = quota_->check(quota_key(), policy_.quota, 1, now);
        if (!full)
            return checks::internal("the SMS quota cannot be checked now");
        if (*full)
            return checks::over_quota(**full);
        quota_->reserve(quota_key(), 1);
        ++reserved_;
    }
    ++sms_recipients_;
    numbers_.push_back(std::get<phone::PhoneNumber>(number).e164);
    return std::nullopt;
}

void Message::header(std::string_view name, std::string_view value)
{
    std::string line;
    line.reserve(name.size() + value.size() + 4);
    line.append(name).append(":").append(value).append("\r\n");
    body(line);
}

void Message::end_of_headers() { body("\r\n"); }

void Message::body(std::string_view chunk)
{
    size_ += chunk.size();
    auto limit = static_cast<std::size_t>(snapshot_->sms.max_message_size);
    if (raw_.size() < limit)
        raw_.append(chunk.substr(0, limit - raw_.size()));
}

EndOfMessage Message::end_of_message(std::int64_t now, const std::string& queue_id)
{
    auto end = decide_end(now, queue_id);
    // Only SMS recipients are ever refused: with others in the message, a
    // refusal here would refuse their mail too.
    if (end.refusal && others_ > 0) {
        end.left_to_transport = true;
        release_reservation(); // not sent from here: the transport refuses the SMS copy
    }
    return end;
}

EndOfMessage Message::decide_end(std::int64_t now, const std::string& queue_id)
{
    EndOfMessage end;
    end.sms_recipients = sms_recipients_;
    auto content = checks::sms_content(raw_, size_, snapshot_->sms, policy_);
    if (auto* r = std::get_if<Verdict>(&content)) {
        end.refusal = *r;
        return end;
    }
    const auto& plan = std::get<checks::SmsContent>(content).plan;
    end.parts_header = std::to_string(plan.parts) + "; encoding=" +
                       (plan.alphabet == sms::Alphabet::gsm7 ? "GSM-7" : "UCS-2");
    if (plan.shifts.locking != 0)
        end.parts_header += "; locking-shift=" + std::string(sms::national_code(plan.shifts.locking));
    if (plan.shifts.single != 0)
        end.parts_header += "; single-shift=" + std::string(sms::national_code(plan.shifts.single));
    if (policy_.quota.limited() && quota_) {
        auto ok = quota_->record(quota_key(), end.sms_recipients, now, queue_id, numbers_);
        release_reservation();
        if (!ok)
            end.refusal = checks::internal("the SMS quota cannot be counted now");
    }
    return end;
}

} // namespace smsgate::milter
