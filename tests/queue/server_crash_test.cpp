// The PostgreSQL store when things die: client processes killed with SIGKILL in the middle of moves,
// and the server itself stopped with `pg_ctl stop -m immediate` (no shutdown checkpoint: the next
// start replays its WAL, as after a power cut of the server PC) while clients are moving tickets.
// After every run: every move a client reported done is in the event log, the tickets table is what
// the event log replays to (nothing half-done), numbers are unique, and the queue works again.
//
// The server is this test's own (it is killed), not the suite's shared one; it runs with fsync on,
// so an immediate stop loses nothing that was committed. MOTCUA_PG_CRASH_RUNS sets the runs
// (default 80: half client kills, half server crashes).
#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "bench/private_postgres.h"
#include "queue/office_config.h"
#include "queue/postgres.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "replay.h"
#include "support/test_store.h"
#include "support/test_support.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

const char* kOffice = R"(
[office]
name = "Văn phòng thử máy chủ"
[[services]]
code = "HT"
name = "Hộ tịch"
prefix = "A"
[[services]]
code = "CT"
name = "Chứng thực"
prefix = "B"
[[counters]]
number = 1
name = "Quầy 1"
services = ["HT", "CT"]
[[counters]]
number = 2
name = "Quầy 2"
services = ["HT", "CT"]
[[counters]]
number = 3
name = "Quầy 3"
services = ["HT", "CT"]
)";

void report(int fd, const std::string& line) {
    const std::string text = line + "\n";
    [[maybe_unused]] auto n = ::write(fd, text.data(), text.size());
}

std::vector<std::string> readLines(int fd) {
    std::string all;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) all.append(buffer, static_cast<std::size_t>(n));
    std::vector<std::string> lines;
    std::istringstream in(all);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// A client: takes numbers and serves them at a counter until it is killed or loses the server.
// After each move the database confirmed it reports "= KIND TICKET_ID" in one write(2).
[[noreturn]] void client(const std::string& url, int counter, unsigned seed, int fd) {
    int status = 0;
    try {
        SystemClock clock;
        auto db =
            openStore(url, OpenPurpose::Use, StoreOptions{std::chrono::seconds(20), std::chrono::seconds(3)});
        QueueService q(db, clock);
        std::mt19937 rng(seed);
        for (int i = 0; i < 100000; ++i) {
            if (rng() % 3 == 0) {
                const auto t = q.take(rng() % 2 ? "HT" : "CT");
                if (t.ok()) report(fd, fmt::format("= issue {}", t.value->ticket.id));
                continue;
            }
            const auto call = q.callNext(counter);
            if (!call.ok()) continue;
            report(fd, fmt::format("= call {}", call.value->ticket.id));
            if (rng() % 5 == 0) {
                if (const auto n = q.noShow(counter); n.ok())
                    report(fd, fmt::format("= noshow {}", n.value->id));
                continue;
            }
            if (const auto s = q.start(counter); s.ok()) report(fd, fmt::format("= start {}", s.value->id));
            if (const auto f = q.finish(counter); f.ok()) report(fd, fmt::format("= finish {}", f.value->id));
        }
    } catch (const DatabaseError& e) {
        report(fd, std::string("LOST ") + e.what());
        status = e.isConnectionLost() || e.kind() == DatabaseError::Kind::Other ? 0 : 1;
    } catch (const StoreRefused& e) {
        // Opening the store while the server was going down: the connection was made, then closed
        // under the session's first statement. No move was tried, as when it is lost later; any
        // other refusal is a failure.
        const bool unreachable =
            std::string(e.what()).find("cannot reach the database server") != std::string::npos;
        report(fd, std::string(unreachable ? "LOST " : "ERROR ") + e.what());
        status = unreachable ? 0 : 2;
    } catch (const std::exception& e) {
        report(fd, std::string("ERROR ") + e.what());
        status = 2;
    }
    ::_exit(status);
}

struct Spawned {
    pid_t pid;
    int fd;
};

}  // namespace

