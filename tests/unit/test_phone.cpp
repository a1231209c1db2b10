// test_phone.cpp - the local part of an SMS address read as a phone number,
// on libphonenumber's metadata: forms of the seed number, numbers of other
// countries and of other types, short codes, near misses, and the
// destination lists of the policy.
#include "phone/number.hpp"
#include "policy/senders.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

using namespace smsgate::phone;

namespace {

struct Valid {
    std::string_view source;
    std::string_view local_part;
    std::string_view default_region;
    std::string_view e164;
    std::string_view region;
    int country_code;
    NumberType type;
    std::string_view international;
    std::string_view national;
};

constexpr auto mobile = NumberType::mobile;

// The seed number, every way a sender writes it.
const std::vector<Valid> seed_forms = {
    {"seed: +32477324847", "+32477324847", "", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47", "0477 32 48 47"},
    {"seed: +32477324847 read in NL", "+32477324847", "NL", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47",
     "0477 32 48 47"},
    {"seed: 0032477324847 without a default region", "0032477324847", "", "+32477324847", "BE", 32, mobile,
     "+32 477 32 48 47", "0477 32 48 47"},
    {"seed: 0032477324847 read in NL", "0032477324847", "NL", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47",
     "0477 32 48 47"},
    {"seed: +32-477-32-48-47", "+32-477-32-48-47", "", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47",
     "0477 32 48 47"},
    {"seed: +32.477.324847", "+32.477.324847", "", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47",
     "0477 32 48 47"},
    {"seed: +32 (0)477 32 48 47", "+32 (0)477 32 48 47", "", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47",
     "0477 32 48 47"},
    {"seed: 0477324847 read in BE", "0477324847", "BE", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47",
     "0477 32 48 47"},
    {"seed: 0477324847 read in be (any case)", "0477324847", "be", "+32477324847", "BE", 32, mobile,
     "+32 477 32 48 47", "0477 32 48 47"},
    {"seed: (0477) 32.48.47 read in BE", "(0477) 32.48.47", "BE", "+32477324847", "BE", 32, mobile,
     "+32 477 32 48 47", "0477 32 48 47"},
    // libphonenumber strips a country code written without '+' when the
    // digits are not a national number of the default region.
    {"seed: 32477324847 read in BE", "32477324847", "BE", "+32477324847", "BE", 32, mobile, "+32 477 32 48 47",
     "0477 32 48 47"},
};

// Other countries and other types, the examples of libphonenumber's
// metadata or numbers in the ranges it lists.
const std::vector<Valid> other_numbers = {
    {"NL mobile: +31612345678", "+31612345678", "", "+31612345678", "NL", 31, mobile, "+31 6 12345678",
     "06 12345678"},
    {"NL mobile: 0612345678 read in NL", "0612345678", "NL", "+31612345678", "NL", 31, mobile, "+31 6 12345678",
     "06 12345678"},
    {"GB mobile: +447400123456", "+447400123456", "", "+447400123456", "GB", 44, mobile, "+44 7400 123456",
     "07400 123456"},
    {"GB mobile: 00447400123456", "00447400123456", "BE", "+447400123456", "GB", 44, mobile, "+44 7400 123456",
     "07400 123456"},
    {"US: +12015550123", "+12015550123", "", "+12015550123", "US", 1, NumberType::fixed_line_or_mobile,
     "+1 201-555-0123", "(201) 555-0123"},
    {"BE fixed line: +3287123456", "+3287123456", "", "+3287123456", "BE", 32, NumberType::fixed_line,
     "+32 87 12 34 56", "087 12 34 56"},
    {"BE premium rate: +3290012345", "+3290012345", "", "+3290012345", "BE", 32, NumberType::premium_rate,
     "+32 900 12 345", "0900 12 345"},
    {"BE premium rate: 0903 12 345 read in BE", "0903 12 345", "BE", "+3290312345", "BE", 32,
     NumberType::premium_rate, "+32 903 12 345", "0903 12 345"},
    // 070 numbers are premium rate to libphonenumber, not shared cost.
    {"BE premium rate: +3270201234", "+3270201234", "", "+3270201234", "BE", 32, NumberType::premium_rate,
     "+32 70 20 12 34", "070 20 12 34"},
    {"BE toll free: +3280012345", "+3280012345", "", "+3280012345", "BE", 32, NumberType::toll_free,
     "+32 800 12 345", "0800 12 345"},
    {"BE UAN: +3278051234", "+3278051234", "", "+3278051234", "BE", 32, NumberType::uan, "+32 78 05 12 34",
     "078 05 12 34"},
    {"non-geographic toll free: +80012345678", "+80012345678", "", "+80012345678", "", 800,
     NumberType::toll_free, "+800 1234 5678", "1234 5678"},
};

// Short codes: numbers of the default region only, dialled as they are.
const std::vector<Valid> short_codes = {
    {"BE short code: 1212", "1212", "BE", "", "BE", 32, NumberType::short_code, "", "1212"},
    {"BE short code: 8850", "8850", "BE", "", "BE", 32, NumberType::short_code, "", "8850"},
    {"BE short code: 4800", "4800", "be", "", "BE", 32, NumberType::short_code, "", "4800"},
    {"BE emergency: 112", "112", "BE", "", "BE", 32, NumberType::short_code, "", "112"},
    {"BE harmonised European service: 116000", "116000", "BE", "", "BE", 32, NumberType::short_code, "",
     "116000"},
};

struct Invalid {
    std::string_view source;
    std::string_view local_part;
    std::string_view default_region;
    std::string_view field;
    std::string_view message;
};

const std::vector<Invalid> invalid_numbers = {
    {"too short: +3212", "+3212", "", "validity", "+3212 is not a valid number for Belgium (BE)"},
    {"too short: +32477", "+32477", "", "validity", "+32477 is not a valid number for Belgium (BE)"},
    {"BE premium rate: 0900 with 6 digits", "+32900123456", "", "validity",
     "+32900123456 is not a valid number for Belgium (BE)"},
    {"0477324847 read in NL", "0477324847", "NL", "validity",
     "+31477324847 is not a valid number for Netherlands (NL)"},
    // Ofcom's range for drama is no valid number to libphonenumber.
    {"GB drama range: +447700900123", "+447700900123", "", "validity",
     "+447700900123 is not a valid number for United Kingdom (GB)"},
    {"non-geographic too short: +8001234", "+8001234", "", "validity",
     "+8001234 is not a valid number for country code 800"},
    {"no country code: +99912345", "+99912345", "", "validity", "+99912345 does not start with a country code"},
    {"no country code: 0099912345", "0099912345", "BE", "validity", "+99912345 does not start with a country code"},
    {"no country code: +0477324847", "+0477324847", "", "validity",
     "+0477324847 does not start with a country code"},
    // A short code has no international form, and is one of its region only.
    {"short code with country code: +328850", "+328850", "", "validity",
     "+328850 is not a valid number for Belgium (BE)"},
    {"BE short code read in NL: 1212", "1212", "NL", "validity", "+311212 is not a valid number for Netherlands (NL)"},
    {"letters: abc", "abc", "", "number", "'abc' is not a phone number"},
    {"letters: abc read in BE", "abc", "BE", "number", "'abc' is not a phone number"},
    {"empty", "", "", "number", "'' is not a phone number"},
    {"empty read in BE", "", "BE", "number", "'' is not a phone number"},
    {"trailing letter: +32477324847x", "+32477324847x", "", "number", "'+32477324847x' is not a phone number"},
    {"vanity number: 1-800-FLOWERS", "1-800-FLOWERS", "US", "number", "'1-800-FLOWERS' is not a phone number"},
    {"extension: +32477324847 ext 12", "+32477324847 ext 12", "", "number",
     "'+32477324847 ext 12' is not a phone number"},
    {"keypad codes: *#06#", "*#06#", "BE", "number", "'*#06#' is not a phone number"},
    {"at sign: +32477324847@", "+32477324847@", "", "number", "'+32477324847@' is not a phone number"},
    {"plus inside: 0032+477324847", "0032+477324847", "", "number", "'0032+477324847' is not a phone number"},
    {"two plus signs: ++32477324847", "++32477324847", "", "number", "'++32477324847' is not a phone number"},
    {"slash: +32/477324847", "+32/477324847", "", "number", "'+32/477324847' is not a phone number"},
    {"control character: +32 477 newline", "+32477\n324847", "", "number", "'+32477?324847' is not a phone number"},
    {"fullwidth digits", "\xEF\xBC\x8B\xEF\xBC\x93\xEF\xBC\x92", "", "number", "'\?\?\?\?\?\?\?\?\?' is not a phone number"},
    {"national without a default region: 32477324847", "32477324847", "", "number",
     "'32477324847' is not a phone number"},
    {"national without a default region: 0477324847", "0477324847", "", "number",
     "'0477324847' is not a phone number"},
    {"plus alone", "+", "", "number", "'+' is not a phone number"},
    {"international prefix alone: 00", "00", "BE", "number", "'00' is not a phone number"},
    {"separators alone", "(-. )", "BE", "number", "'(-. )' is not a phone number"},
    {"one digit", "1", "BE", "number", "'1' is not a phone number"},
    {"too long: 20 digits", "+12345678901234567890", "", "number", "'+12345678901234567890' is not a phone number"},
    {"unknown default region: XX", "0477324847", "XX", "default_region", "'XX' is not a region code"},
    {"non-geographic default region: 001", "+32477324847", "001", "default_region", "'001' is not a region code"},
};

void check_valid(const std::vector<Valid>& table)
{
    for (const auto& c : table) {
        CAPTURE(c.source);
        auto number = parse_number(c.local_part, c.default_region);
        REQUIRE_MESSAGE(number.ok(), number.error().what());
        CHECK(number->e164 == c.e164);
        CHECK(number->region == c.region);
        CHECK(number->country_code == c.country_code);
        CHECK(type_name(number->type) == type_name(c.type));
        CHECK(number->international == c.international);
        CHECK(number->national == c.national);
    }
}

PhoneNumber parsed(std::string_view local_part, std::string_view default_region = "")
{
    auto number = parse_number(local_part, default_region);
    REQUIRE_MESSAGE(number.ok(), number.error().what());
    return number.value();
}

} // namespace

TEST_CASE("phone seed: +32477324847 in every form")
{
    check_valid(seed_forms);
}

TEST_CASE("phone metadata: other countries and other types")
{
    check_valid(other_numbers);
}

TEST_CASE("phone metadata: short codes are numbers of type short_code")
{
    check_valid(short_codes);
}

TEST_CASE("phone near misses: not a number, not valid, not a region")
{
    for (const auto& c : invalid_numbers) {
        CAPTURE(c.source);
        auto number = parse_number(c.local_part, c.default_region);
        REQUIRE_FALSE(number.ok());
        CHECK(number.error().field == c.field);
        CHECK(number.error().message == c.message);
    }
}

TEST_CASE("phone near misses: an overlong local part is quoted cut short")
{
    const std::string digits(65, '1');
    auto number = parse_number("+" + digits, "");
    REQUIRE_FALSE(number.ok());
    CHECK(number.error().field == "number");
    CHECK(number.error().message == "'+" + digits.substr(0, 63) + "...' is not a phone number");
}

TEST_CASE("phone types: the senders table names every type as the checks compare them")
{
    const std::vector<std::pair<NumberType, std::string_view>> names = {
        {NumberType::mobile, "mobile"},
        {NumberType::fixed_line, "fixed_line"},
        {NumberType::fixed_line_or_mobile, "fixed_line_or_mobile"},
        {NumberType::toll_free, "toll_free"},
        {NumberType::premium_rate, "premium_rate"},
        {NumberType::shared_cost, "shared_cost"},
        {NumberType::voip, "voip"},
        {NumberType::personal_number, "personal_number"},
        {NumberType::pager, "pager"},
        {NumberType::uan, "uan"},
        {NumberType::voicemail, "voicemail"},
        {NumberType::short_code, "short_code"},
    };
    CHECK(type_name(NumberType::unknown) == "unknown");
    // types= of smsgate-senders(5) takes exactly these names: a misspelt
    // one in the table would never match a number.
    REQUIRE(smsgate::policy::number_type_names.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        CAPTURE(names[i].second);
        CHECK(type_name(names[i].first) == names[i].second);
        CHECK(smsgate::policy::number_type_names[i] == names[i].second);
    }
    // By default mobile and fixed_line_or_mobile are allowed.
    CHECK(smsgate::policy::SenderPolicy{}.types ==
          std::vector<std::string>{std::string(type_name(NumberType::mobile)),
                                   std::string(type_name(NumberType::fixed_line_or_mobile))});
}

TEST_CASE("phone regions: codes with metadata")
{
    for (std::string_view code : {"BE", "NL", "GB", "US", "be", "nL"}) {
        CAPTURE(code);
        CHECK(is_region_code(code));
    }
    for (std::string_view code : {"", "XX", "ZZ", "001", "BEL", "B", "+32"}) {
        CAPTURE(code);
        CHECK_FALSE(is_region_code(code));
    }
}

TEST_CASE("phone destinations: prefixes and regions")
{
    const auto seed = parsed("+32477324847");
    const auto dutch = parsed("+31612345678");
    const auto toll_free_800 = parsed("+80012345678");
    const auto short_code = parsed("8850", "BE");

    struct Case {
        std::string_view source;
        const PhoneNumber& number;
        std::vector<std::string> destinations;
        bool allowed;
    };
    const std::vector<Case> cases = {
        {"empty list allows all", seed, {}, true},
        {"empty list allows a short code", short_code, {}, true},
        {"country prefix", seed, {"+32"}, true},
        {"mobile prefix", seed, {"+3247"}, true},
        {"whole number as prefix", seed, {"+32477324847"}, true},
        {"other mobile prefix", seed, {"+3248"}, false},
        {"longer than the number", seed, {"+324773248470"}, false},
        {"region", seed, {"BE"}, true},
        {"region in lower case", seed, {"be"}, true},
        {"other region", seed, {"NL"}, false},
        {"digits without plus are no prefix", seed, {"32"}, false},
        {"second entry", seed, {"NL", "+32"}, true},
        {"neither entry", seed, {"+31", "NL"}, false},
        {"NL by region", dutch, {"BE", "NL"}, true},
        {"NL by prefix", dutch, {"+316"}, true},
        {"NL not in BE", dutch, {"BE", "+32"}, false},
        {"non-geographic has no region", toll_free_800, {"BE", "ZZ", "001"}, false},
        {"non-geographic by prefix", toll_free_800, {"+800"}, true},
        {"short code has no prefix", short_code, {"+32", "+"}, false},
        {"short code by region", short_code, {"BE"}, true},
        {"short code of another region", short_code, {"NL"}, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.source);
        CHECK(destination_allowed(c.number, c.destinations) == c.allowed);
    }
}

TEST_CASE("phone threads: many threads read numbers at once")
{
    constexpr int thread_count = 8;
    constexpr int rounds = 50;
    std::atomic<int> wrong = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t)
        threads.emplace_back([&wrong] {
            for (int r = 0; r < rounds; ++r) {
                for (const auto* table : {&seed_forms, &other_numbers, &short_codes}) {
                    for (const auto& c : *table) {
                        auto number = parse_number(c.local_part, c.default_region);
                        if (!number.ok() || number->e164 != c.e164 || number->national != c.national)
                            ++wrong;
                    }
                }
                for (const auto& c : invalid_numbers) {
                    auto number = parse_number(c.local_part, c.default_region);
                    if (number.ok() || number.error().message != c.message)
                        ++wrong;
                }
            }
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(wrong == 0);
}
