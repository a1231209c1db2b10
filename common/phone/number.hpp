// number.hpp - the phone number in the local part of an SMS address
// (+32477324847@sms.example), read with libphonenumber's metadata: its
// E.164 form, its country, and its type (mobile, fixed line, premium rate,
// short code, ...), so that a policy can refuse a destination for a reason
// the sender understands.
//
// Thread safety: every function here may be called from many threads at
// once. libphonenumber's PhoneNumberUtil is a process-wide singleton
// created under pthread_once, its methods are const, and its regular
// expression caches are guarded by a mutex; the ShortNumberInfo used here
// is one const instance built on first use (a function-local static).
// Nothing here logs (libphonenumber's default logger discards its lines)
// or reads configuration.
#pragma once

#include "util/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsgate::phone {

// libphonenumber's PhoneNumberType, and short_code for a number that is
// valid only as a short code of the default region.
enum class NumberType {
    mobile,
    fixed_line,
    fixed_line_or_mobile, // where the number does not tell (US, CA, ...)
    toll_free,
    premium_rate,
    shared_cost,
    voip,
    personal_number,
    pager,
    uan, // universal access number: one number for a company
    voicemail,
    short_code,
    unknown,
};

// "mobile", "fixed_line_or_mobile", "premium_rate", "short_code", ...: the
// enumerator's name, as a configuration file or a log line writes it.
std::string_view type_name(NumberType type);

struct PhoneNumber {
    // "+32477324847". Empty for a short code: it has no E.164 form, it is
    // dialled as it is and only in its own region.
    std::string e164;
    // ISO 3166 alpha-2 code of the number's country ("BE"); empty when
    // there is none (the non-geographic +800, +870, ...).
    std::string region;
    int country_code = 0; // 32
    NumberType type = NumberType::unknown;
    // libphonenumber's INTERNATIONAL format, "+32 477 32 48 47"; empty for
    // a short code.
    std::string international;
    // libphonenumber's NATIONAL format, "0477 32 48 47"; for a short code
    // its digits as dialled, "8850".
    std::string national;
};

// Reads the local part of an SMS address: "+32477324847", "0032477324847",
// "+32-477-32-48-47", "+32.477.324847", "+32 (0)477 32 48 47", or a
// national number ("0477324847") read in default_region (ISO 3166 alpha-2,
// any case; empty: none, only international forms are read).
//
// The characters allowed are digits, a leading '+', and the separators
// '-', '.', ' ', '(' and ')'; a leading "00" is read as '+'. Anything else
// (letters of a vanity number, '*', '#', an extension) is refused before
// libphonenumber sees it.
//
// Errors:
//   "number"         "'abc' is not a phone number": not a number at all
//                    (a character not allowed, no digits, too short or too
//                    long to parse, a national form and no default region);
//   "validity"       "+3212 is not a valid number for Belgium (BE)": a
//                    number, but not one that its country allots, or
//                    "+99912345 does not start with a country code";
//   "default_region" "'XX' is not a region code".
//
// A short code ("1212", "8850" in BE) is recognised in national form only,
// with libphonenumber's ShortNumberInfo for the default region: it is
// returned with type short_code and an empty e164 (see PhoneNumber), so
// that the caller refuses it by its policy rather than as "not a number".
Result<PhoneNumber> parse_number(std::string_view local_part, std::string_view default_region);

// True when region (any case) is a region code libphonenumber has
// metadata for ("BE", "nl"): for checking configuration when it is read.
bool is_region_code(std::string_view region);

// True when destinations is empty, or when one of its entries allows the
// number: an entry that starts with '+' is a prefix of number.e164 ("+32",
// "+3247"); any other entry is a region code compared with number.region
// ("BE", "NL"; any case). A short code has no e164: only its region can
// allow it.
bool destination_allowed(const PhoneNumber& number, const std::vector<std::string>& destinations);

} // namespace smsgate::phone
