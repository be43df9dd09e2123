#include "queue/change_watcher.h"

#include "queue/postgres.h"
#include "queue/queue_service.h"
#include "queue/sqlite.h"

namespace motcua::queue {

ChangeWatcher::ChangeWatcher(Database& db)
    : m_db(db), m_lastEventId(db.queryInt("SELECT COALESCE(MAX(id), 0) FROM events")) {
    if (db.isPostgres()) {
        listenForChanges(db);
        m_generation = postgresGeneration(db);
    } else {
        m_dataVersion = sqliteDataVersion(db);
    }
}

bool ChangeWatcher::changed() {
    if (!m_db.isPostgres()) {
        const auto version = sqliteDataVersion(m_db);
        if (version == m_dataVersion) return false;
        m_dataVersion = version;
        return true;
    }
    if (const auto generation = postgresGeneration(m_db); generation != m_generation) {
        // A new connection: LISTEN again, and let the caller reload.
        listenForChanges(m_db);
        m_generation = generation;
        m_reconnected = true;
        return true;
    }
    return takeNotifications(m_db);
}

bool ChangeWatcher::reconnected() {
    const bool was = m_reconnected;
    m_reconnected = false;
    return was;
}

std::vector<Event> ChangeWatcher::newEvents(QueueService& queue, int limit) {
    auto events = queue.events(m_lastEventId, limit);
    if (!events.empty()) m_lastEventId = events.back().id;
    return events;
}

}  // namespace motcua::queue
