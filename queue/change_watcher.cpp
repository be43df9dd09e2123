#include "queue/change_watcher.h"

namespace motcua::queue {

ChangeWatcher::ChangeWatcher(Database& db)
    : m_db(db), m_dataVersion(db.dataVersion()), m_lastEventId(db.queryInt("SELECT COALESCE(MAX(id), 0) FROM events")) {}

bool ChangeWatcher::changed() {
    const auto version = m_db.dataVersion();
    if (version == m_dataVersion) return false;
    m_dataVersion = version;
    return true;
}

std::vector<Event> ChangeWatcher::newEvents(QueueService& queue, int limit) {
    auto events = queue.events(m_lastEventId, limit);
    if (!events.empty()) m_lastEventId = events.back().id;
    return events;
}

}  // namespace motcua::queue
