// parse_sms.cpp - TS 27.005 responses and indications in PDU mode.
#include "at/parse_sms.hpp"

#include "at/fields.hpp"

#include <array>

namespace smsgate::at {

namespace {

// A TPDU is at most 164 octets, a SIM record 176 (TS 51.011 10.5.3); a
// modem that reports the padded record gives more than the TPDU (the seed's
// 167). Anything past 255 is garbage.
constexpr int max_pdu_length = 255;
constexpr int max_index = 65535;

Result<MessageStat> to_stat(const Field& field, std::string_view name)
{
    static constexpr std::array<std::string_view, 4> text_mode_names = {"REC UNREAD", "REC READ", "STO UNSENT",
                                                                        "STO SENT"};
    for (std::size_t i = 0; i < text_mode_names.size(); ++i)
        if (field.text == text_mode_names[i])
            return static_cast<MessageStat>(i);
    auto stat = to_int(field, name, 0, 3);
    if (!stat)
        return stat.error();
    return static_cast<MessageStat>(*stat);
}

std::optional<std::string> alpha_of(const Field& field)
{
    if (field.omitted())
        return std::nullopt;
    return field.text;
}

Result<std::vector<Field>> fields_between(std::string_view line, std::string_view prefix, std::size_t min,
                                          std::size_t max)
{
    auto fields = response_fields(line, prefix);
    if (!fields)
        return fields.error();
    if (fields->size() < min || fields->size() > max) {
        auto name = std::string(prefix.substr(0, prefix.size() - 1));
        return make_error(name, std::to_string(fields->size()) + " fields, expected " + std::to_string(min) +
                                    (min == max ? "" : "-" + std::to_string(max)));
    }
    return fields;
}

Result<StoredIndication> stored_indication(std::string_view line, std::string_view prefix)
{
    auto fields = fields_between(line, prefix, 2, 2);
    if (!fields)
        return fields.error();
    auto name = std::string(prefix.substr(0, prefix.size() - 1));
    if ((*fields)[0].text.empty())
        return make_error(name + " <mem>", "missing");
    auto index = to_int((*fields)[1], name + " <index>", 0, max_index);
    if (!index)
        return index.error();
    return StoredIndication{(*fields)[0].text, *index};
}

// "0-2" or "5", optionally quoted.
Result<std::pair<int, int>> to_range(std::string_view item, std::string_view name)
{
    while (!item.empty() && (item.front() == ' ' || item.front() == '"'))
        item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '"'))
        item.remove_suffix(1);
    auto dash = item.find('-');
    auto low = to_int(Field{std::string(item.substr(0, dash))}, name, 0, 255);
    if (!low)
        return low.error();
    if (dash == std::string_view::npos)
        return std::pair{*low, *low};
    auto high = to_int(Field{std::string(item.substr(dash + 1))}, name, *low, 255);
    if (!high)
        return high.error();
    return std::pair{*low, *high};
}

Result<ValueSet> to_value_set(const Field& field, std::string_view name)
{
    std::string_view list = field.text;
    if (field.kind == Field::Kind::group)
        list = list.substr(1, list.size() - 2);
    ValueSet set;
    while (!list.empty()) {
        auto comma = list.find(',');
        auto item = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        if (item.find_first_not_of(" \"") == std::string_view::npos)
            continue; // "()" or a stray comma
        auto range = to_range(item, name);
        if (!range)
            return range.error();
        set.ranges.push_back(*range);
    }
    return set;
}

} // namespace

bool ValueSet::contains(int value) const
{
    for (const auto& [low, high] : ranges)
        if (value >= low && value <= high)
            return true;
    return false;
}

Result<SubmitReply> parse_cmgs(std::string_view line)
{
    auto fields = fields_between(line, "+CMGS:", 1, 2);
    if (!fields)
        return fields.error();
    auto mr = to_int((*fields)[0], "+CMGS <mr>", 0, 255);
    if (!mr)
        return mr.error();
    SubmitReply reply{*mr, std::nullopt};
    if (fields->size() == 2 && !(*fields)[1].omitted())
        reply.extra = (*fields)[1].text;
    return reply;
}

Result<ListedMessage> parse_cmgl(std::string_view line)
{
    // Some modems leave out the empty <alpha> with its comma.
    auto fields = fields_between(line, "+CMGL:", 3, 4);
    if (!fields)
        return fields.error();
    auto index = to_int((*fields)[0], "+CMGL <index>", 0, max_index);
    if (!index)
        return index.error();
    auto stat = to_stat((*fields)[1], "+CMGL <stat>");
    if (!stat)
        return stat.error();
    auto length = to_int(fields->back(), "+CMGL <length>", 0, max_pdu_length);
    if (!length)
        return length.error();
    ListedMessage message{*index, *stat, std::nullopt, *length};
    if (fields->size() == 4)
        message.alpha = alpha_of((*fields)[2]);
    return message;
}

