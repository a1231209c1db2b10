// attr.cpp - attribute-list messages: escaping, framing, bounds.
#include "proto/attr.hpp"

#include <algorithm>
#include <charconv>

namespace smsgate::proto {

Message& Message::set(std::string name, std::string value)
{
    attrs_.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::optional<std::string_view> Message::get(std::string_view name) const
{
    for (const auto& [n, v] : attrs_)
        if (n == name)
            return v;
    return std::nullopt;
}

std::string Message::value_or(std::string_view name, std::string_view fallback) const
{
    return std::string(get(name).value_or(fallback));
}

std::optional<long long> Message::number(std::string_view name) const
{
    auto v = get(name);
    if (!v)
        return std::nullopt;
    long long n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size())
        return std::nullopt;
    return n;
}

namespace {

void escape_into(std::string& out, std::string_view value)
{
    for (char c : value) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\0': out += "\\0"; break;
        default: out += c;
        }
    }
}

Result<std::string> unescape(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\') {
            out += value[i];
            continue;
        }
        if (++i == value.size())
            return make_error("protocol", "value ends in a lone backslash");
        switch (value[i]) {
        case '\\': out += '\\'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        default: return make_error("protocol", "unknown escape \\" + std::string(1, value[i]));
        }
    }
    return out;
}

bool valid_name(std::string_view name)
{
    if (name.empty() || name.size() > max_name_bytes)
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
            return false;
    return true;
}

Result<Message> parse(std::string_view block, std::size_t max_count)
{
    Message m;
    std::size_t count = 0;
    while (!block.empty()) {
        auto nl = block.find('\n');
        auto line = block.substr(0, nl);
        block.remove_prefix(nl == std::string_view::npos ? block.size() : nl + 1);
        auto eq = line.find('=');
        if (eq == std::string_view::npos)
            return make_error("protocol", "line without '='");
        auto name = line.substr(0, eq);
        if (!valid_name(name))
            return make_error("protocol", "bad attribute name");
        if (++count > max_count)
            return make_error("protocol", "too many attributes");
        auto value = unescape(line.substr(eq + 1));
        if (!value)
            return value.error();
        m.set(std::string(name), std::move(value).value());
    }
    auto version = m.number("smsgate");
    if (!m.attributes().empty() && m.attributes().front().first != "smsgate")
        return make_error("protocol", "the first attribute is not smsgate=<version>");
    if (!version)
        return make_error("protocol", "no protocol version");
    if (*version != protocol_version)
        return make_error("protocol", "protocol version " + std::to_string(*version) + " is not supported (this is " +
                                          std::to_string(protocol_version) + ")");
    return m;
}

} // namespace

std::string encode(const Message& message)
{
    std::string out = "smsgate=" + std::to_string(protocol_version) + "\n";
    for (const auto& [name, value] : message.attributes()) {
        if (name == "smsgate")
            continue;
        out += name;
        out += '=';
        escape_into(out, value);
        out += '\n';
    }
    out += '\n';
    return out;
}

std::size_t Decoder::limit() const
{
    if (!large_head_.empty() && buffer_.compare(0, large_head_.size(), large_head_) == 0)
        return std::max(max_, large_max_);
    return max_;
}

void Decoder::feed(std::string_view bytes)
{
    if (!failed_)
        buffer_.append(bytes);
}

std::optional<Result<Message>> Decoder::next()
{
    if (failed_)
        return std::nullopt;
    // The end of a message: an empty line, i.e. "\n\n", or "\n" at the start.
    std::size_t end = std::string::npos;
    if (!buffer_.empty() && buffer_[0] == '\n')
        end = 0;
    else if (auto pos = buffer_.find("\n\n", scanned_ > 0 ? scanned_ - 1 : 0); pos != std::string::npos)
        end = pos + 1;
    if (end == std::string::npos) {
        scanned_ = buffer_.size();
        if (buffer_.size() > limit()) {
            failed_ = true;
            return Result<Message>(make_error("protocol", "message larger than " + std::to_string(limit()) + " bytes"));
        }
        return std::nullopt;
    }
    if (end > limit()) {
        failed_ = true;
        return Result<Message>(make_error("protocol", "message larger than " + std::to_string(limit()) + " bytes"));
    }
    std::string block = buffer_.substr(0, end == 0 ? 0 : end - 1);
    buffer_.erase(0, end + 1);
    scanned_ = 0;
    auto message = parse(block, attributes_);
    if (!message)
        failed_ = true;
    return message;
}

} // namespace smsgate::proto
