// Checking a database file for damage. Every long-running program (kiosk, displays, consoles) and
// every motcua command that opens the database runs the quick check first and refuses to write into
// a damaged file; doctor, backup and restore run the full check.
#pragma once

#include <string>

#include "queue/sqlite.h"
#include "queue/store.h"

namespace motcua::queue {

enum class IntegrityDepth {
    Quick,  // PRAGMA quick_check: every page and record, not the index contents (linear in the file)
    Full,   // PRAGMA integrity_check: also that every index matches its table
};

// "ok", or SQLite's findings as one line (its multi-line messages folded, at most ~300 characters).
// A file too damaged to be checked at all gives SQLite's error instead.
std::string checkIntegrity(Database& db, IntegrityDepth depth);

// The database failed its check: nothing was written to it. The message is one line that says what
// to do (restore a backup).
class StoreDamaged : public StoreRefused {
  public:
    using StoreRefused::StoreRefused;
};

// Runs the quick check and throws StoreDamaged when it fails. Call it right after openStore, before
// the first write.
void refuseDamaged(Database& db);

}  // namespace motcua::queue
