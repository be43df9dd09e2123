// A value or the reason there is none. Expected outcomes (no printer, paper out, a stream that
// cannot be decoded) travel as values; exceptions are kept for broken programs and C library
// failures nobody can act on.
#pragma once

#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

namespace motcua::printer {

template <class T, class E>
class Expected {
  public:
    Expected(T value) : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Expected(E error) : m_state(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // Throws std::logic_error when called on an error: a caller that did not check is a bug.
    T& value() & { return std::get<0>(checked()); }
    const T& value() const& { return std::get<0>(checked()); }
    T&& value() && { return std::get<0>(std::move(checked())); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const E& error() const {
        if (ok()) throw std::logic_error("Expected::error() called on a value");
        return std::get<1>(m_state);
    }

  private:
    std::variant<T, E>& checked() {
        if (!ok()) throw std::logic_error("Expected::value() called on an error");
        return m_state;
    }
    const std::variant<T, E>& checked() const {
        if (!ok()) throw std::logic_error("Expected::value() called on an error");
        return m_state;
    }
    std::variant<T, E> m_state;
};

template <class E>
class Expected<void, E> {
  public:
    Expected() = default;
    Expected(E error) : m_error(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const noexcept { return !m_error; }
    explicit operator bool() const noexcept { return ok(); }
    const E& error() const {
        if (ok()) throw std::logic_error("Expected::error() called on a success");
        return *m_error;
    }

  private:
    std::optional<E> m_error;
};

}  // namespace motcua::printer
