// destination.cpp - whether a number is among the allowed destinations,
// given as E.164 prefixes and region codes.
#include "phone/number.hpp"

#include "phone/region.hpp"

namespace smsgate::phone {

namespace {

bool entry_allows(const PhoneNumber& number, std::string_view entry)
{
    if (entry.starts_with('+'))
        return !number.e164.empty() && std::string_view(number.e164).starts_with(entry);
    return !number.region.empty() && region_code(entry) == number.region;
}

} // namespace

bool destination_allowed(const PhoneNumber& number, const std::vector<std::string>& destinations)
{
    if (destinations.empty())
        return true;
    for (const auto& entry : destinations)
        if (entry_allows(number, entry))
            return true;
    return false;
}

} // namespace smsgate::phone
