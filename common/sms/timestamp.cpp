// timestamp.cpp - TS 23.040 9.2.3.11 service centre time stamps: seven
// octets of swapped BCD, the last one the zone in quarters of an hour with
// its sign in bit 3.
#include "sms/pdu_fields.hpp"

#include <cstdio>

namespace smsgate::sms {

namespace {

constexpr int max_zone_quarters = 14 * 4; // UTC+14:00, the widest offset in use

bool bcd_valid(std::uint8_t o) { return (o & 0x0F) <= 9 && (o >> 4) <= 9; }
int bcd_value(std::uint8_t o) { return (o & 0x0F) * 10 + (o >> 4); }

// Two decimal digits, the units in the high nibble (the inverse of bcd_value).
std::uint8_t swapped_bcd(int value)
{
    value = ((value % 100) + 100) % 100;
    return static_cast<std::uint8_t>((value % 10) << 4 | (value / 10));
}

} // namespace

std::string Timestamp::iso8601() const
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
                  second);
    std::string out = buf;
    if (zone_minutes) {
        int z = *zone_minutes;
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", z < 0 ? '-' : '+', (z < 0 ? -z : z) / 60,
                      (z < 0 ? -z : z) % 60);
        out += buf;
    }
    return out;
}

bool Timestamp::valid() const
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!bcd || month < 1 || month > 12 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
        second > 59)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = days[month - 1] + (month == 2 && leap ? 1 : 0);
    return day >= 1 && day <= last;
}

Timestamp read_timestamp(OctetReader& in, std::string_view field, std::vector<std::string>& warnings)
{
    auto o = in.take(7, field);
    static constexpr const char* names[] = {"year", "month", "day", "hour", "minute", "second"};
    int v[6];
    Timestamp t;
    for (int i = 0; i < 6; ++i) {
        if (!bcd_valid(o[i])) {
            warnings.push_back(std::string(field) + ": invalid BCD in the " + names[i]);
            v[i] = 0;
            t.bcd = false;
        } else {
            v[i] = bcd_value(o[i]);
        }
    }
    // Two-digit years: SMS began in the 1990s.
    t.year = v[0] >= 90 ? 1900 + v[0] : 2000 + v[0];
    t.month = v[1];
    t.day = v[2];
    t.hour = v[3];
    t.minute = v[4];
    t.second = v[5];
    if (t.bcd && !t.valid())
        warnings.push_back(std::string(field) + ": date or time out of range");

    std::uint8_t zone = o[6];
    int quarters = (zone & 0x07) * 10 + (zone >> 4);
    if ((zone >> 4) > 9 || quarters > max_zone_quarters)
        warnings.push_back(std::string(field) + ": invalid time zone, zone unknown");
    else
        t.zone_minutes = ((zone & 0x08) ? -quarters : quarters) * 15;
    return t;
}

void write_timestamp(std::vector<std::uint8_t>& out, const Timestamp& t)
{
    for (int v : {t.year, t.month, t.day, t.hour, t.minute, t.second})
        out.push_back(swapped_bcd(v));
    int minutes = t.zone_minutes.value_or(0);
    int quarters = (minutes < 0 ? -minutes : minutes) / 15;
    if (quarters > max_zone_quarters)
        quarters = max_zone_quarters;
    std::uint8_t zone = swapped_bcd(quarters);
    if (minutes < 0)
        zone |= 0x08; // the sign, in bit 3 of the tens digit
    out.push_back(zone);
}

} // namespace smsgate::sms
