#include "queue/settings_store.h"

namespace motcua::queue {

nlohmann::json readSetting(Database& db, const std::string& key) {
    Statement st(db, "SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return nlohmann::json::object();
    return nlohmann::json::parse(st.getText(0), nullptr, false);
}

void writeSetting(Database& db, const std::string& key, const nlohmann::json& value) {
    Statement st(db,
                 "INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                 "excluded.value");
    st.bind(1, key).bind(2, value.dump());
    st.run();
}

}  // namespace motcua::queue
