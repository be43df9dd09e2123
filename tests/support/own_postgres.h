// A PostgreSQL server of a test's own (scripts/test-postgres.sh), for tests that stop it and start it
// again while programs use it: the suite's shared server must stay up for the tests beside them. One
// database, "office", made when it starts; everything is stopped and removed when this goes.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "queue/database.h"
#include "queue/postgres.h"
#include "support/test_store.h"
#include "support/test_support.h"

namespace motcua::testing {

class OwnPostgres {
public:
    explicit OwnPostgres(const std::filesystem::path& state) : m_state(state) {
        REQUIRE(script("start") == 0);
        std::ifstream in(m_state / "url");
        std::getline(in, m_url);
        REQUIRE_FALSE(m_url.empty());
        queue::Database(queue::connectPostgres(m_url)).exec("CREATE DATABASE office");
        m_url = withDatabase(m_url, "office");
    }
    OwnPostgres(const OwnPostgres&) = delete;
    OwnPostgres& operator=(const OwnPostgres&) = delete;
    ~OwnPostgres() { script("stop"); }

    // The owner's URL of the database "office".
    const std::string& url() const noexcept { return m_url; }
    // pg_ctl stop -m fast: every client's connection is ended; nothing answers on the port.
    void down() { REQUIRE(script("down") == 0); }
    // The same server again, on the same port.
    void up() { REQUIRE(script("up") == 0); }

private:
    int script(const char* command) const {
        const auto path = sourcePath("scripts/test-postgres.sh");
        const int status =
            std::system(fmt::format("'{}' {} '{}' >/dev/null 2>&1", path.string(), command, m_state.string()).c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    std::filesystem::path m_state;
    std::string m_url;
};

}  // namespace motcua::testing
