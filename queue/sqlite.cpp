#include "queue/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace motcua::queue {

namespace {
DatabaseError::Kind kindOf(int code) {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return DatabaseError::Kind::Busy;
        case SQLITE_CONSTRAINT:
            return DatabaseError::Kind::Constraint;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return DatabaseError::Kind::Corrupt;
        case SQLITE_READONLY:
            return DatabaseError::Kind::ReadOnly;
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return DatabaseError::Kind::Denied;
        default:
            return DatabaseError::Kind::Other;
    }
}

// "malformed (database disk image is malformed)" says the same thing twice: show SQLite's generic
// text only when it adds something to the message.
std::string describe(std::string_view call, int code, std::string_view detail) {
    const std::string generic = sqlite3_errstr(code);
    if (detail.empty() || detail == generic) return fmt::format("{} failed: {}", call, generic);
    return fmt::format("{} failed: {} ({})", call, detail, generic);
}
}  // namespace

SqliteError::SqliteError(std::string_view call, int code, std::string_view detail)
    : DatabaseError(describe(call, code, detail), kindOf(code)), m_code(code & 0xff), m_extendedCode(code) {}

SqliteError SqliteError::fromHandle(std::string_view call, sqlite3* db) {
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    return SqliteError(call, code, db ? sqlite3_errmsg(db) : "no connection");
}

namespace {
// SQLite's default busy handler backs off up to 100 ms between tries, so a process that has waited
// long keeps losing the lock to ones that just arrived. Short, jittered sleeps keep waiting writers
// in the race; the timeout still bounds the wait.
struct BusyPolicy {
    std::chrono::milliseconds timeout;
    std::chrono::steady_clock::time_point firstTry{};
};

int onBusy(void* arg, int attempt) noexcept {
    auto* policy = static_cast<BusyPolicy*>(arg);
    const auto now = std::chrono::steady_clock::now();
    if (attempt == 0) policy->firstTry = now;
    if (now - policy->firstTry >= policy->timeout) return 0;
    thread_local unsigned state = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(&state));
    state = state * 1103515245u + 12345u;
    ::usleep(200 + (state >> 16) % 800);
    return 1;
}

// SQLite gives every new page cache an initial block of 20 pages (about 90 KB) on its first page:
// the connection's own cache, but also every temporary b-tree a statement opens for an ORDER BY, a
// window function or a materialised CTE, which is freed when the statement ends. glibc gave that
// memory back to the kernel and faulted it in again (zeroed) on the next statement: with it, page
// faults, brk and munmap took half of a call-next on SQLite (perf of bench_stores; a call with 200
// waiting cost 1.05 ms of CPU, 0.53 ms without). Without the initial block, each page comes from
// malloc when it is used. sqlite3_config must come before sqlite3_initialize, so this runs during
// static initialisation; it is ignored (SQLITE_MISUSE) if SQLite was initialised before.
const struct NoInitialPageBlock {
    NoInitialPageBlock() noexcept { sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0); }
} kNoInitialPageBlock;

// Prepared statements of one connection kept for the next use of the same text: every move
// prepared its statements again, and a move's context query has a dozen subqueries to parse and
// plan (SQLite's parser and code generator show in perf's samples of bench_stores, beside the
// statements' execution). A statement comes back reset, without bindings, so it holds no lock;
// SQLite prepares it again by itself if the schema changed meanwhile.
class StatementCache {
  public:
    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache() {
        for (auto& [sql, st] : m_idle) sqlite3_finalize(st);
    }
    // An idle statement of this text, or nullptr.
    sqlite3_stmt* take(const std::string& sql) {
        const auto it = m_idle.find(sql);
        if (it == m_idle.end()) return nullptr;
        sqlite3_stmt* st = it->second;
        m_idle.erase(it);
        return st;
    }
    void put(std::string sql, sqlite3_stmt* st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (m_idle.size() >= kMaxIdle) {
            sqlite3_finalize(st);
            return;
        }
        m_idle.emplace(std::move(sql), st);
    }

  private:
    static constexpr std::size_t kMaxIdle = 128;
    std::unordered_multimap<std::string, sqlite3_stmt*> m_idle;
};

