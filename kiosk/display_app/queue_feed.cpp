#include "kiosk/display_app/queue_feed.h"

#include <algorithm>

#include "queue/database.h"

namespace motcua::display {

namespace {
// How far back a starting display looks for today's calls (events, not calls).
constexpr std::int64_t kStartupLookback = 300;
}  // namespace

QueueFeed::QueueFeed(queue::QueueService& queue, queue::Database& db, const queue::Clock& clock,
                     std::chrono::milliseconds interval)
    : m_queue(queue), m_clock(clock), m_watcher(db), m_interval(interval) {
    m_state.refresh(m_queue.status(), displayNames());
    const std::int64_t since = std::max<std::int64_t>(0, m_watcher.lastEventId() - kStartupLookback);
    const std::string today = m_queue.calendar().dayOf(m_clock.now());
    for (const auto& event : m_queue.events(since, static_cast<int>(kStartupLookback) + 1)) {
        if (event.id > m_watcher.lastEventId()) break;
        if (m_queue.calendar().dayOf(event.at) == today) m_state.apply(event);
    }
    m_state.refresh(m_queue.status(), displayNames());
}

FeedUpdate QueueFeed::poll() {
    const queue::TimeMs now = m_clock.now();
    if (m_lastPoll != 0 && now - m_lastPoll < m_interval.count() && now >= m_lastPoll) return {};
    m_lastPoll = now;
    const bool wasOffline = m_offline;
    try {
        if (!m_watcher.changed() && !wasOffline) return {};
        FeedUpdate update = read(wasOffline || m_watcher.reconnected());
        m_offline = false;
        m_offlineReason.clear();
        update.changed = true;
        return update;
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        m_offline = true;
        m_offlineReason = e.what();
        FeedUpdate update;
        update.changed = !wasOffline;  // draw the banner once; then keep trying quietly
        return update;
    }
}

FeedUpdate QueueFeed::read(bool afterOutage) {
    FeedUpdate update;
    const queue::TimeMs now = m_clock.now();
    // Several commits may have come between two polls: read until the log is exhausted.
    for (;;) {
        auto events = m_watcher.newEvents(m_queue);
        if (events.empty()) break;
        for (auto& event : events) {
            auto call = m_state.apply(event);
            if (call && (!afterOutage || now - event.at <= kAnnounceAfterOutage))
                update.calls.push_back(std::move(*call));
            update.events.push_back(std::move(event));
        }
    }
    m_state.refresh(m_queue.status(), displayNames());
    update.changed = true;
    return update;
}

nlohmann::json QueueFeed::displayNames() const {
    const auto& office = m_queue.office();
    if (office.is_object() && office.contains("counter_display_names"))
        return office["counter_display_names"];
    return nlohmann::json::object();
}

void QueueFeed::refresh() {
    m_state.refresh(m_queue.status(), displayNames());
}

}  // namespace motcua::display
