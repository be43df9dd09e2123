// Moving an office from one store to another: `motcua migrate --to postgresql://…` copies the whole
// SQLite database (configuration, staff, catalogue, every ticket and event) into a PostgreSQL
// database, or back. The copy is one transaction on the target: it is either all there or not at all.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "queue/database.h"

namespace motcua::queue {

// The tables a motcua database holds, parents before children (the order rows are copied in).
const std::vector<std::string>& copiedTables();

struct TableCopy {
    std::string table;
    std::int64_t sourceRows = 0;
    std::int64_t targetRows = 0;  // counted on the target after the commit
};

struct CopyResult {
    std::vector<TableCopy> tables;
    std::vector<std::string> businessDays;  // every business day with tickets, oldest first
};

// Copies every row of copiedTables() from source to target (both opened with openStore at the same
// schema version), keeping ids, then moves the target's id sequences past the copied ids.
//
// Refuses (StoreRefused, nothing written) when the schemas differ, when a table's columns differ
// between the two, or when the target already holds tickets or events: migrating is for a new
// server, never a merge. A target that holds only configuration (a `motcua init` run on it) has it
// replaced by the source's. Reads the source in one snapshot, so the office may keep working on the
// source while it runs; what it does after the snapshot is not copied (stop the programs first).
CopyResult copyDatabase(Database& source, Database& target);

}  // namespace motcua::queue
