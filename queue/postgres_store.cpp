// Opening the PostgreSQL store: reaching the server, recognising (or creating) the motcua schema,
// migrating it, and the roles each program connects with.
#include "queue/postgres_store.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "queue/migration.h"
#include "queue/postgres.h"
#include "queue/store.h"

namespace motcua::queue {

namespace {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
#include "migrations_postgres.inc"
    };
    return list;
}

// Serialises schema changes between processes (any 64-bit constant both sides agree on: 'MCUA').
constexpr std::int64_t kSchemaLock = 0x4d435541;

// The schema version, or nullopt when the database holds no motcua schema.
std::optional<int> schemaVersion(Database& db) {
    Statement exists(db, "SELECT to_regclass('motcua.meta') IS NOT NULL");
    if (!exists.step() || exists.getInt(0) == 0) return std::nullopt;
    Statement st(db, "SELECT value FROM motcua.meta WHERE key = 'schema_version'");
    if (!st.step()) return 0;
    return std::stoi(st.getText(0));
}

bool foreignSchema(Database& db) {
    Statement st(db,
                 "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'motcua') AND "
                 "to_regclass('motcua.meta') IS NULL");
    return st.step() && st.getInt(0) != 0;
}

void migrate(Database& db, const std::string& shown) {
    Transaction tx(db);
    db.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kSchemaLock));
    db.exec("CREATE SCHEMA IF NOT EXISTS motcua");
    db.exec("CREATE TABLE IF NOT EXISTS motcua.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    Statement app(
        db,
        "INSERT INTO motcua.meta(key, value) VALUES('application', 'motcua') ON CONFLICT (key) DO NOTHING");
    app.run();
    const int from = schemaVersion(db).value_or(0);
    if (from > latestSchemaVersion()) {
        throw StoreRefused(
            fmt::format("{}: made by a newer motcua (schema version {}, this program knows up to {}); "
                        "upgrade motcua",
                        shown, from, latestSchemaVersion()));
    }
    for (const auto& m : migrations()) {
        if (m.version <= from) continue;
        db.exec(m.sql);
    }
    Statement version(db,
                      "INSERT INTO motcua.meta(key, value) VALUES('schema_version', ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    version.bind(1, std::to_string(latestSchemaVersion()));
    version.run();
    tx.commit();
}

}  // namespace

int latestPostgresSchemaVersion() {
    return migrations().empty() ? 0 : migrations().back().version;
}

Database openPostgresStore(const std::string& url, OpenPurpose purpose, const StoreOptions& options) {
    const std::string shown = redactedUrl(url);
    std::optional<Database> opened;
    try {
        opened.emplace(connectPostgres(
            url, PgOptions{options.busyTimeout, options.connectTimeout, options.applicationName}));
    } catch (const PgError& e) {
        throw StoreRefused(fmt::format("{}: cannot reach the database server: {}", shown, e.what()));
    }
    Database& db = *opened;
    const auto version = schemaVersion(db);
    if (!version) {
        if (foreignSchema(db)) {
            throw StoreRefused(
                fmt::format("{}: schema motcua exists but was not made by motcua; left untouched", shown));
        }
        if (purpose != OpenPurpose::Initialise) {
            throw StoreRefused(
                fmt::format("{}: not initialised (run 'motcua init' as the database owner)", shown));
        }
        migrate(db, shown);
        ensurePostgresRoles(db);
        return std::move(db);
    }
    if (*version > latestSchemaVersion()) {
        throw StoreRefused(
            fmt::format("{}: made by a newer motcua (schema version {}, this program knows up to {}); "
                        "upgrade motcua",
                        shown, *version, latestSchemaVersion()));
    }
    if (*version < latestSchemaVersion()) {
        try {
            migrate(db, shown);
            ensurePostgresRoles(db);
        } catch (const PgError& e) {
            if (e.kind() != DatabaseError::Kind::Denied) throw;
            throw StoreRefused(
                fmt::format("{}: the schema is at version {} and this program needs {}; run 'motcua init' "
                            "as the database owner",
                            shown, *version, latestSchemaVersion()));
        }
    } else if (purpose == OpenPurpose::Initialise) {
        ensurePostgresRoles(db);
    }
    return std::move(db);
}

// Least privilege: each program connects as a login role that is a member of one of these. None of
// them may read staff PIN hashes but the console's; the display only reads (and records ratings at a
// counter tablet); nobody but the owner changes the catalogue, the office's settings or the schema.
void ensurePostgresRoles(Database& db) {
    Transaction tx(db);
    db.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kSchemaLock));
    db.exec(R"sql(
DO $$
DECLARE r TEXT;
BEGIN
    FOREACH r IN ARRAY ARRAY['motcua_display', 'motcua_kiosk', 'motcua_console', 'motcua_web'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$$;
GRANT USAGE ON SCHEMA motcua TO motcua_display, motcua_kiosk, motcua_console, motcua_web;
GRANT SELECT ON ALL TABLES IN SCHEMA motcua TO motcua_display, motcua_kiosk, motcua_console, motcua_web;
REVOKE SELECT ON motcua.staff FROM motcua_display, motcua_kiosk, motcua_web;
GRANT SELECT (id, login, name, role, active, has_pin) ON motcua.staff TO motcua_display, motcua_kiosk, motcua_web;
GRANT INSERT ON motcua.tickets, motcua.events TO motcua_kiosk, motcua_console, motcua_web;
GRANT INSERT ON motcua.events TO motcua_display;
GRANT UPDATE (state, counter_id, updated_at) ON motcua.tickets TO motcua_kiosk, motcua_web;
GRANT UPDATE ON motcua.tickets TO motcua_console;
GRANT UPDATE (pin_hash) ON motcua.staff TO motcua_console;
GRANT EXECUTE ON FUNCTION motcua.supervisor_pin_hash(TEXT) TO motcua_kiosk, motcua_console;
GRANT INSERT ON motcua.ticket_links TO motcua_kiosk, motcua_console, motcua_web;
GRANT INSERT ON motcua.appointments TO motcua_web;
GRANT UPDATE (state, ticket_id, updated_at) ON motcua.appointments TO motcua_kiosk, motcua_console, motcua_web;
ALTER TABLE motcua.events ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS events_read ON motcua.events;
CREATE POLICY events_read ON motcua.events FOR SELECT USING (true);
DROP POLICY IF EXISTS events_write ON motcua.events;
CREATE POLICY events_write ON motcua.events FOR INSERT TO motcua_kiosk, motcua_console, motcua_web WITH CHECK (true);
DROP POLICY IF EXISTS events_rate ON motcua.events;
CREATE POLICY events_rate ON motcua.events FOR INSERT TO motcua_display WITH CHECK (kind = 'rate');
)sql");
    tx.commit();
}

int postgresSchemaVersion(Database& db) {
    return schemaVersion(db).value_or(0);
}

}  // namespace motcua::queue
