#include "kiosk/web/rate_limiter.h"

namespace motcua::web {

bool RateLimiter::allow(const std::string& key, queue::TimeMs now) {
    auto it = m_windows.find(key);
    if (it == m_windows.end()) {
        if (m_windows.size() >= m_maxKeys) dropExpired(now);
        if (m_windows.size() >= m_maxKeys) return false;
        it = m_windows.emplace(key, Window{now, 0}).first;
    }
    auto& w = it->second;
    if (now - w.start >= m_windowMs || now < w.start) w = Window{now, 0};
    if (w.count >= m_limit) return false;
    ++w.count;
    return true;
}

int RateLimiter::remaining(const std::string& key, queue::TimeMs now) const {
    const auto it = m_windows.find(key);
    if (it == m_windows.end()) return m_limit;
    const auto& w = it->second;
    if (now - w.start >= m_windowMs || now < w.start) return m_limit;
    return m_limit > w.count ? m_limit - w.count : 0;
}

void RateLimiter::dropExpired(queue::TimeMs now) {
    for (auto it = m_windows.begin(); it != m_windows.end();) {
        if (now - it->second.start >= m_windowMs || now < it->second.start)
            it = m_windows.erase(it);
        else
            ++it;
    }
}

}  // namespace motcua::web
