// Noticing what other processes wrote: poll PRAGMA data_version on this process's own connection
// (a read of shared memory, sub-millisecond), then read the events appended since the last one seen.
// Because it reads by event id, several calls committed between two polls are all delivered.
#pragma once

#include <cstdint>
#include <vector>

#include "queue/queue_service.h"
#include "queue/sqlite.h"

namespace motcua::queue {

class ChangeWatcher {
public:
    // Starts after the newest event now in the log (history is not replayed).
    explicit ChangeWatcher(Database& db);

    // True when another connection has committed since the last call.
    bool changed();
    // Events after the last one returned, oldest first (at most limit).
    std::vector<Event> newEvents(QueueService& queue, int limit = 1000);
    std::int64_t lastEventId() const noexcept { return m_lastEventId; }

private:
    Database& m_db;
    std::int64_t m_dataVersion;
    std::int64_t m_lastEventId;
};

}  // namespace motcua::queue
