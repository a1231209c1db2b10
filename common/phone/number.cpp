// number.cpp - the local part of an SMS address to a phone number: a strict
// check of its characters, then libphonenumber's parser, validity check,
// type, formats, and its short numbers of the default region.
#include "phone/number.hpp"

#include "phone/region.hpp"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <phonenumbers/shortnumberinfo.h>

#include <cstddef>

namespace smsgate::phone {

namespace {

using i18n::phonenumbers::PhoneNumberUtil;
using i18n::phonenumbers::ShortNumberInfo;
using LibNumber = i18n::phonenumbers::PhoneNumber;

// The longest local part of an address (RFC 5321 4.5.3.1.1); a phone
// number with its separators is far shorter.
constexpr std::size_t max_local_part = 64;

// The local part as a message shows it: quoted, at most max_local_part
// characters, anything but printable ASCII as '?'.
std::string quoted(std::string_view text)
{
    std::string out = "'";
    for (std::size_t i = 0; i < text.size() && i < max_local_part; ++i)
        out += (text[i] >= ' ' && text[i] <= '~') ? text[i] : '?';
    if (text.size() > max_local_part)
        out += "...";
    return out + "'";
}

Error not_a_number(std::string_view local_part)
{
    return make_error("number", quoted(local_part) + " is not a phone number");
}

// What is handed to libphonenumber, and whether it has a country code.
struct Dialled {
    std::string text;
    bool international = false;
};

bool separator(char c) { return c == '-' || c == '.' || c == ' ' || c == '(' || c == ')'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Digits, separators, a leading '+' or "00" (as '+'), and nothing else:
// libphonenumber itself reads letters as keypad digits, "ext." as an
// extension and skips much else, none of which an address should carry.
std::optional<Dialled> dialled_form(std::string_view local_part)
{
    if (local_part.size() > max_local_part)
        return std::nullopt;
    Dialled out;
    std::string_view rest = local_part;
    if (rest.starts_with('+') || rest.starts_with("00")) {
        out.international = true;
        out.text = "+";
        rest.remove_prefix(rest.starts_with('+') ? 1 : 2);
    }
    for (char c : rest) {
        if (!digit(c) && !separator(c))
            return std::nullopt;
        out.text += c;
    }
    return out;
}

NumberType type_of(PhoneNumberUtil::PhoneNumberType type)
{
    switch (type) {
    case PhoneNumberUtil::FIXED_LINE: return NumberType::fixed_line;
    case PhoneNumberUtil::MOBILE: return NumberType::mobile;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return NumberType::fixed_line_or_mobile;
    case PhoneNumberUtil::TOLL_FREE: return NumberType::toll_free;
    case PhoneNumberUtil::PREMIUM_RATE: return NumberType::premium_rate;
    case PhoneNumberUtil::SHARED_COST: return NumberType::shared_cost;
    case PhoneNumberUtil::VOIP: return NumberType::voip;
    case PhoneNumberUtil::PERSONAL_NUMBER: return NumberType::personal_number;
    case PhoneNumberUtil::PAGER: return NumberType::pager;
    case PhoneNumberUtil::UAN: return NumberType::uan;
    case PhoneNumberUtil::VOICEMAIL: return NumberType::voicemail;
    case PhoneNumberUtil::UNKNOWN: return NumberType::unknown;
    }
    return NumberType::unknown;
}

// libphonenumber's region of a number, "" for none: "ZZ" (unknown) and
// "001" (non-geographic) are not ISO 3166 codes.
std::string region_of(const PhoneNumberUtil& util, const LibNumber& number)
{
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    if (region.size() != 2 || region == "ZZ")
        return {};
    return region;
}

PhoneNumber valid_number(const PhoneNumberUtil& util, const LibNumber& number)
{
    PhoneNumber out;
    util.Format(number, PhoneNumberUtil::E164, &out.e164);
    util.Format(number, PhoneNumberUtil::INTERNATIONAL, &out.international);
    util.Format(number, PhoneNumberUtil::NATIONAL, &out.national);
    out.region = region_of(util, number);
    out.country_code = number.country_code();
    out.type = type_of(util.GetNumberType(number));
    return out;
}

PhoneNumber short_code(const PhoneNumberUtil& util, const LibNumber& number, const std::string& region)
{
    PhoneNumber out;
    out.region = region;
    out.country_code = number.country_code();
    out.type = NumberType::short_code;
    util.GetNationalSignificantNumber(number, &out.national);
    return out;
}

// "+3212 is not a valid number for Belgium (BE)": the region is the main
// one of the country code (GB for +44), or the code itself for the
// non-geographic ones.
Error not_valid(const PhoneNumberUtil& util, const LibNumber& number)
{
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    std::string region;
    util.GetRegionCodeForCountryCode(number.country_code(), &region);
    const std::string where = region.size() == 2 && region != "ZZ"
                                  ? region_label(region)
                                  : "country code " + std::to_string(number.country_code());
    return make_error("validity", e164 + " is not a valid number for " + where);
}

const ShortNumberInfo& short_numbers()
{
    static const ShortNumberInfo info;
    return info;
}

} // namespace

Result<PhoneNumber> parse_number(std::string_view local_part, std::string_view default_region)
{
    const std::string region = region_code(default_region);
    if (!region.empty() && !is_region_code(region))
        return make_error("default_region", quoted(default_region) + " is not a region code");

    const auto dialled = dialled_form(local_part);
    if (!dialled)
        return not_a_number(local_part);

    const auto& util = *PhoneNumberUtil::GetInstance();
    LibNumber number;
    // "ZZ", the unknown region: only a number with its country code parses.
    const auto parsed = util.Parse(dialled->text, region.empty() ? "ZZ" : region, &number);
    if (parsed == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR && dialled->international) {
        std::string digits = dialled->text;
        util.NormalizeDigitsOnly(&digits);
        return make_error("validity", "+" + digits + " does not start with a country code");
    }
    if (parsed != PhoneNumberUtil::NO_PARSING_ERROR)
        return not_a_number(local_part);

    if (util.IsValidNumber(number))
        return valid_number(util, number);
    if (!dialled->international && short_numbers().IsValidShortNumberForRegion(number, region))
        return short_code(util, number, region);
    return not_valid(util, number);
}

} // namespace smsgate::phone
