// `motcua migrate --to …`: an office's SQLite file moved onto the PostgreSQL server and back, with
// the proof the command prints. Runs in the suite's PostgreSQL copy (it needs the test server).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "queue/clock.h"
#include "queue/copy_store.h"
#include "queue/postgres.h"
#include "queue/postgres_backup.h"
#include "queue/store.h"
#include "queue/ticket_links.h"
#include "queue/ticket_store.h"
#include "support/cli_run.h"
#include "support/test_store.h"
#include "support/test_support.h"

using motcua::testing::sourcePath;
using motcua::testing::StoreKind;
using motcua::testing::TempDir;
using motcua::testing::TestDatabase;

namespace {

using Run = motcua::testing::CliResult;

// 2026-03-10 09:00 in Hà Nội.
constexpr motcua::queue::TimeMs kMorning = 1773108000000;
constexpr motcua::queue::TimeMs kDay = 24 * 3600 * 1000;

struct Office {
    TempDir dir;
    motcua::queue::ManualClock clock{kMorning};
    std::string config = sourcePath("assets/office.toml").string();

    Run operator()(const std::string& db, const std::vector<std::string>& args) {
        auto result = motcua::testing::runCli(motcua::testing::onOffice(db, config, args), &clock);
        clock.advanceMinutes(3);
        return result;
    }
};

// Two days of work: taken, called, served, a no-show, some still waiting on the second day.
void workTwoDays(Office& office, const std::string& db) {
    REQUIRE(office(db, {"init"}).status == 0);
    for (int i = 0; i < 4; ++i) REQUIRE(office(db, {"take", "HT"}).status == 0);
    REQUIRE(office(db, {"take", "HT", "--priority", "cao_tuoi"}).status == 0);
    for (int i = 0; i < 3; ++i) {
        REQUIRE(office(db, {"call", "1"}).status == 0);
        REQUIRE(office(db, {"start", "1"}).status == 0);
        REQUIRE(office(db, {"finish", "1"}).status == 0);
    }
    REQUIRE(office(db, {"call", "1"}).status == 0);
    REQUIRE(office(db, {"noshow", "1"}).status == 0);
    office.clock.set(kMorning + kDay);
    REQUIRE(office(db, {"close-day"}).status == 0);
    for (int i = 0; i < 3; ++i) REQUIRE(office(db, {"take", "HT"}).status == 0);
    REQUIRE(office(db, {"call", "1"}).status == 0);
}

}  // namespace

TEST_CASE("migrate copies an office's SQLite file to PostgreSQL and proves it", "[cli][postgres-only]") {
    Office office;
    const std::string file = (office.dir / "motcua.db").string();
    workTwoDays(office, file);
    {
        // Two tickets with the link of their live page (as printing or the phone page makes it).
        auto db = motcua::queue::openStore(file, motcua::queue::OpenPurpose::Use);
        motcua::queue::TicketStore tickets(db);
        for (const std::int64_t id : {1, 8}) {
            const auto t = tickets.ticket(id);
            REQUIRE(t);
            motcua::queue::TicketLinks(db).linkFor(*t, office.clock.now());
        }
    }
    TestDatabase server(office.dir.path(), StoreKind::Postgres);

    const auto moved = office(file, {"--json", "migrate", "--to", server.location()});
    INFO(moved.out << moved.err);
    REQUIRE(moved.status == 0);
    const auto proof = moved.json();
    CHECK(proof["days"] == 2);
    CHECK(proof["days_differing"].empty());
    std::set<std::string> copied;
    for (const auto& t : proof["tables"]) {
        CHECK(t["source"] == t["target"]);
        copied.insert(t["table"].get<std::string>());
        if (t["table"] == "tickets") CHECK(t["target"] == 8);
        if (t["table"] == "ticket_links") CHECK(t["target"] == 2);
    }
    CHECK(copied.count("tickets") == 1);
    CHECK(copied.count("ticket_links") == 1);

    SECTION("the office carries on on the server where it left off") {
        const auto before = office(file, {"--json", "status"}).json();
        const auto after = office(server.location(), {"--json", "status"}).json();
        CHECK(before == after);
        const auto next = office(server.location(), {"--json", "take", "HT"});
        REQUIRE(next.status == 0);
        CHECK(next.json()["number"] == "A004");  // the second day's fourth ticket; ids continue too
        REQUIRE(office(server.location(), {"start", "1"}).status == 0);
        REQUIRE(office(server.location(), {"finish", "1"}).status == 0);
    }
    SECTION("a second migrate into the same server is refused and changes nothing") {
        const auto again = office(file, {"migrate", "--to", server.location()});
        CHECK(again.status == 2);
        CHECK_THAT(again.err, Catch::Contains("already holds 8 tickets"));
        CHECK(std::count(again.err.begin(), again.err.end(), '\n') == 1);
        CHECK(office(server.location(), {"--json", "status"}).json() ==
              office(file, {"--json", "status"}).json());
    }
    SECTION("and back from the server into a new file, with the same proof") {
        const std::string back = (office.dir / "back.db").string();
        const auto returned = office(server.location(), {"--json", "migrate", "--to", back});
        INFO(returned.out << returned.err);
        REQUIRE(returned.status == 0);
        CHECK(returned.json()["days_differing"].empty());
        CHECK(office(back, {"--json", "status"}).json() == office(file, {"--json", "status"}).json());
    }
}

