// A PostgreSQL server of a test's own, for tests that stop it and start it again while programs use
// it: the suite's shared server must stay up for the tests beside them. The server is
// bench/private_postgres.h's (fsync off, as the suite's); one database, "office", is made when it
// starts; everything is stopped and removed when this goes.
#pragma once

#include <filesystem>
#include <string>

#include "bench/private_postgres.h"
#include "queue/database.h"
#include "queue/postgres.h"
#include "support/test_store.h"
#include "support/test_support.h"

namespace motcua::testing {

class OwnPostgres {
  public:
    explicit OwnPostgres(const std::filesystem::path& state)
        : m_server(sourcePath("scripts/test-postgres.sh"), state, bench::PrivatePostgres::Durability::Fast) {
        queue::Database(queue::connectPostgres(m_server.url())).exec("CREATE DATABASE office");
        m_url = m_server.urlOf("office");
    }

    // The owner's URL of the database "office".
    const std::string& url() const noexcept { return m_url; }
    // pg_ctl stop -m fast: every client's connection is ended; nothing answers on the port.
    void down() { m_server.down(); }
    // The same server again, on the same port.
    void up() { m_server.up(); }

  private:
    bench::PrivatePostgres m_server;
    std::string m_url;
};

}  // namespace motcua::testing
