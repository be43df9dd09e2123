// Damaging a database file as a failing disk sector would, for tests of what motcua does with it.
// Header-only: for suites that link motcua::queue.
#pragma once

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>

#include "queue/sqlite.h"
#include "support/test_support.h"

namespace motcua::testing {

// Overwrites the last leaf page of table (SQLite's dbstat names it) with garbage. SQLite's quick
// check then fails, while statements that never read that page still work. No connection of this
// process may be open on the file: reading it with our own descriptor would drop their locks.
inline void damageTablePage(const std::filesystem::path& db, const std::string& table) {
    std::int64_t page = 0, pageSize = 0;
    {
        queue::Database conn(db.string(), queue::OpenMode::ReadOnly, std::chrono::seconds(5));
        pageSize = conn.queryInt("PRAGMA page_size");
        queue::Statement st(conn, "SELECT max(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'");
        st.bind(1, table);
        REQUIRE(st.step());
        page = st.isNull(0) ? 0 : st.getInt(0);
    }
    REQUIRE(page > 1);
    std::string bytes = readFile(db);
    const auto start = static_cast<std::size_t>((page - 1) * pageSize);
    REQUIRE(bytes.size() >= start + static_cast<std::size_t>(pageSize));
    for (std::size_t i = start; i < start + static_cast<std::size_t>(pageSize); ++i) {
        bytes[i] = static_cast<char>(0xA5 ^ (i * 7));
    }
    writeFile(db, bytes);
}

}  // namespace motcua::testing
