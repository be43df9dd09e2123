// The SQLite store's connection: one file shared by every process on the PC, WAL mode. <sqlite3.h>
// stays out of this header.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "queue/database.h"

namespace motcua::queue {

// Thrown when an SQLite call fails. The message names the call and carries SQLite's own message,
// captured when the error is raised (sqlite3_errmsg is overwritten by the next call).
class SqliteError : public DatabaseError {
  public:
    SqliteError(std::string_view call, int code, std::string_view detail);
    int code() const noexcept { return m_code; }  // primary result code (SQLITE_BUSY, ...)
    int extendedCode() const noexcept { return m_extendedCode; }

    static SqliteError fromHandle(std::string_view call, sqlite3* db);

  private:
    int m_code;
    int m_extendedCode;
};

// Opens the file with a busy handler that waits up to busyTimeout for the write lock.
std::shared_ptr<detail::Connection> openSqliteConnection(const std::string& path, OpenMode mode,
                                                         std::chrono::milliseconds busyTimeout);

// PRAGMA data_version of an SQLite connection: changes when another connection commits (cheap, no
// file I/O beyond the WAL index). Used to notice writes by other processes.
std::int64_t sqliteDataVersion(Database& db);

}  // namespace motcua::queue
