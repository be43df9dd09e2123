// Keeps a LobbyState current for a display: polls the store's change feed (ChangeWatcher: SQLite's
// data_version, PostgreSQL's NOTIFY) at most every `interval` of the clock (sub-millisecond when
// nothing changed), and when another connection has committed, reads every new event in order and
// the queue's status.
//
// On PostgreSQL the server may go away (restart, network). The feed then reports offline() (the
// program's App shows the lost-server banner, ui::ConnectionBanner) and keeps trying; once the connection is
// back it reads everything that happened meanwhile: the calls made during the outage are shown, and only
// those of the last kAnnounceAfterOutage are announced (an old call read out late would send people to a
// counter that has moved on). Nothing already announced is announced again.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kiosk/display_app/lobby_state.h"
#include "queue/change_watcher.h"
#include "queue/clock.h"
#include "queue/queue_service.h"

namespace motcua::display {

struct FeedUpdate {
    bool changed = false;              // the state was refreshed (or the connection was lost or regained)
    std::vector<queue::Event> events;  // new events, oldest first
    std::vector<CallEntry> calls;      // the calls and recalls among them, in order
};

class QueueFeed {
  public:
    static constexpr std::chrono::milliseconds kDefaultInterval{50};
    static constexpr queue::TimeMs kAnnounceAfterOutage = 30'000;

    // queue, db (the queue's own connection) and clock must outlive the feed. Reads the status and
    // the recent calls of today at once, without announcing them (a restarted display is not silent
    // about who is served, and does not repeat old calls aloud).
    QueueFeed(queue::QueueService& queue, queue::Database& db, const queue::Clock& clock,
              std::chrono::milliseconds interval = kDefaultInterval);

    // Polls if the interval has passed since the last poll.
    FeedUpdate poll();
    // Reads the status again now (after this process wrote through the same connection).
    void refresh();

    const LobbyState& state() const noexcept { return m_state; }
    queue::QueueService& queue() noexcept { return m_queue; }
    const queue::Clock& clock() const noexcept { return m_clock; }
    std::int64_t lastEventId() const noexcept { return m_watcher.lastEventId(); }
    // The store's server cannot be reached (PostgreSQL only): what is shown may be out of date.
    bool offline() const noexcept { return m_offline; }
    // Why, in English, for the log.
    const std::string& offlineReason() const noexcept { return m_offlineReason; }

  private:
    // The office's short counter names for the TV.
    nlohmann::json displayNames() const;
    FeedUpdate read(bool afterOutage);

    queue::QueueService& m_queue;
    const queue::Clock& m_clock;
    queue::ChangeWatcher m_watcher;
    std::chrono::milliseconds m_interval;
    queue::TimeMs m_lastPoll = 0;
    LobbyState m_state;
    bool m_offline = false;
    std::string m_offlineReason;
};

}  // namespace motcua::display
