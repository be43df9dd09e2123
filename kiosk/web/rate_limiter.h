// Counting requests per key (a network address, a phone's cookie) in fixed windows of time, with
// bounded memory: at most maxKeys keys are kept; when full, expired windows are dropped first, and if
// that is not enough the new key is refused (the caller answers "try again later") rather than
// forgetting someone's count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "queue/clock.h"

namespace motcua::web {

class RateLimiter {
  public:
    RateLimiter(int limit, queue::TimeMs windowMs, std::size_t maxKeys = 100'000)
        : m_limit(limit), m_windowMs(windowMs), m_maxKeys(maxKeys) {}

    // Counts one request of key at now; false (and nothing counted) when the key has used its limit
    // in the current window.
    bool allow(const std::string& key, queue::TimeMs now);
    // Requests key may still make in the current window.
    int remaining(const std::string& key, queue::TimeMs now) const;
    std::size_t keys() const noexcept { return m_windows.size(); }
    void setLimit(int limit) noexcept { m_limit = limit; }

  private:
    struct Window {
        queue::TimeMs start = 0;
        int count = 0;
    };
    void dropExpired(queue::TimeMs now);

    int m_limit;
    queue::TimeMs m_windowMs;
    std::size_t m_maxKeys;
    std::unordered_map<std::string, Window> m_windows;
};

}  // namespace motcua::web
