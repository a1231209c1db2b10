// json.hpp - writing flat JSON objects, one per line, for tools whose output
// other programs read. Strings are UTF-8; control characters are escaped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace smsgate {

std::string json_quote(std::string_view utf8);

class JsonObject {
public:
    JsonObject& add(std::string_view key, std::string_view value);
    JsonObject& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    JsonObject& add(std::string_view key, bool value);
    template <typename T>
        requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
    JsonObject& add(std::string_view key, T value)
    {
        return add_number(key, static_cast<long long>(value));
    }
    JsonObject& add_null(std::string_view key);
    // A value that is already JSON: an array or a nested object.
    JsonObject& add_raw(std::string_view key, std::string_view json);

    template <typename T>
    JsonObject& add(std::string_view key, const std::optional<T>& value)
    {
        return value ? add(key, *value) : add_null(key);
    }

    std::string str() const { return "{" + body_ + "}"; }

private:
    JsonObject& add_number(std::string_view key, long long value);
    void key(std::string_view k);
    std::string body_;
};

} // namespace smsgate
