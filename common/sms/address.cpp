// address.cpp - TS 23.040 9.1.2.5 addresses: swapped semi-octets with the
// digits 0-9 * # a b c, or GSM 7-bit text for alphanumeric originators.
#include "sms/gsm7.hpp"
#include "sms/pdu_fields.hpp"
#include "sms/utf8.hpp"

namespace smsgate::sms {

namespace {

// TS 24.008 10.5.4.7, table 10.5.118: the semi-octet values 0-14; 15 fills.
constexpr char semi_octet_digits[] = "0123456789*#abc";
constexpr std::uint8_t filler = 0x0F;
constexpr std::size_t max_address_semi_octets = 20;
constexpr std::size_t max_smsc_octets = 11; // type of address and 10 octets of digits

int semi_octet_value(char c)
{
    for (int i = 0; i < 15; ++i)
        if (semi_octet_digits[i] == c || (c >= 'A' && c <= 'C' && semi_octet_digits[i] == c + 32))
            return i;
    return -1;
}

// A filler inside the digits (some SMSCs pad oddly) is skipped.
std::string read_semi_octets(std::span<const std::uint8_t> octets, std::size_t count)
{
    std::string digits;
    for (std::size_t i = 0; i < count; ++i) {
        std::uint8_t o = octets[i / 2];
        std::uint8_t n = (i % 2 == 0) ? (o & 0x0F) : (o >> 4);
        if (n == filler)
            continue;
        digits.push_back(semi_octet_digits[n]);
    }
    return digits;
}

} // namespace

std::string Address::display() const
{
    if (international() && !value.empty() && value.front() != '+')
        return "+" + value;
    return value;
}

Address read_address(OctetReader& in, std::string_view field)
{
    std::size_t semi_octets = in.octet(field);
    if (semi_octets > max_address_semi_octets)
        fail(field, std::string(field) + " length " + std::to_string(semi_octets) +
                        " exceeds 20 semi-octets");
    Address address;
    address.toa = in.octet(field);
    auto octets = in.take((semi_octets + 1) / 2, field);
    if (address.alphanumeric()) {
        auto septets = unpack_septets(octets, semi_octets * 4 / 7);
        address.value = utf8_encode(gsm7_decode(septets));
    } else {
        address.value = read_semi_octets(octets, semi_octets);
    }
    return address;
}

std::optional<Address> read_smsc_address(OctetReader& in)
{
    std::size_t length = in.octet("SMSC address");
    if (length == 0)
        return std::nullopt;
    if (length > max_smsc_octets)
        fail("SMSC address", "SMSC address length " + std::to_string(length) + " exceeds 11 octets");
    Address address;
    address.toa = in.octet("SMSC address");
    auto octets = in.take(length - 1, "SMSC address");
    address.value = read_semi_octets(octets, octets.size() * 2);
    return address;
}

namespace {

std::vector<std::uint8_t> swap_semi_octets(std::string_view digits)
{
    std::vector<std::uint8_t> out((digits.size() + 1) / 2, 0xFF);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        int v = semi_octet_value(digits[i]);
        auto n = static_cast<std::uint8_t>(v < 0 ? filler : v);
        std::uint8_t& o = out[i / 2];
        o = (i % 2 == 0) ? static_cast<std::uint8_t>((o & 0xF0) | n)
                         : static_cast<std::uint8_t>((o & 0x0F) | (n << 4));
    }
    return out;
}

std::string_view without_plus(const std::string& value)
{
    std::string_view v = value;
    if (!v.empty() && v.front() == '+')
        v.remove_prefix(1);
    return v;
}

} // namespace

void write_address(std::vector<std::uint8_t>& out, const Address& address)
{
    if (address.alphanumeric()) {
        auto septets = gsm7_encode(utf8_decode(address.value));
        auto packed = pack_septets(septets.ok() ? septets.value() : std::vector<std::uint8_t>{});
        std::size_t bits = (septets.ok() ? septets->size() : 0) * 7;
        out.push_back(static_cast<std::uint8_t>((bits + 3) / 4));
        out.push_back(address.toa);
        out.insert(out.end(), packed.begin(), packed.end());
        return;
    }
    auto digits = without_plus(address.value);
    out.push_back(static_cast<std::uint8_t>(digits.size()));
    out.push_back(address.toa);
    auto swapped = swap_semi_octets(digits);
    out.insert(out.end(), swapped.begin(), swapped.end());
}

void write_smsc_address(std::vector<std::uint8_t>& out, const std::optional<Address>& smsc)
{
    if (!smsc) {
        out.push_back(0x00);
        return;
    }
    auto swapped = swap_semi_octets(without_plus(smsc->value));
    out.push_back(static_cast<std::uint8_t>(swapped.size() + 1));
    out.push_back(smsc->toa);
    out.insert(out.end(), swapped.begin(), swapped.end());
}

bool valid_semi_octet_digits(std::string_view digits)
{
    for (char c : digits)
        if (semi_octet_value(c) < 0)
            return false;
    return true;
}

} // namespace smsgate::sms
