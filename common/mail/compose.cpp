// compose.cpp - template filling for the SMS text.
#include "mail/compose.hpp"

#include <vector>

namespace smsgate::mail {

namespace {

struct Piece {
    bool field = false;
    std::string text; // the literal, or the field's value
};

std::vector<Piece> fill(std::string_view text_template, std::string_view subject, std::string_view body)
{
    std::vector<Piece> pieces;
    auto literal = [&](std::string_view s) {
        if (pieces.empty() || pieces.back().field)
            pieces.push_back({false, {}});
        pieces.back().text += s;
    };
    std::size_t i = 0;
    while (i < text_template.size()) {
        std::size_t open = text_template.find('{', i);
        if (open == std::string_view::npos) {
            literal(text_template.substr(i));
            break;
        }
        literal(text_template.substr(i, open - i));
        std::size_t close = text_template.find('}', open);
        std::string_view name = close == std::string_view::npos ? std::string_view()
                                                                 : text_template.substr(open + 1, close - open - 1);
        if (name == "subject" || name == "body") {
            pieces.push_back({true, std::string(name == "subject" ? subject : body)});
            i = close + 1;
        } else {
            literal("{");
            i = open + 1;
        }
    }
    return pieces;
}

} // namespace

std::string compose_text(std::string_view text_template, std::string_view subject, std::string_view body,
                         std::string_view prefix)
{
    std::vector<Piece> pieces = fill(text_template, subject, body);
    std::string out;
    const std::string* separator = nullptr; // the literal after the last field written
    bool any_field = false;
    bool seen_field = false;
    for (const auto& piece : pieces) {
        if (!piece.field) {
            if (!seen_field)
                out += piece.text; // before the first field
            else if (any_field && !separator)
                separator = &piece.text;
            continue;
        }
        seen_field = true;
        if (piece.text.empty())
            continue;
        if (any_field && separator)
            out += *separator;
        out += piece.text;
        any_field = true;
        separator = nullptr;
    }
    if (!any_field)
        return {};
    if (!pieces.empty() && !pieces.back().field)
        out += pieces.back().text; // after the last field
    if (!prefix.empty())
        out = std::string(prefix) + " " + out;
    return out;
}

} // namespace smsgate::mail
