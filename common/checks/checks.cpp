// checks.cpp - sender, number and text decisions with their replies.
#include "checks/checks.hpp"

#include <algorithm>

namespace smsgate::checks {

namespace {

std::string bare(std::string_view sender)
{
    if (sender.size() >= 2 && sender.front() == '<' && sender.back() == '>')
        sender = sender.substr(1, sender.size() - 2);
    return std::string(sender);
}

// "a premium-rate number", for the sender to read.
std::string type_in_words(phone::NumberType type)
{
    using phone::NumberType;
    switch (type) {
    case NumberType::mobile: return "a mobile number";
    case NumberType::fixed_line: return "a fixed-line number";
    case NumberType::fixed_line_or_mobile: return "a fixed-line or mobile number";
    case NumberType::toll_free: return "a toll-free number";
    case NumberType::premium_rate: return "a premium-rate number";
    case NumberType::shared_cost: return "a shared-cost number";
    case NumberType::voip: return "a VoIP number";
    case NumberType::personal_number: return "a personal number";
    case NumberType::pager: return "a pager number";
    case NumberType::uan: return "a company number (UAN)";
    case NumberType::voicemail: return "a voicemail number";
    case NumberType::short_code: return "a short code";
    case NumberType::unknown: break;
    }
    return "a number of unknown type";
}

} // namespace

std::optional<Verdict> check_sender(const policy::SenderPolicy& policy, const policy::Query& query)
{
    auto sender = bare(query.sender);
    auto who = sender.empty() ? std::string("the null sender <>") : "sender " + sender;
    if (!policy.allowed)
        return Verdict{550, "5.7.1",
                       policy.reject_text.empty() ? who + " is not allowed to send SMS" : policy.reject_text};
    if (policy.require_auth && query.sasl_login.empty())
        return Verdict{530, "5.7.0", who + " must authenticate (SMTP AUTH) to send SMS"};
    return std::nullopt;
}

std::variant<phone::PhoneNumber, Verdict> check_number(const policy::SenderPolicy& policy,
                                                       std::string_view local_part, std::string_view default_region)
{
    auto parsed = phone::parse_number(local_part, default_region);
    if (!parsed)
        return Verdict{553, "5.1.3", parsed.error().message};
    const auto& number = *parsed;
    auto shown = number.e164.empty() ? number.national : number.e164;
    auto type = phone::type_name(number.type);
    if (std::find(policy.types.begin(), policy.types.end(), type) == policy.types.end())
        return Verdict{550, "5.7.1", shown + " is " + type_in_words(number.type) + "; SMS to it are not allowed"};
    // Allowed by the policy, but the modems send to international numbers
    // only: a short code has none.
    if (number.e164.empty())
        return Verdict{550, "5.3.3", shown + " is a short code; this gateway sends SMS to international numbers only"};
    if (!phone::destination_allowed(number, policy.destinations)) {
        std::string list;
        for (const auto& d : policy.destinations)
            list += (list.empty() ? "" : ", ") + d;
        return Verdict{550, "5.7.1", "SMS to " + shown + " are not allowed for this sender (allowed: " + list + ")"};
    }
    return number;
}

std::optional<Verdict> check_parts(const policy::SenderPolicy& policy, const sms::TextPlan& plan)
{
    if (plan.parts <= static_cast<std::size_t>(policy.max_parts))
        return std::nullopt;
    return Verdict{552, "5.3.4",
                   "the message needs " + std::to_string(plan.parts) + " SMS parts (" +
                       std::string(plan.alphabet == sms::Alphabet::gsm7 ? "GSM 7-bit" : "UCS-2") + "), at most " +
                       std::to_string(policy.max_parts) + " are allowed"};
}

Verdict refuse_text(const mail::TextProblem& problem)
{
    using mail::TextFault;
    switch (problem.fault) {
    case TextFault::no_header:
    case TextFault::no_text:
        return Verdict{550, "5.6.0", "no text for an SMS in the message: " + problem.message};
    case TextFault::invalid_base64:
    case TextFault::invalid_utf8:
    case TextFault::nul_character:
    case TextFault::control_character:
        return Verdict{550, "5.6.0", "the message body cannot be sent as an SMS: " + problem.message};
    case TextFault::too_deep:
        // RFC 3463 X.6.3: the conversion (MIME to SMS text) is not supported for this structure.
        return Verdict{550, "5.6.3", "the message body cannot be sent as an SMS: " + problem.message};
    }
    return Verdict{550, "5.6.0", "no text for an SMS in the message: " + problem.message};
}

Verdict over_quota(std::string text) { return Verdict{450, "4.7.1", std::move(text)}; }

Verdict too_large(std::size_t size, std::int64_t limit)
{
    return Verdict{552, "5.3.4",
                   "the message has " + std::to_string(size) + " bytes; an SMS message may have " +
                       std::to_string(limit)};
}

Verdict internal(const std::string& text) { return Verdict{451, "4.3.0", text}; }

} // namespace smsgate::checks
