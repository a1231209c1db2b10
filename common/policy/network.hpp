// network.hpp - IPv4 and IPv6 addresses and CIDR networks, for the client
// address keys of the senders table. An IPv4-mapped IPv6 address
// (::ffff:192.0.2.1, RFC 4291 2.5.5.2) is read as the IPv4 address it
// carries, so that a client that reaches a dual-stack listener over IPv4
// matches the IPv4 entries.
#pragma once

#include "util/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smsgate::policy {

enum class Family { ipv4, ipv6 };

struct IpAddress {
    Family family = Family::ipv4;
    // Network byte order; an IPv4 address uses the first 4 octets.
    std::array<std::uint8_t, 16> octets{};

    friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// Bits in an address of that family: 32 or 128.
int address_bits(Family family);

// "192.0.2.1" (four decimal octets, nothing shortened) or any IPv6 text form
// of RFC 4291 2.2. Nothing else: no host names, no "IPv6:" prefix.
std::optional<IpAddress> parse_ip_address(std::string_view text);

// A client address as a mail server reports it: also accepts the "IPv6:"
// prefix of RFC 5321 address literals and drops a "%zone" suffix.
std::optional<IpAddress> parse_client_address(std::string_view text);

// "192.0.2.1", "2001:db8::1" (RFC 5952, as inet_ntop writes it).
std::string to_string(const IpAddress& address);

struct Network {
    IpAddress base; // host bits all zero
    int prefix_length = 0;

    bool contains(const IpAddress& address) const;
    // Canonical text: "192.0.2.0/24", "2001:db8::/32", "10.1.2.3/32".
    std::string text() const;

    friend bool operator==(const Network&, const Network&) = default;
};

// "192.0.2.0/24", "2001:db8::/32", or a bare address (a /32 or /128). An
// IPv4-mapped network of /96 or longer becomes the IPv4 network it covers.
// Errors: not an address, a prefix length out of range, host bits set.
Result<Network> parse_network(std::string_view text);

} // namespace smsgate::policy
