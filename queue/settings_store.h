// The office's settings, as `motcua init` stores them: one JSON document per key (office, call_order,
// rating, voice, printer, …) in the settings table of either store.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "queue/database.h"

namespace motcua::queue {

// The setting's JSON; an empty object when it was never written, a discarded value when it is not
// valid JSON.
nlohmann::json readSetting(Database& db, const std::string& key);
// Inserts or replaces the setting (inside the caller's transaction, if any).
void writeSetting(Database& db, const std::string& key, const nlohmann::json& value);

}  // namespace motcua::queue
