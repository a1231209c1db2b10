// network.cpp - address text through inet_pton(3) and inet_ntop(3), and
// prefix comparison bit by bit.
#include "policy/network.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>

namespace smsgate::policy {

namespace {

// ::ffff:0:0/96 (RFC 4291 2.5.5.2).
constexpr std::array<std::uint8_t, 12> mapped_prefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};

bool is_mapped(const IpAddress& a)
{
    return a.family == Family::ipv6 && std::equal(mapped_prefix.begin(), mapped_prefix.end(), a.octets.begin());
}

IpAddress unmapped(const IpAddress& a)
{
    IpAddress v4;
    std::copy_n(a.octets.begin() + 12, 4, v4.octets.begin());
    return v4;
}

// Whether the first bits of two addresses' octets are equal.
bool same_prefix(const IpAddress& a, const IpAddress& b, int bits)
{
    int whole = bits / 8;
    if (!std::equal(a.octets.begin(), a.octets.begin() + whole, b.octets.begin()))
        return false;
    int rest = bits % 8;
    if (rest == 0)
        return true;
    auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
    return (a.octets[whole] & mask) == (b.octets[whole] & mask);
}

IpAddress masked(IpAddress a, int bits)
{
    for (int i = 0; i < 16; ++i) {
        int keep = std::clamp(bits - i * 8, 0, 8);
        a.octets[i] &= static_cast<std::uint8_t>(0xFF00 >> keep);
    }
    return a;
}

} // namespace

int address_bits(Family family) { return family == Family::ipv4 ? 32 : 128; }

std::optional<IpAddress> parse_ip_address(std::string_view text)
{
    const std::string z(text); // inet_pton wants a terminated string
    IpAddress a;
    if (text.find(':') == std::string_view::npos) {
        if (inet_pton(AF_INET, z.c_str(), a.octets.data()) != 1)
            return std::nullopt;
        return a;
    }
    a.family = Family::ipv6;
    if (inet_pton(AF_INET6, z.c_str(), a.octets.data()) != 1)
        return std::nullopt;
    return is_mapped(a) ? unmapped(a) : a;
}

std::optional<IpAddress> parse_client_address(std::string_view text)
{
    constexpr std::string_view literal = "ipv6:";
    if (text.size() > literal.size() &&
        std::equal(literal.begin(), literal.end(), text.begin(), [](char l, char c) {
            return l == (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }))
        text.remove_prefix(literal.size());
    if (auto zone = text.find('%'); zone != std::string_view::npos)
        text = text.substr(0, zone);
    return parse_ip_address(text);
}

std::string to_string(const IpAddress& address)
{
    char buffer[INET6_ADDRSTRLEN] = {};
    int family = address.family == Family::ipv4 ? AF_INET : AF_INET6;
    if (!inet_ntop(family, address.octets.data(), buffer, sizeof buffer))
        return {};
    return buffer;
}

bool Network::contains(const IpAddress& address) const
{
    return address.family == base.family && same_prefix(base, address, prefix_length);
}

std::string Network::text() const { return to_string(base) + "/" + std::to_string(prefix_length); }

Result<Network> parse_network(std::string_view text)
{
    const auto slash = text.find('/');
    const auto address_text = text.substr(0, slash);
    const auto parsed = parse_ip_address(address_text);
    if (!parsed)
        return make_error("network", "bad network '" + std::string(text) + "': '" + std::string(address_text) +
                                         "' is not an IPv4 or IPv6 address");
    // Read the prefix length against the address as written: a mapped
    // address counts 128 bits until it is turned into IPv4.
    const bool mapped = parsed->family == Family::ipv4 && address_text.find(':') != std::string_view::npos;
    const int bits = mapped ? 128 : address_bits(parsed->family);
    int length = bits;
    if (slash != std::string_view::npos) {
        const auto digits = text.substr(slash + 1);
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || length < 0 ||
            length > bits)
            return make_error("network", "bad network '" + std::string(text) + "': the prefix length must be 0 to " +
                                             std::to_string(bits));
    }
    Network net{*parsed, length};
    if (mapped) {
        if (length < 96) {
            // Wider than the mapped range: an IPv6 network like any other.
            IpAddress v6;
            v6.family = Family::ipv6;
            std::copy(mapped_prefix.begin(), mapped_prefix.end(), v6.octets.begin());
            std::copy_n(parsed->octets.begin(), 4, v6.octets.begin() + 12);
            net.base = v6;
        } else {
            net.prefix_length = length - 96;
        }
    }
    if (masked(net.base, net.prefix_length) != net.base) {
        Network meant{masked(net.base, net.prefix_length), net.prefix_length};
        return make_error("network", "bad network '" + std::string(text) + "': host bits are set (" + meant.text() +
                                         " is the network)");
    }
    return net;
}

} // namespace smsgate::policy
