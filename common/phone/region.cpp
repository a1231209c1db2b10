// region.cpp - region codes: spelling, names (ICU's English display names),
// and whether libphonenumber knows them.
#include "phone/region.hpp"

#include "phone/number.hpp"

#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace smsgate::phone {

std::string region_code(std::string_view text)
{
    std::string code(text);
    for (char& c : code)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return code;
}

std::string region_label(std::string_view code)
{
    std::string key(code);
    icu::UnicodeString display;
    icu::Locale("", key.c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
    std::string name;
    display.toUTF8String(name);
    // ICU echoes a code it has no name for.
    const bool printable_ascii =
        std::all_of(name.begin(), name.end(), [](char c) { return c >= ' ' && c <= '~'; });
    if (name.empty() || name == key || !printable_ascii)
        return key;
    return name + " (" + key + ")";
}

bool is_region_code(std::string_view region)
{
    const auto* util = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
    // GetCountryCodeForRegion() answers 0 for a region without metadata,
    // "ZZ" (unknown) and "001" (non-geographic entities) among them.
    return util->GetCountryCodeForRegion(region_code(region)) != 0;
}

} // namespace smsgate::phone