TEST_CASE("migrate refuses the database in use and an unknown scheme", "[cli][postgres-only]") {
    Office office;
    const std::string file = (office.dir / "motcua.db").string();
    REQUIRE(office(file, {"init"}).status == 0);
    const auto self = office(file, {"migrate", "--to", file});
    CHECK(self.status == 2);
    CHECK_THAT(self.err, Catch::Contains("in use"));
    const auto odd = office(file, {"migrate", "--to", "mysql://office/motcua"});
    CHECK(odd.status == 5);
    CHECK_THAT(odd.err, Catch::Contains("mysql"));
}

TEST_CASE("backup and restore on the PostgreSQL store go through pg_dump and pg_restore",
          "[cli][postgres-only]") {
    Office office;
    TestDatabase server(office.dir.path(), StoreKind::Postgres);
    const std::string db = server.location();
    REQUIRE(office(db, {"init"}).status == 0);
    for (int i = 0; i < 3; ++i) REQUIRE(office(db, {"take", "HT"}).status == 0);
    const auto folder = office.dir / "backups";
    std::filesystem::create_directory(folder);

    const auto made = office(db, {"--json", "backup", folder.string()});
    INFO(made.out << made.err);
    REQUIRE(made.status == 0);
    const std::filesystem::path dump = made.json()["path"].get<std::string>();
    CHECK(dump.extension() == ".dump");
    CHECK(made.json()["tickets"] == 3);
    CHECK(motcua::queue::isPostgresDump(dump));
    CHECK((std::filesystem::status(dump).permissions() & std::filesystem::perms::others_read) ==
          std::filesystem::perms::none);

    REQUIRE(office(db, {"take", "HT"}).status == 0);  // A004, after the backup
    const auto countTickets = [&] {
        int n = 0;
        const auto status = office(db, {"--json", "status"}).json();
        for (const auto& s : status["services"]) n += s["issued_today"].get<int>();
        return n;
    };
    REQUIRE(countTickets() == 4);

    SECTION("restore brings back the backup's state and keeps what was there") {
        const auto back = office(db, {"--json", "restore", dump.string()});
        INFO(back.out << back.err);
        REQUIRE(back.status == 0);
        CHECK(countTickets() == 3);
        const std::filesystem::path previous = back.json()["previous"].get<std::string>();
        CHECK(motcua::queue::isPostgresDump(previous));
        // The roles still work after the restore: the next number follows the restored ones.
        CHECK(office(db, {"--json", "take", "HT"}).json()["number"] == "A004");
    }
    SECTION("a file that is not a motcua dump is refused and nothing changes") {
        const auto sqliteFile = (office.dir / "motcua.db").string();
        REQUIRE(office(sqliteFile, {"init"}).status == 0);
        const auto refused = office(db, {"restore", sqliteFile});
        CHECK(refused.status == 5);
        CHECK_THAT(refused.err, Catch::Contains("migrate"));
        const auto garbage = office.dir / "garbage.dump";
        std::ofstream(garbage) << "PGDMP but not really";
        const auto bad = office(db, {"restore", garbage.string()});
        CHECK(bad.status == 5);
        CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);
        CHECK(countTickets() == 4);
    }
    SECTION("restore is refused while another motcua program is connected") {
        motcua::queue::Database console(motcua::queue::connectPostgres(
            db, motcua::queue::PgOptions{std::chrono::milliseconds(5000), std::chrono::seconds(5),
                                         "motcua-console"}));
        CHECK(console.queryInt("SELECT 1") == 1);
        const auto refused = office(db, {"restore", dump.string()});
        CHECK(refused.status == 5);
        CHECK_THAT(refused.err, Catch::Contains("motcua-console"));
        CHECK(countTickets() == 4);
    }
}

TEST_CASE("doctor checks the server: version, encryption, roles, and an unreachable one",
          "[cli][doctor][postgres-only]") {
    Office office;
    TestDatabase server(office.dir.path(), StoreKind::Postgres);
    REQUIRE(office(server.location(), {"init"}).status == 0);
    const auto r = office(server.location(), {"--json", "doctor"});
    INFO(r.out << r.err);
    const auto report = r.json();
    bool sawDatabase = false;
    for (const auto& c : report["checks"]) {
        if (c["check"] != "database") continue;
        sawDatabase = true;
        CHECK_THAT(c["message"].get<std::string>(),
                   Catch::Contains("PostgreSQL 15") && Catch::Contains("not encrypted"));
        CHECK(c["message"].get<std::string>().find("password") == std::string::npos);
        // 127.0.0.1: an unencrypted connection that never leaves the PC is not a warning; staff
        // without PINs are.
        CHECK(c["status"] == "warn");
        CHECK_THAT(c["fix"].get<std::string>(), Catch::Contains("set-pin"));
    }
    CHECK(sawDatabase);

    // A port where nothing listens: one failed check that says what to look at.
    const auto nowhere =
        office("postgresql://motcua@127.0.0.1:9/motcua?connect_timeout=2", {"--json", "doctor"});
    CHECK(nowhere.status == 1);
    const auto nowhereReport = nowhere.json();
    for (const auto& c : nowhereReport["checks"]) {
        if (c["check"] == "database") {
            CHECK(c["status"] == "fail");
            CHECK_THAT(c["fix"].get<std::string>(), Catch::Contains("pg_hba.conf"));
        }
    }
}

