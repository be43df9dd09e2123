// The PostgreSQL store's own behaviour: schema and roles made by init, refusals, least privilege,
// a lost connection, and a move whose COMMIT outcome was lost. Runs against the private test server
// (support/test_store.h); the store-neutral behaviour is in every other test of this suite, which
// ctest runs on both stores.
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <thread>

#include "queue/postgres.h"
#include "queue/queue_service.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "queue/ticket_links.h"
#include "queue_fixture.h"
#include "support/tcp_gate.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

Database connectAs(const std::string& url, const std::string& user) {
    // postgresql://motcua_owner@127.0.0.1:PORT/DB -> the same with another user (trust on 127.0.0.1).
    const auto at = url.find('@');
    const auto scheme = url.find("://") + 3;
    return Database(connectPostgres(url.substr(0, scheme) + user + url.substr(at), {}));
}

// A login role that is a member of one of motcua's group roles (what an installer creates).
void createLogin(Database& owner, const std::string& login, const std::string& group) {
    owner.exec(
        fmt::format("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{0}') THEN "
                    "CREATE ROLE {0} LOGIN; END IF; END $$; GRANT {1} TO {0}",
                    login, group));
}

}  // namespace

TEST_CASE("init makes the schema and the roles; a database it did not make is refused",
          "[store][postgres-only]") {
    TempDir dir;
    TestDatabase store(dir.path(), StoreKind::Postgres);
    SECTION("an empty database is not initialised until init") {
        try {
            (void)openStore(store.location(), OpenPurpose::Use);
            FAIL("opened an empty database");
        } catch (const StoreRefused& e) {
            CHECK_THAT(e.what(), Catch::Contains("not initialised"));
        }
    }
    SECTION("init, then every program opens it") {
        { auto db = openStore(store.location(), OpenPurpose::Initialise); }
        auto db = openStore(store.location(), OpenPurpose::Use);
        CHECK(db.isPostgres());
        CHECK(db.queryInt("SELECT value::int FROM motcua.meta WHERE key = 'schema_version'") ==
              latestSchemaVersion());
        CHECK(db.queryInt("SELECT COUNT(*) FROM pg_roles WHERE rolname IN "
                          "('motcua_kiosk', 'motcua_display', 'motcua_console', 'motcua_web')") == 4);
    }
    SECTION("a newer schema is refused and left as it is") {
        { auto db = openStore(store.location(), OpenPurpose::Initialise); }
        {
            auto owner = Database(connectPostgres(store.location()));
            owner.exec("UPDATE motcua.meta SET value = '999' WHERE key = 'schema_version'");
        }
        try {
            (void)openStore(store.location(), OpenPurpose::Use);
            FAIL("opened a newer schema");
        } catch (const StoreRefused& e) {
            CHECK_THAT(e.what(), Catch::Contains("newer motcua"));
        }
    }
    SECTION("a schema named motcua that is not ours is left alone") {
        {
            auto owner = Database(connectPostgres(store.location()));
            owner.exec("CREATE SCHEMA motcua; CREATE TABLE motcua.other(x INT)");
        }
        try {
            (void)openStore(store.location(), OpenPurpose::Initialise);
            FAIL("took over a foreign schema");
        } catch (const StoreRefused& e) {
            CHECK_THAT(e.what(), Catch::Contains("not made by motcua"));
        }
    }
    SECTION("an unreachable server is one line, not a crash") {
        const std::string url = "postgresql://nobody@127.0.0.1:1/none";
        try {
            (void)openStore(url, OpenPurpose::Use,
                            StoreOptions{std::chrono::milliseconds(2000), std::chrono::seconds(2)});
            FAIL("connected to nothing");
        } catch (const StoreRefused& e) {
            CHECK_THAT(e.what(), Catch::Contains("cannot reach the database server"));
            CHECK(std::string(e.what()).find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("Each program's role may do what it needs and no more", "[store][postgres-only]") {
    QueueFixture f;  // on PostgreSQL in this suite's postgresql run
    REQUIRE(f.db.isPostgres());
    StaffService staff(f.db, f.clock);
    REQUIRE(f.db.queryInt("SELECT COUNT(*) FROM staff") == 0);
    f.db.exec(
        "INSERT INTO staff(login, name, role) VALUES ('truong', 'Trưởng bộ phận', 'supervisor'), "
        "('canbo', 'Cán bộ', 'officer')");
    REQUIRE(staff.setPin("truong", "482915").ok());
    REQUIRE(staff.setPin("canbo", "730164").ok());
    const std::string url = f.path.string();
    createLogin(f.db, "test_kiosk", "motcua_kiosk");
    createLogin(f.db, "test_display", "motcua_display");
    createLogin(f.db, "test_console", "motcua_console");

    SECTION(
        "the kiosk issues numbers, reads the catalogue, checks a supervisor's PIN; never reads PIN hashes") {
        auto kiosk = connectAs(url, "test_kiosk");
        QueueService q(kiosk, f.clock);
        CHECK(q.take("HT").ok());
        CHECK(q.status().services.size() == 3);
        try {
            Statement st(kiosk, "SELECT pin_hash FROM staff");
            st.step();
            FAIL("the kiosk read PIN hashes");
        } catch (const DatabaseError& e) {
            CHECK(e.kind() == DatabaseError::Kind::Denied);
        }
        CHECK_THROWS_AS(kiosk.exec("DELETE FROM catalogue_procedures"), DatabaseError);
        CHECK_THROWS_AS(kiosk.exec("UPDATE settings SET value = '{}'"), DatabaseError);
        StaffService kioskStaff(kiosk, f.clock);
        CHECK(kioskStaff.checkSupervisor("truong", "482915", "kiosk").outcome == LoginOutcome::Ok);
        CHECK(kioskStaff.checkSupervisor("truong", "000001", "kiosk").outcome == LoginOutcome::WrongPin);
        // An officer's hash does not come out through the supervisors' function either.
        CHECK(kioskStaff.checkSupervisor("canbo", "730164", "kiosk").outcome == LoginOutcome::NotSupervisor);
        Statement officer(kiosk, "SELECT motcua.supervisor_pin_hash('canbo')");
        REQUIRE(officer.step());
        CHECK(officer.isNull(0));
    }
    SECTION("the kiosk checks in a number taken online (issue 21): a guarded write of updated_at only") {
        Actor online;
        online.channel = "online";
        const auto taken = f.queue->take("HT", std::nullopt, online);
        REQUIRE(taken.ok());
        const auto code = TicketLinks(f.db).linkFor(taken.value->ticket, f.clock.now()).shortCode;
        auto kiosk = connectAs(url, "test_kiosk");
        QueueService q(kiosk, f.clock);
        const auto in = q.checkInCode(code);
        INFO(in.result.message);
        CHECK(in.result.ok());
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'check_in'") == 1);
    }
    SECTION("the display only reads, and records a rating at a counter tablet") {
        f.take("HT");
        f.callNext(1);
        REQUIRE(f.queue->start(1).ok());
        REQUIRE(f.queue->finish(1).ok());
        auto display = connectAs(url, "test_display");
        QueueService q(display, f.clock);
        CHECK(q.status().counters.size() == 3);
        CHECK_THROWS_AS(q.take("HT"), DatabaseError);
        CHECK(q.rate("A001", "hai_long", "counter").ok());
        CHECK_THROWS_AS(display.exec("INSERT INTO events(kind, at) VALUES ('call', 0)"), DatabaseError);
    }
    SECTION("a console moves tickets and logs officers in") {
        f.take("HT");
        auto console = connectAs(url, "test_console");
        QueueService q(console, f.clock);
        StaffService s(console, f.clock);
        CHECK(s.login("canbo", "730164", 1).outcome == LoginOutcome::Ok);
        CHECK(q.callNext(1).ok());
        CHECK(q.start(1).ok());
        CHECK_THROWS_AS(console.exec("DELETE FROM catalogue_fields"), DatabaseError);
    }
}

TEST_CASE("A connection the server ended is opened again and the move is made once",
          "[store][postgres-only]") {
    QueueFixture f;
    REQUIRE(f.db.isPostgres());
    f.take("HT");
    auto admin = Database(connectPostgres(f.path.string()));
    SECTION("between moves: the next move reconnects") {
        admin.exec(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()");
        CHECK(f.take("HT") == "A002");
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets") == 2);
    }
    SECTION("the COMMIT's answer was lost: the move's key finds it, nothing is applied twice") {
        dropConnectionAfterNextCommit(f.db);
        const auto taken = f.queue->take("HT");
        REQUIRE(taken.ok());
        CHECK(taken.value->ticket.number == "A002");
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets") == 2);
        dropConnectionAfterNextCommit(f.db);
        const auto called = f.queue->callNext(1);
        REQUIRE(called.ok());
        CHECK(called.value->ticket.number == "A001");
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'call'") == 1);
    }
}

TEST_CASE("A connection notices a dead link in seconds: keepalives and a TCP user timeout are set",
          "[store][postgres-only]") {
    QueueFixture f;
    REQUIRE(f.db.isPostgres());
    const int fd = postgresSocket(f.db);
    REQUIRE(fd >= 0);
    int value = 0;
    socklen_t size = sizeof value;
    REQUIRE(::getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &value, &size) == 0);
    CHECK(value == 1);
    REQUIRE(::getsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &value, &size) == 0);
    CHECK(value == 5000);
    REQUIRE(::getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &value, &size) == 0);
    CHECK(value == 5);
    REQUIRE(::getsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &value, &size) == 0);
    CHECK(value == 2);
}

// The server's address stops answering (tests/support/tcp_gate.h): the connection is reset, and every
// new one is accepted and never answered. A read then fails at once (ConnectionLost) on every call
// while a connection attempt waits for the server: no call waits for the network, however many are
// made (a screen reads every frame). Once the address answers again, a later read succeeds on a new
// connection by itself.
TEST_CASE("Reads on a server that stops answering fail at once while the connection is re-opened behind them",
          "[store][postgres-only]") {
    QueueFixture f;
    REQUIRE(f.db.isPostgres());
    f.take("HT");
    TcpGate gate(TcpGate::portOf(f.path.string()));
    Database db(connectPostgres(gate.url(f.path.string())));
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
    const auto generation = postgresGeneration(db);

    gate.cut();
    int lostCalls = 0;
    int callsWhileAttemptHeld = 0;
    // Until 200 reads have failed while the gate held the program's connection attempt unanswered
    // (bounded: 20000 reads, 5 ms apart).
    for (int i = 0; i < 20000 && callsWhileAttemptHeld < 200; ++i) {
        const bool heldBefore = gate.held() > 0;
        try {
            (void)db.queryInt("SELECT COUNT(*) FROM tickets");
            FAIL("a read succeeded through a gate that answers nothing");
        } catch (const DatabaseError& e) {
            REQUIRE(e.isConnectionLost());
            ++lostCalls;
        }
        if (heldBefore && gate.held() > 0) ++callsWhileAttemptHeld;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(callsWhileAttemptHeld == 200);
    CHECK(gate.heldInAll() >= 1);
    CHECK(postgresConnectAttempts(db) >= 1);

    gate.restore();
    std::optional<std::int64_t> count;
    for (int i = 0; i < 600 && !count; ++i) {  // attempts are 2 s apart: at most a minute
        try {
            count = db.queryInt("SELECT COUNT(*) FROM tickets");
        } catch (const DatabaseError& e) {
            REQUIRE(e.isConnectionLost());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    REQUIRE(count);
    CHECK(*count == 1);
    CHECK(postgresGeneration(db) > generation);  // a new connection, set up as the first (search_path)
}
// Issue 15: requests per move on PostgreSQL (what travels on a LAN). A move on a ticket by its number
// costs two (BEGIN with everything it reads; the write with COMMIT); a call by number three, as a
// transfer (the counter's context, the ticket, the write with COMMIT). bench_stores prints them all.
TEST_CASE("Moves by number cost two requests, a call by number three", "[store][postgres-only]") {
    QueueFixture f;
    REQUIRE(f.db.isPostgres());
    const auto trips = [&](auto&& move) {
        const auto before = f.db.roundTrips();
        REQUIRE(move().ok());
        return f.db.roundTrips() - before;
    };
    f.take("HT");
    f.take("HT");
    CHECK(trips([&] { return f.queue->cancel("A002"); }) == 2);
    CHECK(trips([&] { return f.queue->reactivate("A002"); }) == 2);
    CHECK(trips([&] { return f.queue->callNumber(1, "A002"); }) == 3);
    CHECK(trips([&] { return f.queue->cancel("A002"); }) == 2);  // a called ticket
}
