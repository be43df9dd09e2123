#include "queue/store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "queue/file_access.h"
#include "queue/file_mode.h"
#include "queue/migration.h"
#include "queue/postgres.h"
#include "queue/postgres_store.h"
#include "queue/sqlite.h"

namespace motcua::queue {

namespace {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
#include "migrations.inc"
    };
    return list;
}

// Reads the first 16 bytes: "SQLite format 3\0" for an SQLite file. Empty files are allowed.
enum class FileKind { Missing, Empty, Sqlite, Other, Unreadable };

// The first bytes are read through SQLite's own VFS (readFileStart), never with open()/close() of
// our own: POSIX drops every lock a process holds on a file when any of its descriptors for that
// file is closed, so a plain read here would silently release the locks of this process's other
// connections (and let another process delete the WAL under them).
FileKind inspect(const std::filesystem::path& path, std::string& error) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) return FileKind::Missing;
    if (!std::filesystem::is_regular_file(status)) {
        error = "not a regular file";
        return FileKind::Other;
    }
    if (::access(path.c_str(), R_OK) != 0) {
        error = std::strerror(errno);
        return FileKind::Unreadable;
    }
    const auto header = readFileStart(path, 16);
    if (!header) {
        error = "SQLite cannot open it";
        return FileKind::Unreadable;
    }
    if (header->empty()) return FileKind::Empty;
    if (header->size() == 16 && std::memcmp(header->data(), "SQLite format 3\0", 16) == 0)
        return FileKind::Sqlite;
    return FileKind::Other;
}

// One transaction for all pending migrations; the version is read again under the write lock so two
// processes opening an old database at once migrate it once.
void applyMigrations(Database& db) {
    Transaction tx(db);
    const auto from = db.queryInt("PRAGMA user_version");
    if (db.queryInt("PRAGMA application_id") != kApplicationId) {
        db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
    }
    for (const auto& m : migrations()) {
        if (m.version <= from) continue;
        db.exec(m.sql);
        db.exec(fmt::format("PRAGMA user_version = {}", m.version));
    }
    tx.commit();
}

}  // namespace

std::vector<std::filesystem::path> orphanedFiles(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> found;
    std::error_code ec;
    if (std::filesystem::exists(path, ec) || ec) return found;
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        std::filesystem::path sidecar = path.string() + suffix;
        if (std::filesystem::exists(std::filesystem::symlink_status(sidecar, ec)))
            found.push_back(std::move(sidecar));
    }
    return found;
}

int latestSchemaVersion() {
    return migrations().empty() ? 0 : migrations().back().version;
}

int schemaVersionOf(Database& db) {
    if (db.isPostgres()) return postgresSchemaVersion(db);
    return static_cast<int>(db.queryInt("PRAGMA user_version"));
}

