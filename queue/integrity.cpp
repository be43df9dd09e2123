#include "queue/integrity.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace motcua::queue {

namespace {

constexpr std::size_t kMaxLine = 300;

// One line: SQLite's findings may hold newlines ("*** in database main ***\nPage 5: ...").
void appendFolded(std::string& line, const std::string& finding) {
    if (!line.empty()) line += "; ";
    for (const char c : finding) {
        if (c == '\n' || c == '\r') {
            if (!line.empty() && line.back() != ' ') line += ' ';
        } else {
            line += c;
        }
    }
}

}  // namespace

std::string checkIntegrity(Database& db, IntegrityDepth depth) {
    // A PostgreSQL server checks its own pages (and the server's administrator its disks): nothing
    // here can find more than the server would already have refused.
    if (db.isPostgres()) return "ok";
    try {
        // At most 10 findings: a damaged file can report thousands.
        Statement st(
            db, depth == IntegrityDepth::Quick ? "PRAGMA quick_check(10)" : "PRAGMA integrity_check(10)");
        std::string line;
        while (st.step()) {
            appendFolded(line, st.getText(0));
            if (line.size() > kMaxLine) {
                // Cut at a character boundary, never inside a UTF-8 sequence.
                std::size_t cut = kMaxLine;
                while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
                line.resize(cut);
                line += "…";
                break;
            }
        }
        return line.empty() ? "no answer" : line;
    } catch (const SqliteError& e) {
        if (e.code() == SQLITE_CORRUPT || e.code() == SQLITE_NOTADB) return e.what();
        throw;
    }
}

void refuseDamaged(Database& db) {
    const std::string check = checkIntegrity(db, IntegrityDepth::Quick);
    if (check == "ok") return;
    throw StoreDamaged(fmt::format(
        "{}: the database file is damaged ({}); nothing was written to it. Stop the motcua programs and "
        "restore the latest good backup: motcua restore FILE (backups are in /var/lib/motcua/backups)",
        db.path(), check));
}

}  // namespace motcua::queue
