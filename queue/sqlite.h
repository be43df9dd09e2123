// Thin RAII layer over the SQLite C API. <sqlite3.h> stays out of this header.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace motcua::queue {

// Thrown when an SQLite call fails. The message names the call and carries SQLite's own message,
// captured when the error is raised (sqlite3_errmsg is overwritten by the next call).
class SqliteError : public std::runtime_error {
public:
    SqliteError(std::string_view call, int code, std::string_view detail);
    int code() const noexcept { return m_code; }  // primary result code (SQLITE_BUSY, ...)
    int extendedCode() const noexcept { return m_extendedCode; }
    bool isBusy() const noexcept;
    bool isConstraint() const noexcept;

    static SqliteError fromHandle(std::string_view call, sqlite3* db);

private:
    int m_code;
    int m_extendedCode;
};

enum class OpenMode { ReadOnly, ReadWrite, ReadWriteCreate };

// One connection. Statements hold a shared reference to the connection, so a Statement may outlive
// the Database object that made it; the connection closes when the last of them goes.
class Database {
public:
    Database(const std::string& path, OpenMode mode, std::chrono::milliseconds busyTimeout);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;
    ~Database() = default;

    void exec(std::string_view sql);
    std::int64_t lastInsertRowId() const noexcept;
    int changes() const noexcept;
    bool isReadOnly() const noexcept;
    // PRAGMA data_version: changes when another connection commits (cheap, no file I/O beyond the
    // WAL index).  Used to notice writes by other processes.
    std::int64_t dataVersion();
    // Single integer result of a query such as "PRAGMA user_version".
    std::int64_t queryInt(std::string_view sql);
    const std::string& path() const noexcept { return m_path; }

    sqlite3* handle() const noexcept { return m_db.get(); }
    const std::shared_ptr<sqlite3>& shared() const noexcept { return m_db; }

private:
    std::shared_ptr<sqlite3> m_db;
    std::string m_path;
};

// A prepared statement. Bind indexes are 1-based, column indexes 0-based (as in SQLite).
class Statement {
public:
    Statement(const Database& db, std::string_view sql);

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    // Advances; true while a row is available.
    bool step();
    // Steps to completion, for statements that return no rows.
    void run();
    // Resets and clears bindings so the statement can be run again.
    void reset();

    bool isNull(int column) const;
    std::int64_t getInt(int column) const;
    double getDouble(int column) const;
    std::string getText(int column) const;
    std::optional<std::int64_t> getOptInt(int column) const;
    std::optional<std::string> getOptText(int column) const;
    int columnCount() const;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* stmt) const noexcept;
    };
    std::shared_ptr<sqlite3> m_db;  // keeps the connection open while the statement lives
    std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
    std::string m_sql;
};

// RAII transaction: begins in the constructor, commit() makes it durable, the destructor rolls back
// an uncommitted transaction and never throws. Writes use Immediate so the write lock is taken up
// front and a busy database fails at BEGIN rather than half-way through.
class Transaction {
public:
    enum class Kind { Deferred, Immediate };
    explicit Transaction(Database& db, Kind kind = Kind::Immediate);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace motcua::queue