TEST_CASE(
    "Clients killed mid-move and the server stopped immediately lose nothing reported and leave nothing "
    "half-done",
    "[queue][crash][postgres-only]") {
    TempDir dir;
    // A PostgreSQL server of this test's own, durable (fsync on), always stopped.
    motcua::bench::PrivatePostgres server(sourcePath("scripts/test-postgres.sh"), dir / "pg");
    Database(connectPostgres(server.url())).exec("CREATE DATABASE crash");
    const std::string url = server.urlOf("crash");
    {
        auto db = openStore(url, OpenPurpose::Initialise);
        applyOfficeConfig(db, parseOfficeConfig(kOffice, "office.toml"));
    }
    const char* env = std::getenv("MOTCUA_PG_CRASH_RUNS");
    const int runs = env ? std::atoi(env) : 80;
    std::mt19937 rng(Catch::rngSeed());
    std::map<std::string, int> reported;  // moves reported done, by kind
    std::vector<std::pair<std::string, std::int64_t>> confirmed;
    int clientKills = 0, serverCrashes = 0, lostConnections = 0;

    for (int run = 0; run < runs; ++run) {
        std::vector<Spawned> clients;
        for (int c = 1; c <= 3; ++c) {
            int fds[2];
            REQUIRE(::pipe(fds) == 0);
            const pid_t pid = ::fork();
            REQUIRE(pid >= 0);
            if (pid == 0) {
                ::close(fds[0]);
                client(url, c, static_cast<unsigned>(rng()), fds[1]);
            }
            ::close(fds[1]);
            clients.push_back({pid, fds[0]});
        }
        // Let them work, then kill at a random moment: mid-connect, mid-transaction, mid-commit.
        std::this_thread::sleep_for(std::chrono::milliseconds(30 + rng() % 250));
        const bool crashServer = run % 2 == 1;
        if (crashServer) {
            server.restart();  // pg_ctl stop -m immediate, then start
            ++serverCrashes;
        }
        for (const auto& c : clients) ::kill(c.pid, SIGKILL);
        clientKills += crashServer ? 0 : static_cast<int>(clients.size());
        for (const auto& c : clients) {
            for (const auto& line : readLines(c.fd)) {
                if (line.rfind("LOST ", 0) == 0) {
                    ++lostConnections;
                    continue;
                }
                INFO("run " << run << ": " << line);
                REQUIRE(line.rfind("= ", 0) == 0);
                std::istringstream in(line.substr(2));
                std::string kind;
                std::int64_t id = 0;
                in >> kind >> id;
                ++reported[kind];
                confirmed.emplace_back(kind, id);
            }
            ::close(c.fd);
            int status = 0;
            ::waitpid(c.pid, &status, 0);
        }
    }

    // What is there after all of it, read by a fresh connection.
    auto db = openStore(url, OpenPurpose::Use);
    SystemClock clock;
    QueueService q(db, clock);
    std::map<std::pair<std::string, std::int64_t>, int> logged;
    {
        Statement st(db,
                     "SELECT kind, ticket_id, count(*) FROM events WHERE ticket_id IS NOT NULL GROUP BY "
                     "kind, ticket_id");
        while (st.step()) logged[{st.getText(0), st.getInt(1)}] = static_cast<int>(st.getInt(2));
    }
    std::map<std::pair<std::string, std::int64_t>, int> claimed;
    for (const auto& c : confirmed) ++claimed[c];
    int missing = 0;
    for (const auto& [move, count] : claimed) {
        if (logged[move] < count) {
            ++missing;
            UNSCOPED_INFO("reported but not in the log: " << move.first << " of ticket " << move.second);
        }
    }
    CHECK(missing == 0);
    // Nothing half-done: the tickets table is what the log replays to, every move allowed.
    const int compared = checkTicketsMatchEvents(db, q);
    CHECK(compared > 0);
    CHECK(db.queryInt("SELECT count(*) - count(DISTINCT (service_id, business_day, seq)) FROM tickets") == 0);
    CHECK(db.queryInt(
              "SELECT count(*) FROM (SELECT counter_id FROM tickets WHERE state IN ('called', 'serving') "
              "GROUP BY counter_id HAVING count(*) > 1) AS doubled") == 0);
    // And the queue works on.
    CHECK(q.take("HT").ok());

    std::cout << fmt::format(
        "server crash test: {} runs, {} client kills, {} server crashes, {} connections lost, "
        "{} moves reported ({} issue, {} call, {} start, {} finish, {} noshow), {} tickets checked\n",
        runs, clientKills, serverCrashes, lostConnections, confirmed.size(), reported["issue"],
        reported["call"], reported["start"], reported["finish"], reported["noshow"], compared);
    CHECK(reported["issue"] > runs);
    CHECK(serverCrashes == runs / 2);
}
