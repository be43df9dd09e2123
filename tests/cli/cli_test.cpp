#include "kiosk/cli/cli.h"

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/disk_space.h"
#include "queue/clock.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "queue/ticket_links.h"
#include "support/cli_run.h"
#include "support/damaged_database.h"
#include "support/test_support.h"

using motcua::testing::readFile;
using motcua::testing::sourcePath;
using motcua::testing::TempDir;

namespace {

using Run = motcua::testing::CliResult;

struct Cli {
    TempDir dir;
    std::string db = (dir / "motcua.db").string();
    std::string config = sourcePath("assets/office.toml").string();
    // Inside the example office's issuing hours.
    mutable motcua::queue::ManualClock clock{motcua::testing::kOfficeHoursMorning};

    Run operator()(const std::vector<std::string>& args) const {
        return motcua::testing::runCli(motcua::testing::onOffice(db, config, args), &clock);
    }
    Run json(const std::vector<std::string>& args) const {
        // A new vector rather than insert() at the front: GCC 12 at -O3 reports a false
        // -Wnull-dereference inside the moved strings.
        std::vector<std::string> all{"--json"};
        all.insert(all.end(), args.begin(), args.end());
        return (*this)(all);
    }
};

}  // namespace

TEST_CASE("motcua commands refuse a missing database, except init", "[cli]") {
    Cli cli;
    auto r = cli({"status"});
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::Contains("motcua init"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(std::filesystem::exists(cli.db));
    CHECK(cli({"init"}).status == 0);
    CHECK(cli({"init"}).status == 0);  // idempotent
    CHECK(cli({"status"}).status == 0);
}

TEST_CASE("take, call, start, finish with --json", "[cli]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    auto take = cli.json({"take", "HT"});
    REQUIRE(take.status == 0);
    auto t = take.json();
    CHECK(t["number"] == "A001");
    CHECK(t["service"] == "HT");
    CHECK(t["priority"].is_null());
    CHECK(t["ahead"] == 0);
    CHECK(t["estimated_wait_s"] == 0);
    CHECK_THAT(t["issued_at"].get<std::string>(), Catch::Matches(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00)"));

    auto p = cli.json({"take", "HT", "--priority", "cao_tuoi"}).json();
    CHECK(p["number"] == "A002");
    CHECK(p["priority"] == "cao_tuoi");

    auto call = cli.json({"call", "1"});
    REQUIRE(call.status == 0);
    CHECK(call.json()["number"] == "A002");
    CHECK(call.json()["reason"] == "priority_turn");
    CHECK_FALSE(call.json()["reason_vi"].get<std::string>().empty());

    auto status = cli.json({"status"}).json();
    CHECK(status["counters"][0]["ticket"]["number"] == "A002");
    CHECK(status["services"][0]["waiting"] == 1);

    CHECK(cli({"start", "1"}).status == 0);
    CHECK(cli({"finish", "1"}).status == 0);
    auto events = cli.json({"events", "--since", "0"}).json();
    CHECK(events["events"].size() == 5);
    CHECK(events["events"][2]["kind"] == "call");
}

TEST_CASE("Every queue move is reachable from the command line", "[cli]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    for (int i = 0; i < 4; ++i) REQUIRE(cli({"take", "HT"}).status == 0);
    CHECK(cli({"call", "1"}).status == 0);
    CHECK(cli({"recall", "1"}).status == 0);
    CHECK(cli({"return", "1", "--front"}).status == 0);
    CHECK(cli.json({"call", "1"}).json()["number"] == "A001");
    CHECK(cli({"hold", "1"}).status == 0);
    CHECK(cli.json({"call", "1", "--number", "a3"}).json()["reason"] == "by_number");
    CHECK(cli({"transfer", "1", "CT"}).status == 0);
    // Counter 6 serves DVC and CT, where A003 now waits.
    CHECK(cli.json({"call", "6"}).json()["number"] == "A003");
    CHECK(cli({"noshow", "6"}).status == 0);
    CHECK(cli({"reactivate", "A003"}).status == 0);
    CHECK(cli({"cancel", "A004"}).status == 0);
    CHECK(cli({"close-day"}).status == 0);
    CHECK(cli({"services"}).status == 0);
    CHECK(cli({"counters"}).status == 0);
}

TEST_CASE("Exit statuses: nothing waiting 3, not allowed 4", "[cli]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    CHECK(cli({"call", "1"}).status == 3);
    cli({"take", "HT"});
    cli({"call", "1"});
    auto r = cli.json({"finish", "1"});
    CHECK(r.status == 4);
    CHECK(r.json()["exit"] == 4);
    CHECK_THAT(r.json()["error"].get<std::string>(), Catch::Contains("A001"));
}

TEST_CASE("Bad input: one clear line, status 2, nothing changed", "[cli]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    cli({"take", "HT"});
    const auto before = cli.json({"events"}).out;
    auto args = GENERATE(
        as<std::vector<std::string>>{}, std::vector<std::string>{"take", "ZZ"},
        std::vector<std::string>{"take", "HT", "--priority", "vip"}, std::vector<std::string>{"call", "99"},
        std::vector<std::string>{"call", "one"}, std::vector<std::string>{"call", "1", "--number", "1A"},
        std::vector<std::string>{"cancel", "'; DROP TABLE tickets; --"},
        std::vector<std::string>{"take", "HT' OR '1'='1"},
        std::vector<std::string>{"take", std::string(5000, 'x')},
        std::vector<std::string>{"take", "H\xc3\x28"}, std::vector<std::string>{"transfer", "1"},
        std::vector<std::string>{"frobnicate"}, std::vector<std::string>{"events", "--since", "-4"},
        std::vector<std::string>{"take"});
    CAPTURE(args);
    auto r = cli(args);
    CHECK(r.status == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
    CHECK(cli.json({"events"}).out == before);
}

TEST_CASE("A broken office config is reported with file and line, database untouched", "[cli]") {
    Cli cli;
    auto bad = cli.dir / "office.toml";
    motcua::testing::writeFile(bad, "[office]\nname = \"X\"\nnmae = \"typo\"\n");
    cli.config = bad.string();
    auto r = cli({"init"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("office.toml:3: office.nmae: unknown key"));
    CHECK_FALSE(std::filesystem::exists(cli.db));
}

TEST_CASE("--help works for the program and every command", "[cli]") {
    Cli cli;
    auto command =
        GENERATE(as<std::string>{}, "init", "take", "call", "recall", "start", "finish", "noshow", "return",
                 "hold", "transfer", "cancel", "reactivate", "status", "events", "services", "counters");
    CAPTURE(command);
    auto r = cli({command, "--help"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Exit status"));
    CHECK_FALSE(std::filesystem::exists(cli.db));
}

TEST_CASE("A file that is not a motcua database gives status 5 and stays untouched", "[cli]") {
    Cli cli;
    motcua::testing::writeFile(cli.db, "Danh sách công dân\n");
    auto command = GENERATE(as<std::string>{}, "status", "take", "init");
    CAPTURE(command);
    std::vector<std::string> args{command};
    if (command == "take") args.push_back("HT");
    auto r = cli(args);
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::Contains("not an SQLite database"));
    CHECK(readFile(cli.db) == "Danh sách công dân\n");
}

TEST_CASE("The default database path follows MOTCUA_DB, then XDG_DATA_HOME, then HOME", "[cli][store]") {
    ::setenv("MOTCUA_DB", "/srv/office/x.db", 1);
    CHECK(motcua::queue::defaultDatabasePath() == "/srv/office/x.db");
    ::unsetenv("MOTCUA_DB");
    ::setenv("XDG_DATA_HOME", "/home/a/.data", 1);
    CHECK(motcua::queue::defaultDatabasePath() == "/home/a/.data/motcua/motcua.db");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/b", 1);
    CHECK(motcua::queue::defaultDatabasePath() == "/home/b/.local/share/motcua/motcua.db");
}

TEST_CASE("doctor says what to fix; with --json stdout is one object even when a check fails",
          "[cli][doctor]") {
    Cli cli;
    // No database yet: the database check fails, and says how to make one.
    auto r = cli.json({"doctor"});
    CHECK(r.status == 1);
    nlohmann::json report;
    REQUIRE_NOTHROW(report = r.json());  // a second object after the first would not parse
    REQUIRE(report["checks"].is_array());
    CHECK(report["checks"].size() == 8);
    CHECK(report["failures"].get<int>() >= 1);
    bool databaseFailed = false;
    for (const auto& c : report["checks"]) {
        CHECK_FALSE(c["message"].get<std::string>().empty());
        if (c["status"] != "ok") CHECK_FALSE(c["fix"].is_null());
        if (c["check"] == "database") databaseFailed = c["status"] == "fail";
    }
    CHECK(databaseFailed);
    CHECK_THAT(r.err, Catch::Contains("doctor:") && Catch::Contains("failed"));
    CHECK_FALSE(std::filesystem::exists(cli.db));  // the check made no database

    // Text: one line per check, then the totals.
    REQUIRE(cli({"init"}).status == 0);
    auto text = cli({"doctor"});
    CHECK_THAT(text.out,
               Catch::Contains("database") && Catch::Contains("failed,") && Catch::Contains("warnings"));
}

TEST_CASE("Without --config the office comes from MOTCUA_CONFIG, else /etc/motcua, else the bundled example",
          "[cli][config]") {
    TempDir dir;
    const std::string db = (dir / "motcua.db").string();
    auto initWithout = [&] {
        std::vector<const char*> argv = {"motcua", "--json", "--db", db.c_str(), "init"};
        std::ostringstream out, err;
        const int status = motcua::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
        INFO(err.str());
        REQUIRE(status == 0);
        return nlohmann::json::parse(out.str())["config"].get<std::string>();
    };
    const auto example = sourcePath("assets/office.toml").string();
    ::setenv("MOTCUA_CONFIG", example.c_str(), 1);
    CHECK(initWithout() == example);
    ::unsetenv("MOTCUA_CONFIG");
    // This machine's /etc/motcua/office.toml if it has one; else the installed example, else (a build
    // tree without an installed package) the source tree's.
    const std::string chosen = initWithout();
    if (std::filesystem::exists("/etc/motcua/office.toml"))
        CHECK(chosen == "/etc/motcua/office.toml");
    else
        CHECK_THAT(chosen, Catch::EndsWith("/share/motcua/office.toml") || Catch::Equals(example));
}

TEST_CASE("With --json a usage error is one JSON object on stdout, wherever --json stands", "[cli][json]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    auto args = GENERATE(as<std::vector<std::string>>{}, std::vector<std::string>{"--json", "frobnicate"},
                         std::vector<std::string>{"--json", "take"},
                         std::vector<std::string>{"--json", "call", "one"},
                         std::vector<std::string>{"take", "--json"},
                         std::vector<std::string>{"events", "--since", "-4", "--json"},
                         std::vector<std::string>{"--json", "take", std::string(5000, 'x')},
                         std::vector<std::string>{"--json", "take", "H\xc3\x28"});
    CAPTURE(args);
    auto r = cli(args);
    CHECK(r.status == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    REQUIRE(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    nlohmann::json j;
    REQUIRE_NOTHROW(j = r.json());
    CHECK(j["exit"] == 2);
    CHECK_FALSE(j["error"].get<std::string>().empty());
}

TEST_CASE("File inputs that are not regular files are refused at once, with status 2", "[cli][input]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    const auto fifo = cli.dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto png = (cli.dir / "out.png").string();
    const std::vector<std::vector<std::string>> commands = {
        {"init"}, {"catalogue", "import", "--dry-run", "INPUT"}, {"print-preview", "INPUT", png}};
    for (const std::string& input : {fifo.string(), std::string("/dev/zero"), cli.dir.path().string()}) {
        for (auto args : commands) {
            Cli scoped;
            scoped.db = cli.db;
            if (args.front() == "init") scoped.config = input;
            std::replace(args.begin(), args.end(), std::string("INPUT"), input);
            CAPTURE(input, args);
            // Each used to hang (a FIFO without a writer) or read until memory ran out (/dev/zero).
            CHECK(motcua::testing::finishesWithin(std::chrono::seconds(10), [&] {
                const Run r = scoped(args);
                return r.status == 2 && std::count(r.err.begin(), r.err.end(), '\n') == 1 &&
                       r.err.find("not a regular file") != std::string::npos;
            }));
        }
    }
    CHECK_FALSE(std::filesystem::exists(png));
    CHECK(cli({"status"}).status == 0);
}

TEST_CASE("The -wal of a deleted database is kept: commands say so, init keeps it aside and says where",
          "[cli][store]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    // A program commits two tickets into the -wal and dies without closing (as a kill or a power cut
    // of the process would); then someone deletes the database file.
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int status = 1;
        try {
            auto db = motcua::queue::openStore(cli.db, motcua::queue::OpenPurpose::Use);
            db.exec("PRAGMA wal_autocheckpoint = 0");
            motcua::queue::ManualClock clock(motcua::testing::kOfficeHoursMorning);
            motcua::queue::QueueService queue(db, clock);
            status = queue.take("HT").ok() && queue.take("HT").ok() ? 0 : 1;
            ::_exit(status);  // inside the scope: the connection is never closed
        } catch (...) {
        }
        ::_exit(status);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    const std::string wal = readFile(cli.db + "-wal");
    REQUIRE(wal.size() > 1000);
    std::filesystem::remove(cli.db);

    auto r = cli({"status"});
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::Contains("motcua.db-wal is still there") && Catch::Contains("motcua restore"));
    CHECK(readFile(cli.db + "-wal") == wal);

    r = cli.json({"init"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto kept = r.json()["kept_aside"];
    REQUIRE(kept.size() == 2);  // the -wal and the -shm
    const std::string keptWal = kept[0].get<std::string>();
    CHECK_THAT(keptWal, Catch::StartsWith(cli.db + "-wal.orphan-"));
    CHECK(readFile(keptWal) == wal);
    CHECK(cli.json({"status"}).json()["services"][0]["issued_today"] == 0);  // a new, empty database
    Cli fresh;
    CHECK_THAT(fresh({"init"}).out, !Catch::Contains("kept"));
}

TEST_CASE("A damaged database is refused before any write, and doctor says so on one line",
          "[cli][integrity]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    std::vector<std::string> import = {"catalogue", "import"};
    for (const auto& e : std::filesystem::directory_iterator(sourcePath("assets/catalogue"))) {
        if (e.path().extension() == ".tsv") import.push_back(e.path().string());
    }
    REQUIRE(cli(import).status == 0);
    REQUIRE(cli({"take", "HT"}).status == 0);
    // A page that taking a ticket never reads: before the check, writes went on into the file.
    motcua::testing::damageTablePage(cli.db, "catalogue_procedures");
    const std::string damaged = readFile(cli.db);

    auto command = GENERATE(as<std::vector<std::string>>{}, std::vector<std::string>{"take", "HT"},
                            std::vector<std::string>{"call", "1"}, std::vector<std::string>{"init"},
                            std::vector<std::string>{"close-day"});
    CAPTURE(command);
    const auto r = cli(command);
    CHECK(r.status == 5);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::Contains("damaged") && Catch::Contains("motcua restore"));
    CHECK(readFile(cli.db) == damaged);
    CHECK_FALSE(std::filesystem::exists(cli.db + "-wal"));
    // Commands that only read skip the check (it reads the whole file) and still answer.
    CHECK(cli({"status"}).status == 0);
    CHECK(readFile(cli.db) == damaged);

    const auto doctor = cli({"doctor"});
    CHECK(doctor.status == 1);
    std::istringstream lines(doctor.out);
    bool databaseFailed = false;
    for (std::string line; std::getline(lines, line);) {
        CAPTURE(line);
        // Every line is a check, a fix under it, or the totals: SQLite's multi-line findings are folded.
        CHECK((line.rfind("OK ", 0) == 0 || line.rfind("WARN ", 0) == 0 || line.rfind("FAIL ", 0) == 0 ||
               line.rfind("      ", 0) == 0 || line.find("failed,") != std::string::npos));
        if (line.rfind("FAIL  database", 0) == 0) databaseFailed = line.find("damaged") != std::string::npos;
    }
    CHECK(databaseFailed);
    CHECK_THAT(doctor.out, Catch::Contains("motcua restore"));
}

TEST_CASE("doctor checks the free disk space beside the database", "[cli][doctor]") {
    using motcua::cli::assessDiskRoom;
    using motcua::cli::DiskRoom;
    constexpr std::uintmax_t MiB = 1ull << 20;
    // A small database: 1 GiB is the floor of comfort, one copy plus 64 MiB the floor of work.
    CHECK(assessDiskRoom(2048 * MiB, 40 * MiB) == DiskRoom::Enough);
    CHECK(assessDiskRoom(1023 * MiB, 40 * MiB) == DiskRoom::Low);
    CHECK(assessDiskRoom(103 * MiB, 40 * MiB) == DiskRoom::TooLow);
    CHECK(assessDiskRoom(104 * MiB, 40 * MiB) == DiskRoom::Low);
    // A city-sized database needs three copies of room.
    CHECK(assessDiskRoom(2000 * MiB, 855 * MiB) == DiskRoom::Low);
    CHECK(assessDiskRoom(2600 * MiB, 855 * MiB) == DiskRoom::Enough);
    CHECK(assessDiskRoom(900 * MiB, 855 * MiB) == DiskRoom::TooLow);

    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    const auto report = cli.json({"doctor"}).json();
    nlohmann::json disk;
    for (const auto& c : report["checks"]) {
        if (c["check"] == "disk") disk = c;
    }
    REQUIRE(disk.is_object());
    CHECK_THAT(disk["message"].get<std::string>(), Catch::Contains(cli.dir.path().string() + ": ") &&
                                                       Catch::Contains(" free") &&
                                                       Catch::Contains("database"));
    if (disk["status"] != "ok") CHECK_FALSE(disk["fix"].is_null());
}

TEST_CASE("The database and its -wal and -shm are never world-readable, whatever the umask", "[cli][store]") {
    // 0660 with the group motcua where the package made that group and it can be given, else 0600.
    const bool grouped = ::getgrnam("motcua") != nullptr;
    const auto modeOf = [](const std::string& path) {
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        return st.st_mode & 07777;
    };
    const mode_t before = ::umask(0);  // as wide as a careless shell could make it
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    {
        // Another program keeps it open: its -wal and -shm are there to look at.
        motcua::queue::Database open(cli.db, motcua::queue::OpenMode::ReadWrite, std::chrono::seconds(5));
        REQUIRE(open.queryInt("SELECT count(*) FROM services") > 0);
        for (const std::string& file : {cli.db, cli.db + "-wal", cli.db + "-shm"}) {
            CAPTURE(file);
            const auto mode = modeOf(file);
            CHECK((mode & 0007) == 0);
            if (!grouped) CHECK(mode == 0600);
        }
        const auto backup = cli({"backup", (cli.dir / "copy.db").string()});
        REQUIRE(backup.status == 0);
        CHECK((modeOf((cli.dir / "copy.db").string()) & 0007) == 0);
    }
    SECTION("init narrows a database an older motcua left world-readable") {
        for (const std::string& file : {cli.db}) ::chmod(file.c_str(), 0644);
        REQUIRE(cli({"init"}).status == 0);
        CHECK((modeOf(cli.db) & 0007) == 0);
    }
    ::umask(before);
}

TEST_CASE("motcua checkin CODE checks in a number taken online, once; other codes change nothing",
          "[cli][online_checkin]") {
    Cli cli;
    REQUIRE(cli({"init"}).status == 0);
    std::string online, walkIn;
    {
        auto db = motcua::queue::openStore(cli.db, motcua::queue::OpenPurpose::Use);
        motcua::queue::QueueService q(db, cli.clock);
        motcua::queue::TicketLinks links(db);
        const auto kiosk = q.take("HT");
        REQUIRE(kiosk.ok());
        walkIn = links.linkFor(kiosk.value->ticket, cli.clock.now()).shortCode;
        motcua::queue::Actor phone;
        phone.channel = "online";
        const auto taken = q.take("HT", std::nullopt, phone);
        REQUIRE(taken.ok());
        online = motcua::queue::TicketLinks::printedShortCode(
            links.linkFor(taken.value->ticket, cli.clock.now()).shortCode);
    }
    auto in = cli.json({"checkin", online});
    REQUIRE(in.status == 0);
    CHECK(in.json()["number"] == "A002");
    CHECK(in.json()["already"] == false);
    CHECK(in.json()["ahead"] == 1);
    auto again = cli({"checkin", online});
    CHECK(again.status == 0);
    CHECK_THAT(again.out, Catch::Contains("A002 was already checked in"));

    const auto before = cli.json({"events", "--since", "0"}).json()["events"].size();
    auto kiosk = cli({"checkin", walkIn});
    CHECK(kiosk.status == 4);  // not allowed
    CHECK_THAT(kiosk.err, Catch::Contains("needs no check-in"));
    CHECK(cli({"checkin", "ABCDE-FGHJK"}).status != 0);
    CHECK(cli({"checkin", "nonsense"}).status == 2);
    CHECK(cli.json({"events", "--since", "0"}).json()["events"].size() == before);
}
