// number_type.cpp - the names of the number types, one table both ways.
#include "phone/number.hpp"

namespace smsgate::phone {

namespace {

struct TypeName {
    NumberType type;
    std::string_view name;
};

constexpr TypeName type_names[] = {
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
    {NumberType::unknown, "unknown"},
};

} // namespace

std::string_view type_name(NumberType type)
{
    for (const auto& entry : type_names)
        if (entry.type == type)
            return entry.name;
    return "unknown";
}

} // namespace smsgate::phone
