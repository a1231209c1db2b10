// validity.cpp - TP-VP (TS 23.040 9.2.3.12) in its relative, enhanced and
// absolute formats.
#include "sms/validity.hpp"

#include "sms/pdu_fields.hpp"

namespace smsgate::sms {

long relative_vp_minutes(std::uint8_t vp)
{
    if (vp <= 143)
        return (vp + 1L) * 5;
    if (vp <= 167)
        return 12 * 60 + (vp - 143L) * 30;
    if (vp <= 196)
        return (vp - 166L) * 24 * 60;
    return (vp - 192L) * 7 * 24 * 60;
}

std::uint8_t relative_vp_from_minutes(long minutes)
{
    // The ranges grow monotonically, so the first value that lasts long
    // enough is the answer; 256 values are few enough to walk.
    for (int vp = 0; vp <= 255; ++vp)
        if (relative_vp_minutes(static_cast<std::uint8_t>(vp)) >= minutes)
            return static_cast<std::uint8_t>(vp);
    return 255;
}

namespace {

int swapped_bcd(std::uint8_t o) { return (o & 0x0F) * 10 + (o >> 4); }
bool swapped_bcd_valid(std::uint8_t o) { return (o & 0x0F) <= 9 && (o >> 4) <= 9; }

// TS 23.040 9.2.3.12.3: enhanced format, functionality indicator first.
ValidityPeriod read_enhanced(std::span<const std::uint8_t> o, std::vector<std::string>& warnings)
{
    ValidityPeriod vp;
    vp.format = ValidityPeriod::Format::enhanced;
    vp.single_shot = (o[0] & 0x40) != 0;
    if (o[0] & 0x80) {
        warnings.push_back("TP-VP: enhanced format with extension octets, validity not read");
        return vp;
    }
    switch (o[0] & 0x07) {
    case 0: // no validity period specified
        break;
    case 1:
        vp.seconds = relative_vp_minutes(o[1]) * 60;
        break;
    case 2:
        vp.seconds = o[1];
        break;
    case 3:
        if (swapped_bcd_valid(o[1]) && swapped_bcd_valid(o[2]) && swapped_bcd_valid(o[3]))
            vp.seconds = swapped_bcd(o[1]) * 3600L + swapped_bcd(o[2]) * 60L + swapped_bcd(o[3]);
        else
            warnings.push_back("TP-VP: invalid BCD in the enhanced relative time");
        break;
    default:
        warnings.push_back("TP-VP: reserved enhanced format " + std::to_string(o[0] & 0x07));
    }
    return vp;
}

} // namespace

ValidityPeriod read_validity(OctetReader& in, unsigned vpf, std::vector<std::string>& warnings)
{
    ValidityPeriod vp;
    switch (vpf) {
    case 0:
        break;
    case 2:
        vp.format = ValidityPeriod::Format::relative;
        vp.seconds = relative_vp_minutes(in.octet("TP-VP")) * 60;
        break;
    case 3:
        vp.format = ValidityPeriod::Format::absolute;
        vp.absolute = read_timestamp(in, "TP-VP", warnings);
        break;
    default:
        vp = read_enhanced(in.take(7, "TP-VP"), warnings);
    }
    return vp;
}

} // namespace smsgate::sms
