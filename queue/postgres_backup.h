// `motcua backup` and `motcua restore` on the PostgreSQL store, through PostgreSQL's own tools:
// pg_dump in its custom format (compressed, restorable table by table) and pg_restore. They read the
// same URL the programs use; a password comes from PGPASSFILE or pg_service.conf, never argv.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "queue/backup.h"
#include "queue/database.h"

namespace motcua::queue {

// "motcua-20250314-170500.dump": a dated PostgreSQL backup (listBackups and pruneBackups know it).
std::string postgresBackupFileName(std::chrono::system_clock::time_point when);

// Dumps schema motcua of the database at url into target (custom format): first into a temporary
// file beside it, renamed once pg_dump succeeded, made readable by owner and group only. The dump is
// one consistent snapshot (pg_dump's REPEATABLE READ transaction) while the office keeps working.
// Throws StoreRefused for a target that exists (unless overwrite) or whose folder is missing, and
// when pg_dump fails (its first error line is in the message; nothing is left behind).
DatabaseSummary backupPostgres(Database& db, const std::string& url, const std::filesystem::path& target,
                               bool overwrite = false);

// True when the file starts as pg_dump's custom format does ("PGDMP").
bool isPostgresDump(const std::filesystem::path& file);

struct PostgresRestore {
    DatabaseSummary restored;
    std::filesystem::path previous;  // a dump of what the database held before, beside the candidate
};

// Replaces schema motcua of the database at url with the dump at candidate, in one transaction
// (pg_restore --single-transaction: a failure leaves the database as it was). Before that: the
// candidate must be a motcua dump (pg_restore --list names motcua.meta), no other motcua program may
// be connected (stop them: their state would not match), and what the database holds now is dumped
// beside the candidate as "motcua-before-restore-<time>.dump". Afterwards the roles' privileges are
// granted again and the schema brought to this program's version. Throws StoreRefused with nothing
// changed when a check fails.
PostgresRestore restorePostgres(const std::filesystem::path& candidate, const std::string& url,
                                std::chrono::system_clock::time_point now);

}  // namespace motcua::queue
