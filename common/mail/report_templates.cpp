// report_templates.cpp - the shipped subjects and bodies of the mails
// written back, and the "{name}" filling they go through.
#include "mail/report_mail.hpp"

#include "util/text.hpp"

#include <cctype>

namespace smsgate::mail {

namespace {

bool is_name_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// English, the default.
constexpr ReportTemplates english{
    "en",
    {"Message to {number} was delivered to the network.",
     "Message to {number} ({international}) was delivered to the network.\n"
     "--- Original message ---\n"
     "{text}"},
    {"Message to {number} was delivered to the handset.",
     "Message to {number} ({international}) was delivered to the handset.\n"
     "--- Original message ---\n"
     "{text}"},
    {"Message to {number} is not delivered yet.",
     "Message to {number} ({international}) is not delivered yet: {reason} ({code}).\n"
     "The network keeps trying.\n"
     "--- Original message ---\n"
     "{text}"},
    {"Message to {number} was not delivered.",
     "Message to {number} ({international}) was not delivered: {reason} ({code}).\n"
     "--- Original message ---\n"
     "{text}"},
    {"{subject}", "{text}"},
    "This SMS came from \"{originator}\", a name rather than a number: it cannot be answered.",
};

// SMS Comfort's texts, as the seed log shows them for the network and the
// handset reports and the incoming SMS; the failure report in the same
// words, since the log has none.
constexpr ReportTemplates dutch{
    "nl",
    {"Bericht aan {number} is afgeleverd op het netwerk.",
     "Bericht aan {number} is afgeleverd op het netwerk.\n"
     "--- Oorspronkelijk bericht ---\n"
     "{text}"},
    {"Bericht aan {number} is afgeleverd op GSM.",
     "Bericht aan {number} is afgeleverd op GSM.\n"
     "--- Oorspronkelijk bericht ---\n"
     "{text}"},
    {"Bericht aan {number} is nog niet afgeleverd.",
     "Bericht aan {number} ({international}) is nog niet afgeleverd: {reason} ({code}).\n"
     "Het netwerk probeert het verder.\n"
     "--- Oorspronkelijk bericht ---\n"
     "{text}"},
    {"Bericht aan {number} is niet afgeleverd.",
     "Bericht aan {number} ({international}) is niet afgeleverd: {reason} ({code}).\n"
     "--- Oorspronkelijk bericht ---\n"
     "{text}"},
    {"{subject}", "{text}"},
    "Dit bericht komt van \"{originator}\", een naam en geen nummer: er kan niet op geantwoord worden.",
};

} // namespace

std::string fill_template(std::string_view text_template, const std::map<std::string, std::string>& values)
{
    std::string out;
    std::size_t i = 0;
    while (i < text_template.size()) {
        std::size_t open = text_template.find('{', i);
        if (open == std::string_view::npos) {
            out += text_template.substr(i);
            break;
        }
        out += text_template.substr(i, open - i);
        std::size_t end = open + 1;
        while (end < text_template.size() && is_name_char(text_template[end]))
            ++end;
        if (end < text_template.size() && text_template[end] == '}' && end > open + 1) {
            auto found = values.find(std::string(text_template.substr(open + 1, end - open - 1)));
            if (found != values.end()) {
                out += found->second;
                i = end + 1;
                continue;
            }
        }
        out += '{';
        i = open + 1;
    }
    return out;
}

const ReportTemplate& ReportTemplates::for_kind(ReportMail::Kind kind) const
{
    switch (kind) {
    case ReportMail::Kind::network:
        return network;
    case ReportMail::Kind::handset:
        return handset;
    case ReportMail::Kind::trying:
        return trying;
    case ReportMail::Kind::failed:
        return failed;
    case ReportMail::Kind::incoming:
        break;
    }
    return incoming;
}

std::string primary_language(std::string_view language)
{
    return ascii_lower(language.substr(0, language.find_first_of("-_")));
}

const ReportTemplates& templates_for(std::string_view language)
{
    return primary_language(language) == "nl" ? dutch : english;
}

} // namespace smsgate::mail
