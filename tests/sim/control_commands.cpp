// control_commands.cpp - the requests of the control interface: inject
// messages and status reports, change settings, drop the link, and read
// what was sent, what is stored and which commands came in.
#include "control.hpp"

#include "modem.hpp"
#include "network.hpp"
#include "sent_log.hpp"

#include "sms/hex.hpp"
#include "util/json.hpp"

#include <cctype>

namespace smsgate::sim {

namespace {

using Reply = std::vector<std::string>;

Reply ok(const std::string& detail = "") { return {detail.empty() ? "ok" : "ok " + detail}; }
Reply error(const std::string& message) { return {"error " + message}; }

std::string next_word(std::string_view& rest)
{
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())))
        rest.remove_prefix(1);
    std::size_t end = 0;
    while (end < rest.size() && !std::isspace(static_cast<unsigned char>(rest[end])))
        ++end;
    std::string word(rest.substr(0, end));
    rest.remove_prefix(end);
    return word;
}

std::vector<std::string> words(std::string_view rest)
{
    std::vector<std::string> out;
    for (std::string w = next_word(rest); !w.empty(); w = next_word(rest))
        out.push_back(w);
    return out;
}

// With --escaped: \n, \t and \\ in the text.
std::string unescape(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        char c = text[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    }
    return out;
}

// inject[-parts] [--ucs2] [--ref=N] [--ref16] [--escaped] FROM [ORDER] TEXT...
Reply inject(Modem& modem, std::string_view rest, bool with_order)
{
    sms::DeliverOptions options;
    bool escaped = false;
    std::optional<int> reference;
    std::string word = next_word(rest);
    for (; word.starts_with("--"); word = next_word(rest)) {
        if (word == "--ucs2")
            options.force_ucs2 = true;
        else if (word == "--ref16")
            options.reference_bits = 16;
        else if (word == "--escaped")
            escaped = true;
        else if (word.starts_with("--ref=") && (reference = parse_int(word.substr(6), 0, 0xFFFF)))
            continue;
        else
            return error("unknown flag " + word);
    }
    if (reference && *reference > 0xFF)
        options.reference_bits = 16;
    unsigned mask = options.reference_bits == 16 ? 0xFFFF : 0xFF;
    options.reference = reference ? static_cast<unsigned>(*reference) : modem.network().next_reference() & mask;
    std::string from = word;
    std::vector<int> order;
    if (with_order) {
        std::string order_text = next_word(rest);
        std::string_view list = order_text;
        for (std::string_view item; !list.empty();) {
            auto comma = list.find(',');
            item = list.substr(0, comma);
            list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
            auto n = parse_int(std::string(item), 1, 255);
            if (!n)
                return error("ORDER is part numbers like 3,1,2");
            order.push_back(*n);
        }
        if (order.empty())
            return error("usage: inject-parts FROM ORDER TEXT...");
    }
    if (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())))
        rest.remove_prefix(1); // the one blank after FROM or ORDER; the text is the rest as it is
    if (from.empty())
        return error(with_order ? "usage: inject-parts FROM ORDER TEXT..." : "usage: inject FROM TEXT...");
    auto parts = modem.network().arrive_text(from, escaped ? unescape(rest) : std::string(rest), options, order);
    if (!parts)
        return error(parts.error().what());
    return ok(std::to_string(*parts));
}

Reply inject_pdu(Modem& modem, std::string_view rest)
{
    constexpr std::string_view raw_flag = "--raw ";
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    if (rest.starts_with(raw_flag)) {
        auto octets = sms::from_hex(rest.substr(raw_flag.size()));
        if (!octets)
            return error(octets.error().what());
        if (auto done = modem.network().arrive_raw(std::move(*octets)); !done)
            return error(done.error().what());
        return ok("raw");
    }
    auto octets = sms::from_hex(rest);
    if (!octets)
        return error(octets.error().what());
    auto type = modem.network().arrive(std::move(*octets));
    if (!type)
        return error(type.error().what());
    return ok(std::string(sms::pdu_type_name(*type)));
}

