// A private PostgreSQL server for one run of a benchmark or a test: scripts/test-postgres.sh starts
// it in its own folder and port, by default with an office server's durability (MOTCUA_PG_DURABLE=1:
// fsync on), and stops it and removes its folder when this object goes. Owned by bench/; tests that
// need a server of their own (the crash tests, the lost-server tests through
// tests/support/own_postgres.h) use it too.
#pragma once

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace motcua::bench {

class PrivatePostgres {
  public:
    enum class Durability { Office, Fast };  // Fast: fsync off, as the test suite's shared server

    // script: the path of scripts/test-postgres.sh; state: the folder it keeps the server's state in.
    PrivatePostgres(std::filesystem::path script, std::filesystem::path state,
                    Durability durability = Durability::Office)
        : m_script(std::move(script)), m_state(std::move(state)) {
        run(fmt::format("MOTCUA_PG_DURABLE={} '{}' start '{}' >/dev/null",
                        durability == Durability::Office ? 1 : 0, m_script.string(), m_state.string()),
            "could not start a private PostgreSQL server");
        std::ifstream in(m_state / "url");
        std::getline(in, m_url);
        if (m_url.empty()) throw std::runtime_error("the private PostgreSQL server wrote no URL");
    }
    PrivatePostgres(const PrivatePostgres&) = delete;
    PrivatePostgres& operator=(const PrivatePostgres&) = delete;
    ~PrivatePostgres() {
        [[maybe_unused]] const int rc = std::system(
            fmt::format("'{}' stop '{}' >/dev/null 2>&1", m_script.string(), m_state.string()).c_str());
        std::error_code ignored;
        std::filesystem::remove_all(m_state, ignored);
    }

    // The owner's URL (database postgres).
    const std::string& url() const noexcept { return m_url; }
    // The same server, another database.
    std::string urlOf(const std::string& database) const {
        return m_url.substr(0, m_url.rfind('/') + 1) + database;
    }
    // pg_ctl stop -m MODE (immediate: a crash), then started again on the same port.
    void restart(const std::string& mode = "immediate") {
        run(fmt::format("'{}' restart '{}' {} >/dev/null", m_script.string(), m_state.string(), mode),
            "could not restart the private PostgreSQL server");
    }
    // pg_ctl stop -m fast: every client's connection is ended and nothing answers on the port, until up().
    void down() {
        run(fmt::format("'{}' down '{}' >/dev/null 2>&1", m_script.string(), m_state.string()),
            "could not stop the private PostgreSQL server");
    }
    // The same server again, on the same port.
    void up() {
        run(fmt::format("'{}' up '{}' >/dev/null 2>&1", m_script.string(), m_state.string()),
            "could not start the private PostgreSQL server again");
    }

  private:
    static void run(const std::string& command, const char* failure) {
        if (std::system(command.c_str()) != 0) throw std::runtime_error(failure);
    }

    std::filesystem::path m_script;
    std::filesystem::path m_state;
    std::string m_url;
};

}  // namespace motcua::bench
