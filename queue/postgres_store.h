// The PostgreSQL side of openStore (see store.h).
#pragma once

#include <string>

#include "queue/database.h"
#include "queue/store.h"

namespace motcua::queue {

Database openPostgresStore(const std::string& url, OpenPurpose purpose, const StoreOptions& options);

// Creates (or brings up to date) the group roles motcua_display, motcua_kiosk, motcua_console and
// motcua_web and their privileges. Needs the schema's owner with CREATEROLE.
void ensurePostgresRoles(Database& db);

int latestPostgresSchemaVersion();

// The schema version recorded in motcua.meta; 0 when there is no motcua schema.
int postgresSchemaVersion(Database& db);

}  // namespace motcua::queue
