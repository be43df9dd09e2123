// Opening the shared motcua database: identity and version checks, connection settings, migrations.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "queue/database.h"

namespace motcua::queue {

// The database was refused before anything was written: missing, not ours, from a newer motcua,
// unreadable, read-only. The message is one line meant for the person at the terminal.
class StoreRefused : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class OpenPurpose {
    Use,         // the database must exist and be a motcua database; older schemas are migrated
    Initialise,  // may create the file, or initialise an empty one
};

struct StoreOptions {
    std::chrono::milliseconds busyTimeout{5000};  // SQLite's busy timeout; PostgreSQL's lock_timeout
    std::chrono::seconds connectTimeout{5};       // PostgreSQL: unless the URL says otherwise
    std::string applicationName = "motcua";       // PostgreSQL: shown in pg_stat_activity
};

// 'MCUA' in the SQLite header's application_id field marks a motcua database.
inline constexpr int kApplicationId = 0x4d435541;

int latestSchemaVersion();

// The schema version of an open motcua database (SQLite's user_version, or PostgreSQL's motcua.meta).
int schemaVersionOf(Database& db);

// Opens (and for Initialise, creates) the database at location, then brings its schema to the latest
// version:
//  - a file path: the SQLite store, with WAL, synchronous=FULL, foreign keys and a busy timeout;
//  - "postgresql://…" (or "postgres://…"): the PostgreSQL store, in schema motcua of that database
//    (passwords come from PGPASSFILE, pg_service.conf or the URL; see libpq).
// Anything else that looks like a URL ("mysql://…", "postgresql:/x") is refused, never taken for a
// file name. Throws StoreRefused for a database that must be left alone or cannot be reached,
// DatabaseError for a failure while using it.
Database openStore(const std::filesystem::path& location, OpenPurpose purpose,
                   const StoreOptions& options = {});

// True when location names a database server rather than a file ("scheme:/…").
bool looksLikeUrl(std::string_view location);

// The -wal, -shm and -journal files at path when the database file itself is missing (deleted or
// moved while they stayed). openStore refuses such a path; setAsideOrphanedFiles (backup.h) keeps
// them under another name so that init can start afresh.
std::vector<std::filesystem::path> orphanedFiles(const std::filesystem::path& path);

// $MOTCUA_DB, else $XDG_DATA_HOME/motcua/motcua.db, else ~/.local/share/motcua/motcua.db.
std::filesystem::path defaultDatabasePath();

// Where a program finds the office's database: given (--db), else $MOTCUA_DB, else the office
// config's [database] url (an unreadable config is ignored here; `init` reports it), else the
// default file.
std::string databaseLocation(const std::optional<std::string>& given,
                             const std::filesystem::path& officeConfig);

// The same for the kiosk, displays and consoles (they take the office config from the database, not
// from --config): given (--db), else $MOTCUA_DB, else the [database] url of $MOTCUA_CONFIG or
// /etc/motcua/office.toml (how a counter PC finds the server), else the default file.
std::string programDatabaseLocation(const std::optional<std::filesystem::path>& given);

}  // namespace motcua::queue
