#include "queue/sqlite.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>

#include <fmt/format.h>

namespace motcua::queue {

SqliteError::SqliteError(std::string_view call, int code, std::string_view detail)
    : std::runtime_error(fmt::format("{} failed: {} ({})", call, detail, sqlite3_errstr(code))),
      m_code(code & 0xff),
      m_extendedCode(code) {}

bool SqliteError::isBusy() const noexcept { return m_code == SQLITE_BUSY || m_code == SQLITE_LOCKED; }
bool SqliteError::isConstraint() const noexcept { return m_code == SQLITE_CONSTRAINT; }

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

}  // namespace

Database::Database(const std::string& path, OpenMode mode, std::chrono::milliseconds busyTimeout)
    : m_path(path) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case OpenMode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
        case OpenMode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
        case OpenMode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
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
        throw SqliteError("sqlite3_open_v2(" + path + ")", rc, raw ? sqlite3_errmsg(raw) : "out of memory");
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_handler(raw, onBusy, busy.get());
}

void Database::exec(std::string_view sql) {
    std::string text(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(handle(), text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string message = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError("sqlite3_exec", rc, message);
    }
}

std::int64_t Database::lastInsertRowId() const noexcept { return sqlite3_last_insert_rowid(handle()); }
int Database::changes() const noexcept { return sqlite3_changes(handle()); }
bool Database::isReadOnly() const noexcept { return sqlite3_db_readonly(handle(), "main") == 1; }

std::int64_t Database::dataVersion() { return queryInt("PRAGMA data_version"); }

std::int64_t Database::queryInt(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step()) throw SqliteError("queryInt", SQLITE_ERROR, "no row: " + std::string(sql));
    return st.getInt(0);
}

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }

Statement::Statement(const Database& db, std::string_view sql) : m_db(db.shared()), m_sql(sql) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(m_db.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    m_stmt.reset(raw);
    if (rc != SQLITE_OK) throw SqliteError("sqlite3_prepare_v3", rc, sqlite3_errmsg(m_db.get()));
}

namespace {
void checkBind(int rc, sqlite3* db) {
    if (rc != SQLITE_OK) throw SqliteError::fromHandle("sqlite3_bind", db);
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
    checkBind(sqlite3_bind_int64(m_stmt.get(), index, value), m_db.get());
    return *this;
}
Statement& Statement::bind(int index, double value) {
    checkBind(sqlite3_bind_double(m_stmt.get(), index, value), m_db.get());
    return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
    checkBind(sqlite3_bind_text64(m_stmt.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                                  SQLITE_UTF8),
              m_db.get());
    return *this;
}
Statement& Statement::bind(int index, std::nullptr_t) {
    checkBind(sqlite3_bind_null(m_stmt.get(), index), m_db.get());
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // The error belongs to the statement; capture it before reset() clears it.
    SqliteError error("sqlite3_step", sqlite3_extended_errcode(m_db.get()), sqlite3_errmsg(m_db.get()));
    sqlite3_reset(m_stmt.get());
    throw error;
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL; }
std::int64_t Statement::getInt(int column) const { return sqlite3_column_int64(m_stmt.get(), column); }
double Statement::getDouble(int column) const { return sqlite3_column_double(m_stmt.get(), column); }
std::string Statement::getText(int column) const {
    const auto* text = sqlite3_column_text(m_stmt.get(), column);
    const int size = sqlite3_column_bytes(m_stmt.get(), column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)) : std::string();
}
std::optional<std::int64_t> Statement::getOptInt(int column) const {
    if (isNull(column)) return std::nullopt;
    return getInt(column);
}
std::optional<std::string> Statement::getOptText(int column) const {
    if (isNull(column)) return std::nullopt;
    return getText(column);
}
int Statement::columnCount() const { return sqlite3_column_count(m_stmt.get()); }

Transaction::Transaction(Database& db, Kind kind) : m_db(db) {
    m_db.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (!m_done) {
        // Never throws: a failed rollback leaves SQLite to roll back when the connection closes.
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace motcua::queue