Result<ReadMessage> parse_cmgr(std::string_view line)
{
    auto fields = fields_between(line, "+CMGR:", 2, 3);
    if (!fields)
        return fields.error();
    auto stat = to_stat((*fields)[0], "+CMGR <stat>");
    if (!stat)
        return stat.error();
    auto length = to_int(fields->back(), "+CMGR <length>", 0, max_pdu_length);
    if (!length)
        return length.error();
    ReadMessage message{*stat, std::nullopt, *length};
    if (fields->size() == 3)
        message.alpha = alpha_of((*fields)[1]);
    return message;
}

Result<StoredIndication> parse_cmti(std::string_view line)
{
    return stored_indication(line, "+CMTI:");
}

Result<StoredIndication> parse_cdsi(std::string_view line)
{
    return stored_indication(line, "+CDSI:");
}

Result<RoutedMessage> parse_cmt(std::string_view line)
{
    auto fields = fields_between(line, "+CMT:", 1, 2);
    if (!fields)
        return fields.error();
    auto length = to_int(fields->back(), "+CMT <length>", 0, max_pdu_length);
    if (!length)
        return length.error();
    RoutedMessage message{std::nullopt, *length};
    if (fields->size() == 2)
        message.alpha = alpha_of((*fields)[0]);
    return message;
}

Result<int> parse_cds(std::string_view line)
{
    auto fields = fields_between(line, "+CDS:", 1, 1);
    if (!fields)
        return fields.error();
    return to_int((*fields)[0], "+CDS <length>", 0, max_pdu_length);
}

Result<std::vector<StorageUse>> parse_cpms(std::string_view line)
{
    auto fields = response_fields(line, "+CPMS:");
    if (!fields)
        return fields.error();
    const auto& first = (*fields)[0];
    bool named = first.quoted() || (!first.text.empty() && (first.text[0] < '0' || first.text[0] > '9'));
    std::size_t stride = named ? 3 : 2;
    if (fields->size() % stride != 0 || fields->size() > 3 * stride)
        return make_error("+CPMS", std::to_string(fields->size()) + " fields, expected 1-3 storages of " +
                                       std::to_string(stride));
    std::vector<StorageUse> storages;
    for (std::size_t i = 0; i < fields->size(); i += stride) {
        StorageUse use;
        if (named)
            use.mem = (*fields)[i].text;
        auto used = to_int((*fields)[i + stride - 2], "+CPMS <used>", 0, max_index);
        if (!used)
            return used.error();
        auto total = to_int((*fields)[i + stride - 1], "+CPMS <total>", 0, max_index);
        if (!total)
            return total.error();
        use.used = *used;
        use.total = *total;
        storages.push_back(std::move(use));
    }
    return storages;
}

Result<IndicationSupport> parse_cnmi_support(std::string_view line)
{
    auto fields = fields_between(line, "+CNMI:", 2, 5);
    if (!fields)
        return fields.error();
    IndicationSupport support;
    ValueSet* sets[] = {&support.mode, &support.mt, &support.bm, &support.ds, &support.bfr};
    static constexpr std::array<std::string_view, 5> names = {"+CNMI <mode>", "+CNMI <mt>", "+CNMI <bm>",
                                                              "+CNMI <ds>", "+CNMI <bfr>"};
    for (std::size_t i = 0; i < fields->size(); ++i) {
        auto set = to_value_set((*fields)[i], names[i]);
        if (!set)
            return set.error();
        *sets[i] = std::move(set).value();
    }
    return support;
}

Result<ServiceCentre> parse_csca(std::string_view line)
{
    auto fields = fields_between(line, "+CSCA:", 1, 2);
    if (!fields)
        return fields.error();
    ServiceCentre centre{(*fields)[0].text, std::nullopt};
    if (fields->size() == 2 && !(*fields)[1].omitted()) {
        auto toa = to_int((*fields)[1], "+CSCA <tosca>", 0, 255);
        if (!toa)
            return toa.error();
        centre.toa = *toa;
    }
    return centre;
}

Result<SmsServices> parse_csms(std::string_view line)
{
    auto fields = fields_between(line, "+CSMS:", 3, 4);
    if (!fields)
        return fields.error();
    SmsServices services;
    std::size_t i = 0;
    if (fields->size() == 4) {
        auto service = to_int((*fields)[0], "+CSMS <service>", 0, 255);
        if (!service)
            return service.error();
        services.service = *service;
        i = 1;
    }
    bool* flags[] = {&services.mt, &services.mo, &services.bm};
    static constexpr std::array<std::string_view, 3> names = {"+CSMS <mt>", "+CSMS <mo>", "+CSMS <bm>"};
    for (std::size_t k = 0; k < 3; ++k) {
        auto flag = to_int((*fields)[i + k], names[k], 0, 1);
        if (!flag)
            return flag.error();
        *flags[k] = *flag == 1;
    }
    return services;
}

} // namespace smsgate::at
