// Opening the shared motcua database: identity and version checks, connection settings, migrations.
#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "queue/sqlite.h"

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
    std::chrono::milliseconds busyTimeout{5000};
};

// 'MCUA' in the SQLite header's application_id field marks a motcua database.
inline constexpr int kApplicationId = 0x4d435541;

int latestSchemaVersion();

// Opens (and for Initialise, creates) the database at path with WAL, synchronous=FULL, foreign keys
// and a busy timeout, then brings its schema to the latest version. Throws StoreRefused for a file
// that must be left alone, SqliteError for a failure while using it.
Database openStore(const std::filesystem::path& path, OpenPurpose purpose, const StoreOptions& options = {});

// The -wal, -shm and -journal files at path when the database file itself is missing (deleted or
// moved while they stayed). openStore refuses such a path; setAsideOrphanedFiles (backup.h) keeps
// them under another name so that init can start afresh.
std::vector<std::filesystem::path> orphanedFiles(const std::filesystem::path& path);

// $MOTCUA_DB, else $XDG_DATA_HOME/motcua/motcua.db, else ~/.local/share/motcua/motcua.db.
std::filesystem::path defaultDatabasePath();

}  // namespace motcua::queue
