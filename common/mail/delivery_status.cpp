// delivery_status.cpp - the fields of a message/delivery-status part.
#include "mail/delivery_status.hpp"

#include "mail/report_mail.hpp"
#include "util/words.hpp"

#include <array>
#include <cstdio>
#include <vector>

namespace smsgate::mail {

namespace {

// A field's value is cut here, as a header's is (report_mail.cpp): with the
// longest field name no line can pass 998 octets.
constexpr std::size_t max_value_octets = 900;

// Lines are folded before this, where white space allows (RFC 5322 §2.1.1).
constexpr std::size_t fold_at = 78;

// The code point of the UTF-8 sequence at text[i] (valid UTF-8: it went
// through single_line) and its length.
std::pair<unsigned, std::size_t> code_point(std::string_view text, std::size_t i)
{
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned value = c & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
        value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return {value, length};
}

// One line of printable ASCII: what single_line() leaves, each character
// outside ASCII as "\x{HEX}", cut (never inside an escape) to the limit.
std::string field_value(std::string_view value)
{
    std::string text = single_line(value);
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::string piece;
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            piece = text.substr(i, 1);
            ++i;
        } else {
            auto [point, length] = code_point(text, i);
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\x{%X}", point);
            piece = buf;
            i += length;
        }
        if (out.size() + piece.size() > max_value_octets)
            break;
        out += piece;
    }
    return out;
}

// "Name: value" folded at spaces before fold_at octets, LF-ended.
std::string field(std::string_view name, std::string_view value)
{
    std::string out(name);
    out += ":";
    std::size_t line_start = 0;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t end = value.find(' ', start);
        if (end == std::string_view::npos)
            end = value.size();
        auto word = value.substr(start, end - start);
        // Only after something of the value: a field's first word stays on its line.
        if (out.size() - line_start + 1 + word.size() > fold_at && out.size() - line_start > name.size() + 1) {
            out += "\n";
            line_start = out.size();
        }
        out += " ";
        out += word;
        start = end + 1;
    }
    return out + "\n";
}

bool fits(DsnAction action, const StatusCode& status)
{
    switch (action) {
    case DsnAction::failed:
        return status.verdict_class() == VerdictClass::permanent;
    case DsnAction::delayed:
        return status.verdict_class() == VerdictClass::temporary;
    case DsnAction::delivered:
    case DsnAction::relayed:
        break;
    }
    return status.verdict_class() == VerdictClass::ok;
}

} // namespace

std::string_view dsn_action_word(DsnAction action)
{
    static constexpr std::array<std::string_view, 4> words = {"failed", "delayed", "delivered", "relayed"};
    return word_of(words, action);
}

std::optional<DsnAction> dsn_action(ReportMail::Kind kind)
{
    switch (kind) {
    case ReportMail::Kind::network:
        return DsnAction::relayed;
    case ReportMail::Kind::handset:
        return DsnAction::delivered;
    case ReportMail::Kind::trying:
        return DsnAction::delayed;
    case ReportMail::Kind::failed:
        return DsnAction::failed;
    case ReportMail::Kind::incoming:
        break;
    }
    return std::nullopt;
}

Result<std::string> delivery_status_text(const DeliveryStatus& s)
{
    std::string mta = field_value(s.reporting_mta);
    if (mta.empty())
        return make_error("reporting_mta", "empty");
    std::string final_recipient = field_value(s.final_recipient);
    if (final_recipient.empty())
        return make_error("final_recipient", "empty");
    if (!fits(s.action, s.status))
        return make_error("status", "Action: " + std::string(dsn_action_word(s.action)) + " with Status: " +
                                        s.status.str());

    std::string out = field("Reporting-MTA", "dns; " + mta);
    if (auto envid = field_value(s.original_envelope_id); !envid.empty())
        out += field("Original-Envelope-Id", envid);
    if (auto date = field_value(s.arrival_date); !date.empty())
        out += field("Arrival-Date", date);
    out += "\n";
    if (auto original = field_value(s.original_recipient); !original.empty())
        out += field("Original-Recipient", "rfc822; " + original);
    out += field("Final-Recipient", "rfc822; " + final_recipient);
    out += field("Action", dsn_action_word(s.action));
    out += field("Status", s.status.str());
    if (auto diagnostic = field_value(s.diagnostic); !diagnostic.empty())
        out += field("Diagnostic-Code", "X-SMS; " + diagnostic);
    if (auto date = field_value(s.last_attempt_date); !date.empty())
        out += field("Last-Attempt-Date", date);
    return out;
}

} // namespace smsgate::mail
