// result.hpp - a value or a typed error, for pure code that must not throw
// on bad input (C++20 has no std::expected).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace smsgate {

// An error names the thing that was wrong ("TP-MTI", "TP-UDL") and says
// what was wrong with it, so that a log line or an admin's tool can show it.
struct Error {
    std::string field;
    std::string message;

    std::string what() const { return field.empty() ? message : field + ": " + message; }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    const Error& error() const { return std::get<1>(state_); }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> state_;
};

// The value of a Result that has nothing to return but success.
struct Done {};
using Status = Result<Done>;

inline Error make_error(std::string field, std::string message)
{
    return Error{std::move(field), std::move(message)};
}

} // namespace smsgate