TEST_CASE("doctor fails the clock check when the recorded days are ahead of the clock", "[cli][doctor]") {
    Office office;
    TestDatabase db(office.dir.path());
    REQUIRE(office(db.location(), {"init"}).status == 0);
    office.clock.set(kMorning + 365 * kDay);  // a clock a year ahead issues a ticket
    REQUIRE(office(db.location(), {"take", "HT"}).status == 0);
    office.clock.set(kMorning + 2 * 3600 * 1000);  // then it is set right
    const auto r = office(db.location(), {"--json", "doctor"});
    INFO(r.out << r.err);
    bool sawClock = false;
    const auto report = r.json();
    for (const auto& c : report["checks"]) {
        if (c["check"] != "clock") continue;
        sawClock = true;
        CHECK(c["status"] == "fail");
        CHECK_THAT(c["message"].get<std::string>(), Catch::Contains("2027-03-10"));
        CHECK_THAT(c["fix"].get<std::string>(), Catch::Contains("close-day"));
    }
    CHECK(sawClock);
    const auto closed = office(db.location(), {"--json", "close-day"});
    REQUIRE(closed.status == 0);
    CHECK(closed.json()["expired_future"] == 1);
    CHECK(closed.json()["future_day"] == "2027-03-10");
    CHECK(closed.json()["clock_confirmed"] == true);
    const auto repaired = office(db.location(), {"--json", "doctor"}).json();
    for (const auto& c : repaired["checks"]) {
        if (c["check"] == "clock") CHECK(c["status"] == "ok");
    }
}

TEST_CASE(
    "Every program finds the office's server the same way: --db, MOTCUA_DB, then the office config's url",
    "[cli][config]") {
    using motcua::queue::databaseLocation;
    using motcua::queue::programDatabaseLocation;
    TempDir dir;
    const auto config = dir / "office.toml";
    std::ofstream(config)
        << "[office]\nname = \"Phường\"\n[database]\nurl = \"postgresql://quay1@10.0.0.2/motcua\"\n";
    const char* savedDb = std::getenv("MOTCUA_DB");
    const char* savedConfig = std::getenv("MOTCUA_CONFIG");
    const std::string keptDb = savedDb ? savedDb : "", keptConfig = savedConfig ? savedConfig : "";
    ::unsetenv("MOTCUA_DB");
    ::setenv("MOTCUA_CONFIG", config.c_str(), 1);

    CHECK(databaseLocation(std::nullopt, config) == "postgresql://quay1@10.0.0.2/motcua");
    CHECK(programDatabaseLocation(std::nullopt) == "postgresql://quay1@10.0.0.2/motcua");
    CHECK(programDatabaseLocation(std::filesystem::path("/srv/x.db")) == "/srv/x.db");
    CHECK(databaseLocation(std::string("/srv/x.db"), config) == "/srv/x.db");
    ::setenv("MOTCUA_DB", "/var/lib/motcua/motcua.db", 1);
    CHECK(programDatabaseLocation(std::nullopt) == "/var/lib/motcua/motcua.db");
    CHECK(databaseLocation(std::nullopt, config) == "/var/lib/motcua/motcua.db");
    ::unsetenv("MOTCUA_DB");
    // A config without a [database] section: the default file.
    std::ofstream(config) << "[office]\nname = \"Phường\"\n";
    CHECK(programDatabaseLocation(std::nullopt) == motcua::queue::defaultDatabasePath().string());

    if (keptDb.empty())
        ::unsetenv("MOTCUA_DB");
    else
        ::setenv("MOTCUA_DB", keptDb.c_str(), 1);
    if (keptConfig.empty())
        ::unsetenv("MOTCUA_CONFIG");
    else
        ::setenv("MOTCUA_CONFIG", keptConfig.c_str(), 1);
}

TEST_CASE("migrate copies every table of the schema", "[cli][sqlite-only]") {
    // A table added by a migration and forgotten in copiedTables() would be left behind by every
    // office that moves to the server.
    TempDir dir;
    const std::string file = (dir / "motcua.db").string();
    auto db = motcua::queue::openStore(file, motcua::queue::OpenPurpose::Initialise);
    std::set<std::string> tables;
    motcua::queue::Statement st(
        db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (st.step()) tables.insert(st.getText(0));
    REQUIRE(tables.count("tickets") == 1);
    const auto& copied = motcua::queue::copiedTables();
    CHECK(tables == std::set<std::string>(copied.begin(), copied.end()));
}
