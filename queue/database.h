// One connection to the motcua database, whichever store holds it: the embedded SQLite file (one PC)
// or a PostgreSQL server (several PCs). Code above this layer writes its SQL once where both dialects
// agree and picks a statement per dialect (Sql{sqlite, postgres}) where they do not; placeholders are
// written '?' (or '?N') and become '$N' on PostgreSQL. Neither <sqlite3.h> nor <libpq-fe.h> is
// included here.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;

namespace motcua::queue {

enum class Dialect { Sqlite, Postgres };
const char* toString(Dialect dialect);

// A failed database call. The message names the call and carries the database's own message,
// captured when the error was raised.
class DatabaseError : public std::runtime_error {
  public:
    enum class Kind {
        Other,
        Busy,            // a lock was not granted within the timeout
        Constraint,      // a UNIQUE, CHECK, NOT NULL or foreign key constraint refused the write
        ConnectionLost,  // the server went away (restart, network, pg_terminate_backend)
        Retry,           // serialization failure or deadlock: the transaction may simply be run again
        Corrupt,         // the file is damaged
        ReadOnly,        // the database (or this role) may not be written
        Denied,          // this role lacks the privilege
    };
    DatabaseError(const std::string& message, Kind kind) : std::runtime_error(message), m_kind(kind) {}
    Kind kind() const noexcept { return m_kind; }
    bool isBusy() const noexcept { return m_kind == Kind::Busy; }
    bool isConstraint() const noexcept { return m_kind == Kind::Constraint; }
    bool isConnectionLost() const noexcept { return m_kind == Kind::ConnectionLost; }

  private:
    Kind m_kind;
};

// The same statement in each dialect, side by side where they differ.
struct Sql {
    std::string_view sqlite;
    std::string_view postgres;
};

namespace detail {
class Connection;
class StatementImpl;
}  // namespace detail

enum class OpenMode { ReadOnly, ReadWrite, ReadWriteCreate };

// One connection. Statements hold a shared reference to the connection, so a Statement may outlive
// the Database object that made it; the connection closes when the last of them goes. Not
// thread-safe: one per thread or process.
class Database {
  public:
    explicit Database(std::shared_ptr<detail::Connection> connection);
    // An SQLite file, opened without any of openStore's checks (backups, tests, benchmarks).
    Database(const std::string& path, OpenMode mode, std::chrono::milliseconds busyTimeout);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;
    ~Database() = default;

    Dialect dialect() const noexcept;
    bool isPostgres() const noexcept { return dialect() == Dialect::Postgres; }
    // Runs statements without parameters or results (may hold several, separated by ';').
    void exec(std::string_view sql);
    // Single integer result of a query such as "SELECT COUNT(*) FROM events".
    std::int64_t queryInt(std::string_view sql);
    // Rows changed by the last INSERT, UPDATE or DELETE.
    int changes();
    bool isReadOnly();
    // The file path (SQLite) or the connection URL without its password (PostgreSQL).
    const std::string& path() const noexcept;
    // Requests answered by the server so far (PostgreSQL); 0 for SQLite, where nothing travels.
    std::int64_t roundTrips() const noexcept;

    // The SQLite handle, for SQLite-only work (online backup, PRAGMAs); nullptr on PostgreSQL.
    sqlite3* handle() const noexcept;
    detail::Connection& connection() const noexcept { return *m_connection; }
    const std::shared_ptr<detail::Connection>& shared() const noexcept { return m_connection; }

  private:
    std::shared_ptr<detail::Connection> m_connection;
};

// A prepared statement. Bind indexes are 1-based, column indexes 0-based (as in SQLite).
class Statement {
  public:
    Statement(const Database& db, std::string_view sql);
    Statement(const Database& db, const Sql& sql);
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    Statement& bind(int index, const std::optional<int>& value);
    Statement& bind(int index, const std::optional<std::string>& value);

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
    friend class Transaction;
    std::shared_ptr<detail::Connection> m_connection;  // keeps the connection open while the statement lives
    std::unique_ptr<detail::StatementImpl> m_impl;
};

// RAII transaction: begins in the constructor, commit() makes it durable, the destructor rolls back
// an uncommitted transaction and never throws.
//  - Immediate: a write. SQLite takes the write lock up front (BEGIN IMMEDIATE), so a busy database
//    fails at BEGIN rather than half-way through. PostgreSQL runs it READ COMMITTED; the stores take
//    the row locks a move needs (see ticket_store.cpp).
//  - Snapshot: a read of one consistent state (SQLite BEGIN; PostgreSQL REPEATABLE READ READ ONLY).
class Transaction {
  public:
    enum class Kind { Snapshot, Immediate, Deferred = Snapshot };
    explicit Transaction(Database& db, Kind kind = Kind::Immediate);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();
    // Runs st (a write, usually with RETURNING) and commits, in one request on PostgreSQL; returns
    // the first column of st's first row, or nullopt when it returned no row. st's rows are not
    // readable afterwards.
    std::optional<std::int64_t> commitWith(Statement& st);

  private:
    Database& m_db;
    bool m_done = false;
};

namespace detail {

// What a store implements. Kept out of users' sight: they use Database, Statement and Transaction.
class StatementImpl {
  public:
    virtual ~StatementImpl() = default;
    virtual void bindInt(int index, std::int64_t value) = 0;
    virtual void bindDouble(int index, double value) = 0;
    virtual void bindText(int index, std::string_view value) = 0;
    enum class NullType { Unknown, Int, Text };
    virtual void bindNull(int index, NullType type) = 0;
    virtual bool step() = 0;
    // Runs to completion, ignoring any rows (a store may send it later, with the next request).
    virtual void run() {
        while (step()) {
        }
    }
    virtual void reset() = 0;
    virtual bool isNull(int column) const = 0;
    virtual std::int64_t getInt(int column) const = 0;
    virtual double getDouble(int column) const = 0;
    virtual std::string getText(int column) const = 0;
    virtual int columnCount() const = 0;
};

class Connection {
  public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const noexcept = 0;
    virtual void exec(std::string_view sql) = 0;
    virtual std::unique_ptr<StatementImpl> prepare(std::string_view sql) = 0;
    virtual void begin(Transaction::Kind kind) = 0;
    virtual void commit() = 0;
    virtual std::optional<std::int64_t> commitWith(StatementImpl& st) = 0;
    virtual void rollback() noexcept = 0;
    virtual int changes() = 0;
    virtual bool isReadOnly() = 0;
    virtual const std::string& path() const noexcept = 0;
    virtual std::int64_t roundTrips() const noexcept { return 0; }
    virtual sqlite3* sqliteHandle() const noexcept { return nullptr; }
};

}  // namespace detail

}  // namespace motcua::queue