static Database openSqliteStore(const std::filesystem::path& path, OpenPurpose purpose,
                                const StoreOptions& options) {
    const std::string shown = path.string();
    std::string error;
    const FileKind kind = inspect(path, error);
    switch (kind) {
        case FileKind::Missing:
            // SQLite deletes a -wal it finds without its database; it may hold the last tickets.
            if (const auto orphans = orphanedFiles(path); !orphans.empty()) {
                throw StoreRefused(fmt::format(
                    "{}: the database file is missing but its {} is still there (deleted or moved?): put the "
                    "file "
                    "back, or restore a backup (motcua restore FILE); 'motcua init' starts an empty database "
                    "and "
                    "keeps the {} aside",
                    shown, orphans.front().filename().string(), orphans.front().filename().string()));
            }
            if (purpose != OpenPurpose::Initialise) {
                throw StoreRefused(fmt::format("{}: no database here (run 'motcua init' first)", shown));
            }
            if (path.has_parent_path()) {
                std::error_code ec;
                std::filesystem::create_directories(path.parent_path(), ec);
                if (ec) {
                    throw StoreRefused(fmt::format("{}: cannot create directory: {}",
                                                   path.parent_path().string(), ec.message()));
                }
            }
            break;
        case FileKind::Unreadable:
            throw StoreRefused(fmt::format("{}: cannot read: {}", shown, error));
        case FileKind::Other:
            throw StoreRefused(fmt::format("{}: not an SQLite database{}; left untouched", shown,
                                           error.empty() ? "" : " (" + error + ")"));
        case FileKind::Empty:
            if (purpose != OpenPurpose::Initialise) {
                throw StoreRefused(fmt::format("{}: empty file, not initialised (run 'motcua init')", shown));
            }
            break;
        case FileKind::Sqlite:
            break;
    }

    if (kind != FileKind::Missing) {
        // Refuse before SQLite gets a chance to create journal files next to a file we cannot write.
        if (::access(shown.c_str(), R_OK | W_OK) != 0) {
            throw StoreRefused(fmt::format("{}: not writable: {}", shown, std::strerror(errno)));
        }
    }
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        throw StoreRefused(fmt::format("{}: directory is not writable ({}); SQLite needs it for its WAL file",
                                       dir.string(), std::strerror(errno)));
    }

    // A new database never exists with a wider mode than its own (staff PIN hashes), whatever the umask.
    if (kind == FileKind::Missing) createDatabaseFile(path);
    Database db(shown, kind == FileKind::Missing ? OpenMode::ReadWriteCreate : OpenMode::ReadWrite,
                options.busyTimeout);
    if (db.isReadOnly()) throw StoreRefused(fmt::format("{}: opened read-only; refusing", shown));

    std::int64_t appId = 0, version = 0, pages = 0;
    try {
        appId = db.queryInt("PRAGMA application_id");
        version = db.queryInt("PRAGMA user_version");
        pages = db.queryInt("PRAGMA page_count");
    } catch (const SqliteError& e) {
        if (e.code() == SQLITE_NOTADB || e.code() == SQLITE_CORRUPT) {
            throw StoreRefused(
                fmt::format("{}: not a usable SQLite database ({}); left untouched", shown, e.what()));
        }
        throw;
    }
    const bool blank = pages == 0;
    if (!blank && appId != kApplicationId) {
        throw StoreRefused(
            fmt::format("{}: an SQLite database, but not a motcua one; left untouched", shown));
    }
    if (version > latestSchemaVersion()) {
        throw StoreRefused(fmt::format(
            "{}: made by a newer motcua (schema version {}, this program knows up to {}); upgrade motcua",
            shown, version, latestSchemaVersion()));
    }
    if (blank && purpose != OpenPurpose::Initialise) {
        throw StoreRefused(fmt::format("{}: not initialised (run 'motcua init')", shown));
    }

    // WAL survives in the file; synchronous, foreign keys and the timeout are per connection.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
    if (version < latestSchemaVersion()) applyMigrations(db);
    // init also narrows a database (and its -wal/-shm) made world-readable by an older motcua.
    if (purpose == OpenPurpose::Initialise) restrictDatabaseAccess(path);
    return db;
}

bool looksLikeUrl(std::string_view location) {
    // scheme ":" "/": RFC 3986 scheme letters, at least two of them (so "C:/x" would stay a path).
    const auto colon = location.find(':');
    if (colon == std::string_view::npos || colon < 2 || colon + 1 >= location.size() ||
        location[colon + 1] != '/') {
        return false;
    }
    const auto scheme = location.substr(0, colon);
    if (!std::isalpha(static_cast<unsigned char>(scheme[0]))) return false;
    for (char c : scheme) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
    }
    return true;
}

Database openStore(const std::filesystem::path& location, OpenPurpose purpose, const StoreOptions& options) {
    const std::string text = location.string();
    if (looksLikeUrl(text)) {
        if (!isPostgresUrl(text)) {
            throw StoreRefused(
                fmt::format("{}: not a database motcua can use: give a file path (SQLite) or a "
                            "postgresql:// URL",
                            redactedUrl(text)));
        }
        return openPostgresStore(text, purpose, options);
    }
    return openSqliteStore(location, purpose, options);
}

std::string databaseLocation(const std::optional<std::string>& given,
                             const std::filesystem::path& officeConfig) {
    if (given && !given->empty()) return *given;
    if (const char* env = std::getenv("MOTCUA_DB"); env && *env) return env;
    std::error_code ec;
    if (!officeConfig.empty() && std::filesystem::is_regular_file(officeConfig, ec) &&
        std::filesystem::file_size(officeConfig, ec) < 1'000'000) {
        try {
            const auto root = toml::parse_file(officeConfig.string());
            if (auto url = root["database"]["url"].value<std::string>(); url && !url->empty()) return *url;
        } catch (const toml::parse_error&) {  // reported by init and doctor, which read the whole file
        }
    }
    return defaultDatabasePath().string();
}

std::string programDatabaseLocation(const std::optional<std::filesystem::path>& given) {
    if (given && !given->empty()) return given->string();
    std::filesystem::path config = "/etc/motcua/office.toml";
    if (const char* env = std::getenv("MOTCUA_CONFIG"); env && *env) config = env;
    return databaseLocation(std::nullopt, config);
}

std::filesystem::path defaultDatabasePath() {
    if (const char* env = std::getenv("MOTCUA_DB"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        return std::filesystem::path(xdg) / "motcua" / "motcua.db";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "motcua" / "motcua.db";
}

}  // namespace motcua::queue
