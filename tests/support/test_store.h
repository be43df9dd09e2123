// Which store a test runs against, and a fresh database on it.
//
// The suites that must hold on both stores (queue, CLI, report, console) are discovered twice by
// ctest: once as they are (SQLite), once with MOTCUA_TEST_STORE=postgresql, against the private
// server that the ctest fixture "postgres" starts for the run (scripts/test-postgres.sh) and stops at
// the end. Tests that only make sense on SQLite (its file, its VFS, its PRAGMAs) carry the tag
// [sqlite-only] and are not discovered the second time. Nothing is skipped silently: a PostgreSQL
// run without its server fails.
#pragma once

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "queue/database.h"
#include "queue/postgres.h"

namespace motcua::testing {

enum class StoreKind { Sqlite, Postgres };

inline StoreKind testStore() {
    const char* env = std::getenv("MOTCUA_TEST_STORE");
    return env && std::string(env) == "postgresql" ? StoreKind::Postgres : StoreKind::Sqlite;
}

inline bool onPostgres() {
    return testStore() == StoreKind::Postgres;
}

// The folder where scripts/test-postgres.sh keeps the test server's state (url, data_dir, bin_dir).
inline std::filesystem::path testServerState() {
    if (const char* env = std::getenv("MOTCUA_TEST_PG_STATE"); env && *env) return env;
    return std::filesystem::path(MOTCUA_BINARY_DIR) / "pg";
}

// The owner's URL of the test server (database "postgres").
inline std::string testServerUrl() {
    std::ifstream in(testServerState() / "url");
    std::string url;
    if (!std::getline(in, url) || url.empty()) {
        throw std::runtime_error(
            fmt::format("no test PostgreSQL server: run 'scripts/test-postgres.sh start {}' "
                        "(ctest starts it through the 'postgres' fixture)",
                        testServerState().string()));
    }
    return url;
}

// The URL of another database on the same server.
inline std::string withDatabase(const std::string& serverUrl, const std::string& name) {
    const auto slash = serverUrl.rfind('/');
    return serverUrl.substr(0, slash + 1) + name;
}

// A new empty database: a file in dir on SQLite, a database of its own on the test server on
// PostgreSQL (dropped, with any connections left to it, when this object goes).
class TestDatabase {
  public:
    explicit TestDatabase(const std::filesystem::path& dir, StoreKind kind = testStore()) : m_kind(kind) {
        if (kind == StoreKind::Sqlite) {
            m_location = (dir / "motcua.db").string();
            return;
        }
        static std::atomic<int> counter{0};
        m_name = fmt::format("t_{}_{}_{}", ::getpid(), counter++, std::rand() % 100000);
        admin().exec(fmt::format("CREATE DATABASE {} TEMPLATE template0", m_name));
        m_location = withDatabase(testServerUrl(), m_name);
    }
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    ~TestDatabase() {
        if (m_kind != StoreKind::Postgres) return;
        try {
            admin().exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", m_name));
        } catch (...) {  // NOLINT(bugprone-empty-catch): the server may be down in a crash test
        }
    }

    // A file path (SQLite) or a postgresql:// URL: what --db and openStore take.
    const std::string& location() const noexcept { return m_location; }
    StoreKind kind() const noexcept { return m_kind; }

  private:
    static queue::Database admin() { return queue::Database(queue::connectPostgres(testServerUrl())); }

    StoreKind m_kind;
    std::string m_name;
    std::string m_location;
};

}  // namespace motcua::testing
