// Noticing what other processes wrote, on either store, behind one interface:
//  - SQLite: poll PRAGMA data_version on this process's own connection (a read of shared memory,
//    sub-millisecond);
//  - PostgreSQL: LISTEN motcua_events; a trigger NOTIFYs at every commit that appends events, and
//    changed() only reads what the socket already holds (no round trip).
// Then read the events appended since the last one seen: several calls committed between two polls
// are all delivered, also after a lost connection was re-opened (reconnected() says so once, so a
// screen reloads its whole state and decides what of the backlog is still worth announcing).
#pragma once

#include <cstdint>
#include <vector>

#include "queue/database.h"
#include "queue/ticket.h"

namespace motcua::queue {

class QueueService;

class ChangeWatcher {
  public:
    // Starts after the newest event now in the log (history is not replayed).
    explicit ChangeWatcher(Database& db);

    // True when another connection has committed since the last call (or the server connection is
    // down or was re-opened: the caller's next read tells which).
    bool changed();
    // True once after the connection to the server was re-opened since the last call.
    bool reconnected();
    // Events after the last one returned, oldest first (at most limit).
    std::vector<Event> newEvents(QueueService& queue, int limit = 1000);
    std::int64_t lastEventId() const noexcept { return m_lastEventId; }

  private:
    Database& m_db;
    std::int64_t m_dataVersion = 0;
    std::uint64_t m_generation = 0;
    bool m_reconnected = false;
    std::int64_t m_lastEventId;
};

}  // namespace motcua::queue
