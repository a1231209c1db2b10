// key.cpp - which kind of key a word is, and its lookup form.
#include "policy/key.hpp"

#include <algorithm>

namespace smsgate::policy {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Meant as an address or a network, whatever is wrong with it ("300.1.2.3",
// "10.0.0.0/33", "2001:db8::/200"): a slash or a colon, or digits and dots.
bool looks_numeric(std::string_view word)
{
    if (word.find_first_of("/:") != std::string_view::npos)
        return true;
    return word.find('.') != std::string_view::npos && word.find_first_not_of("0123456789.") == std::string_view::npos;
}

} // namespace

SenderAddress::SenderAddress(std::string_view text)
{
    if (text.size() >= 2 && text.front() == '<' && text.back() == '>')
        text = text.substr(1, text.size() - 2);
    address_.resize(text.size());
    std::transform(text.begin(), text.end(), address_.begin(), lower);
    at_ = address_.rfind('@');
}

std::string_view SenderAddress::local_part() const
{
    return std::string_view(address_).substr(0, at_);
}

std::string_view SenderAddress::domain() const
{
    return at_ == std::string::npos ? std::string_view() : std::string_view(address_).substr(at_ + 1);
}

Result<Key> parse_key(std::string_view word)
{
    const std::string quoted = "'" + std::string(word) + "'";
    if (word == "default")
        return Key{KeyKind::default_entry, "default", {}};
    if (word.starts_with("sasl:")) {
        if (word.size() == 5)
            return make_error("key", "bad key " + quoted + ": the SASL login is missing");
        return Key{KeyKind::sasl_login, std::string(word.substr(5)), {}};
    }
    if (word.find('@') != std::string_view::npos) {
        const SenderAddress sender(word);
        const bool local = !sender.local_part().empty();
        const bool domain = !sender.domain().empty();
        if (local && domain)
            return Key{KeyKind::address, sender.address(), {}};
        if (local)
            return Key{KeyKind::local_part, std::string(sender.local_part()), {}};
        if (domain)
            return Key{KeyKind::domain, std::string(sender.domain()), {}};
        return make_error("key", "bad key " + quoted + ": write user@domain, @domain or user@");
    }
    if (looks_numeric(word)) {
        auto network = parse_network(word);
        if (!network)
            return make_error("key", network.error().message);
        return Key{KeyKind::network, network->text(), *network};
    }
    if (word.find('.') != std::string_view::npos)
        return make_error("key", "bad key " + quoted + ": write @" + std::string(word) + " for a sender domain");
    return make_error("key", "bad key " + quoted +
                                 ": expected user@domain, @domain, user@, sasl:LOGIN, an IP address or network, "
                                 "or default");
}

} // namespace smsgate::policy