class SqliteStatement final : public detail::StatementImpl {
  public:
    SqliteStatement(std::shared_ptr<sqlite3> db, std::shared_ptr<StatementCache> cache, std::string_view sql)
        : m_db(std::move(db)), m_cache(std::move(cache)), m_sql(sql) {
        if (sqlite3_stmt* cached = m_cache->take(m_sql)) {
            m_stmt.reset(cached);
            return;
        }
        sqlite3_stmt* raw = nullptr;
        const int rc = sqlite3_prepare_v3(m_db.get(), sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
        m_stmt.reset(raw);
        if (rc != SQLITE_OK) throw SqliteError("sqlite3_prepare_v3", rc, sqlite3_errmsg(m_db.get()));
    }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement() override {
        if (m_stmt) m_cache->put(std::move(m_sql), m_stmt.release());
    }

    void bindInt(int index, std::int64_t value) override {
        check(sqlite3_bind_int64(m_stmt.get(), index, value));
    }
    void bindDouble(int index, double value) override {
        check(sqlite3_bind_double(m_stmt.get(), index, value));
    }
    void bindText(int index, std::string_view value) override {
        check(sqlite3_bind_text64(m_stmt.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                                  SQLITE_UTF8));
    }
    void bindNull(int index, NullType) override { check(sqlite3_bind_null(m_stmt.get(), index)); }

    bool step() override {
        const int rc = sqlite3_step(m_stmt.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        // The error belongs to the statement; capture it before reset() clears it.
        SqliteError error("sqlite3_step", sqlite3_extended_errcode(m_db.get()), sqlite3_errmsg(m_db.get()));
        sqlite3_reset(m_stmt.get());
        throw error;
    }
    void reset() override {
        sqlite3_reset(m_stmt.get());
        sqlite3_clear_bindings(m_stmt.get());
    }
    bool isNull(int column) const override {
        return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
    }
    std::int64_t getInt(int column) const override { return sqlite3_column_int64(m_stmt.get(), column); }
    double getDouble(int column) const override { return sqlite3_column_double(m_stmt.get(), column); }
    std::string getText(int column) const override {
        const auto* text = sqlite3_column_text(m_stmt.get(), column);
        const int size = sqlite3_column_bytes(m_stmt.get(), column);
        return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
                    : std::string();
    }
    int columnCount() const override { return sqlite3_column_count(m_stmt.get()); }

  private:
    void check(int rc) const {
        if (rc != SQLITE_OK) throw SqliteError::fromHandle("sqlite3_bind", m_db.get());
    }
    struct Finalizer {
        void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
    };
    std::shared_ptr<sqlite3> m_db;
    std::shared_ptr<StatementCache> m_cache;
    std::string m_sql;
    std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
};

class SqliteConnection final : public detail::Connection {
  public:
    SqliteConnection(const std::string& path, OpenMode mode, std::chrono::milliseconds busyTimeout)
        : m_path(path) {
        int flags = SQLITE_OPEN_NOMUTEX;
        switch (mode) {
            case OpenMode::ReadOnly:
                flags |= SQLITE_OPEN_READONLY;
                break;
            case OpenMode::ReadWrite:
                flags |= SQLITE_OPEN_READWRITE;
                break;
            case OpenMode::ReadWriteCreate:
                flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
                break;
        }
        sqlite3* raw = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
        // The deleter owns the busy policy, so it lives exactly as long as the connection.
        auto busy = std::make_shared<BusyPolicy>(BusyPolicy{busyTimeout});
        m_db.reset(raw, [busy](sqlite3* db) noexcept {
            // sqlite3_close_v2 defers the close until every statement is finalized.
            sqlite3_close_v2(db);
        });
        if (rc != SQLITE_OK) {
            throw SqliteError("sqlite3_open_v2(" + path + ")", rc,
                              raw ? sqlite3_errmsg(raw) : "out of memory");
        }
        sqlite3_extended_result_codes(raw, 1);
        sqlite3_busy_handler(raw, onBusy, busy.get());
    }

    Dialect dialect() const noexcept override { return Dialect::Sqlite; }
    void exec(std::string_view sql) override {
        std::string text(sql);
        char* err = nullptr;
        const int rc = sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string message = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            throw SqliteError("sqlite3_exec", rc, message);
        }
    }
    std::unique_ptr<detail::StatementImpl> prepare(std::string_view sql) override {
        return std::make_unique<SqliteStatement>(m_db, m_cache, sql);
    }
    void begin(Transaction::Kind kind) override {
        exec(kind == Transaction::Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
    }
    void commit() override { exec("COMMIT"); }
    std::optional<std::int64_t> commitWith(detail::StatementImpl& st) override {
        std::optional<std::int64_t> value;
        if (st.step()) value = st.getInt(0);
        st.reset();
        commit();
        return value;
    }
    void rollback() noexcept override {
        // Never throws: a failed rollback leaves SQLite to roll back when the connection closes.
        sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    int changes() override { return sqlite3_changes(m_db.get()); }
    bool isReadOnly() override { return sqlite3_db_readonly(m_db.get(), "main") == 1; }
    const std::string& path() const noexcept override { return m_path; }
    sqlite3* sqliteHandle() const noexcept override { return m_db.get(); }

  private:
    std::shared_ptr<sqlite3> m_db;
    // After m_db: destroyed first, so the connection's idle statements are finalized before it closes.
    std::shared_ptr<StatementCache> m_cache = std::make_shared<StatementCache>();
    std::string m_path;
};

}  // namespace

std::shared_ptr<detail::Connection> openSqliteConnection(const std::string& path, OpenMode mode,
                                                         std::chrono::milliseconds busyTimeout) {
    return std::make_shared<SqliteConnection>(path, mode, busyTimeout);
}

std::int64_t sqliteDataVersion(Database& db) {
    return db.queryInt("PRAGMA data_version");
}

}  // namespace motcua::queue
