// Backing up and restoring the motcua database while the office runs.
//
// backupDatabase copies a consistent snapshot with SQLite's online backup API: the kiosk and the
// displays may keep writing (WAL readers never block writers). restoreDatabase puts a backup in
// place of the live database only after the candidate passed every check openStore makes plus an
// integrity check, keeps the old database under a timestamped name, and swaps with one rename, so a
// refusal leaves every file as it was.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "queue/sqlite.h"

namespace motcua::queue {

// What a database file holds, as reported after a backup or a restore.
struct DatabaseSummary {
    std::filesystem::path path;
    std::uintmax_t bytes = 0;
    int schemaVersion = 0;
    std::int64_t tickets = 0;
    std::int64_t events = 0;
};

// Writes a snapshot of source (an open motcua database) to target: first into a temporary file in
// target's directory, then renamed over target, so target is either absent/old or complete. The file
// is made readable by owner and group only (it holds staff PIN hashes). Throws StoreRefused when
// target is the live database (or one of its -wal/-shm files), is a directory, or exists and
// overwrite is false; SqliteError when the copy fails (the temporary file is removed).
DatabaseSummary backupDatabase(Database& source, const std::filesystem::path& target, bool overwrite = false);

// "20250314-170500" for the given local time: the stamp in every backup and kept-aside file's name.
std::string backupStamp(std::chrono::system_clock::time_point when);

// "motcua-20250314-170500.db" for the given local time: the name daily backups get in a folder.
std::string backupFileName(std::chrono::system_clock::time_point when);

// Backup files in folder named like backupFileName (or postgresBackupFileName), oldest first.
std::vector<std::filesystem::path> listBackups(const std::filesystem::path& folder);

// Removes all but the newest keep backups in folder (only files named like backupFileName); returns
// what was removed.
std::vector<std::filesystem::path> pruneBackups(const std::filesystem::path& folder, std::size_t keep);

// True when another process has the database at path open (SQLite keeps a shared lock on its -shm
// file for as long as a connection in WAL mode is open). Connections of this process are not seen.
bool databaseInUseElsewhere(const std::filesystem::path& path);

struct RestoreResult {
    DatabaseSummary restored;                       // the database now at the live path
    std::optional<std::filesystem::path> previous;  // where the old live database was kept, if any
    std::vector<std::filesystem::path> keptAside;   // the -wal/-shm a deleted database left, set aside
};

// Replaces the database at live with the backup at candidate. The candidate is copied next to live
// and the copy opened with openStore (a motcua database, schema not newer than this program; an
// older schema is migrated), integrity-checked and checkpointed; only then is the old database kept
// as "<live>.<YYYYMMDD-HHMMSS>.bak" (hard link) and the copy renamed over live. Throws StoreRefused
// (with nothing changed) for a candidate that is not a good motcua database, has a -wal file beside
// it, is the live database, or when another process has live open. When live is missing but its
// -wal/-shm are still there (the file was deleted under them), those are set aside first
// (setAsideOrphanedFiles): SQLite would otherwise apply the old -wal's pages to the restored file.
RestoreResult restoreDatabase(const std::filesystem::path& candidate, const std::filesystem::path& live,
                              std::chrono::system_clock::time_point now);

// Renames the -wal/-shm/-journal left at path without their database (orphanedFiles) to
// "<name>-wal.orphan-YYYYMMDD-HHMMSS", so a new database can be made there without SQLite deleting
// them; returns the new names. Throws StoreRefused when one cannot be renamed.
std::vector<std::filesystem::path> setAsideOrphanedFiles(const std::filesystem::path& path,
                                                         std::chrono::system_clock::time_point now);

// Size, schema version and ticket/event counts of an open motcua database.
DatabaseSummary summarise(Database& db, const std::filesystem::path& path);

}  // namespace motcua::queue