// report MR STATUS [NUMBER]
Reply report(Modem& modem, std::string_view rest)
{
    auto w = words(rest);
    auto mr = w.size() >= 2 ? parse_int(w[0], 0, 255) : std::nullopt;
    auto status = w.size() >= 2 ? parse_int(w[1], 0, 255) : std::nullopt;
    if (!mr || !status || w.size() > 3)
        return error("usage: report MR STATUS [NUMBER]");
    auto done = modem.network().report(static_cast<std::uint8_t>(*mr), *status,
                                       w.size() == 3 ? std::optional<std::string>(w[2]) : std::nullopt);
    if (!done)
        return error(done.error().what());
    return ok();
}

Reply set(Modem& modem, std::string_view rest)
{
    if (auto problem = modem.set(words(rest)))
        return error(*problem);
    return ok();
}

Reply drop(Modem& modem, std::string_view rest)
{
    auto w = words(rest);
    if (w.size() > 1 || (w.size() == 1 && w[0] != "reset"))
        return error("usage: drop [reset]");
    modem.drop(w.size() == 1);
    return ok();
}

Reply sent(Modem& modem, std::string_view)
{
    Reply out;
    for (const auto& r : modem.sent().records())
        out.push_back(SentLog::json(r));
    out.push_back("ok " + std::to_string(out.size()));
    return out;
}

// What a stored or waiting PDU is, in the same words as the sent log.
std::string describe(JsonObject o, const std::vector<std::uint8_t>& octets)
{
    o.add("length", sms::tpdu_length(octets)).add("pdu", sms::to_hex(octets));
    auto pdu = sms::decode_pdu(octets);
    if (!pdu)
        return o.add("error", pdu.error().what()).str();
    o.add("type", sms::pdu_type_name(pdu->type)).add("number", pdu->number.display());
    if (pdu->type == sms::PduType::status_report)
        o.add("mr", pdu->mr.value_or(0)).add("status", pdu->status.value_or(0));
    else
        o.add("text", pdu->text);
    if (pdu->concat)
        o.add("ref", pdu->concat->ref).add("total", pdu->concat->total).add("seq", pdu->concat->seq);
    return o.str();
}

Reply storage(Modem& modem, std::string_view)
{
    Reply out;
    for (Memory* memory : modem.storage().memories())
        for (int index : memory->used_indexes()) {
            const Message& m = *memory->at(index);
            JsonObject o;
            o.add("memory", memory->name()).add("index", index).add("stat", static_cast<int>(m.stat));
            out.push_back(describe(o, m.octets));
        }
    int position = 0;
    for (const auto& waiting : modem.network().queue()) {
        JsonObject o;
        o.add("memory", "queue").add("index", ++position).add_null("stat");
        out.push_back(describe(o, waiting.octets));
    }
    out.push_back("ok " + std::to_string(out.size()));
    return out;
}

Reply commands(Modem& modem, std::string_view)
{
    Reply out;
    for (const auto& c : modem.commands())
        out.push_back(JsonObject().add("n", c.n).add("link", c.link).add("line", c.line).add("ignored", c.ignored).str());
    out.push_back("ok " + std::to_string(out.size()));
    return out;
}

Reply quit(Modem& modem, std::string_view)
{
    modem.loop().stop();
    return ok();
}

Reply ping(Modem&, std::string_view) { return ok(); }

Reply inject_text(Modem& modem, std::string_view rest) { return inject(modem, rest, false); }
Reply inject_parts(Modem& modem, std::string_view rest) { return inject(modem, rest, true); }

struct Request {
    std::string_view name;
    Reply (*run)(Modem&, std::string_view);
};

constexpr Request requests[] = {
    {"ping", ping},       {"inject", inject_text}, {"inject-parts", inject_parts}, {"inject-pdu", inject_pdu},
    {"report", report},   {"set", set},            {"drop", drop},                 {"sent", sent},
    {"storage", storage}, {"commands", commands},  {"quit", quit},
};

} // namespace

std::vector<std::string> control_request(Modem& modem, const std::string& line)
{
    std::string_view rest = line;
    std::string name = next_word(rest);
    if (name == "help") {
        std::string names;
        for (const auto& r : requests)
            names += " " + std::string(r.name);
        return ok("help" + names);
    }
    for (const auto& r : requests)
        if (r.name == name)
            return r.run(modem, rest);
    return error(name.empty() ? "empty request" : "unknown request '" + name + "'; try help");
}

} // namespace smsgate::sim
