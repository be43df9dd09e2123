#include "queue/backup.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "kiosk/cli/cli.h"
#include "queue/clock.h"
#include "queue/integrity.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "support/cli_run.h"
#include "support/test_support.h"

using motcua::testing::readFile;
using motcua::testing::sourcePath;
using motcua::testing::TempDir;
using motcua::testing::writeFile;
namespace fs = std::filesystem;
namespace q = motcua::queue;

namespace {

motcua::testing::CliResult runMotcua(const fs::path& db, const std::vector<std::string>& args) {
    // Inside the example office's issuing hours, whatever the hour the test runs at.
    q::ManualClock clock(motcua::testing::kOfficeHoursMorning);
    return motcua::testing::runCli(
        motcua::testing::onOffice(db.string(), sourcePath("assets/office.toml").string(), args), &clock);
}

// Every file in dir with its bytes: "nothing changed" means this is equal before and after.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(dir))
        files[e.path().filename().string()] = readFile(e.path());
    return files;
}

std::set<std::string> ticketNumbers(const fs::path& db) {
    q::Database conn(db.string(), q::OpenMode::ReadOnly, std::chrono::seconds(5));
    q::Statement st(conn, "SELECT business_day || ' ' || number FROM tickets");
    std::set<std::string> numbers;
    while (st.step()) numbers.insert(st.getText(0));
    return numbers;
}

void takeTickets(const fs::path& db, int count) {
    for (int i = 0; i < count; ++i) REQUIRE(runMotcua(db, {"take", "HT"}).status == 0);
}

struct Writer {
    pid_t pid;
    int readFd;
};

// A separate process taking tickets as fast as it can; each line it writes to the pipe names a
// ticket that is committed.
Writer startWriter(const fs::path& db) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        int status = 0;
        try {
            auto conn = q::openStore(db, q::OpenPurpose::Use, q::StoreOptions{std::chrono::seconds(60)});
            q::ManualClock clock(motcua::testing::kOfficeHoursMorning);
            q::QueueService service(conn, clock);
            for (;;) {
                auto r = service.take("HT");
                if (!r.ok()) throw std::runtime_error("take refused: " + r.message);
                const std::string line = r.value->ticket.businessDay + " " + r.value->ticket.number + "\n";
                if (::write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) break;
            }
        } catch (const std::exception& e) {
            const std::string line = std::string("ERROR ") + e.what() + "\n";
            [[maybe_unused]] auto n = ::write(fds[1], line.data(), line.size());
            status = 1;
        }
        ::_exit(status);
    }
    ::close(fds[1]);
    return {pid, fds[0]};
}

// Reads whole lines from fd until at least minLines are there (blocking).
void readLines(int fd, std::string& buffer, std::vector<std::string>& lines, std::size_t minLines) {
    char chunk[4096];
    while (lines.size() < minLines) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        REQUIRE(n > 0);
        buffer.append(chunk, static_cast<std::size_t>(n));
        for (auto nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n')) {
            lines.push_back(buffer.substr(0, nl));
            buffer.erase(0, nl + 1);
        }
    }
}

// A writer commits two more tickets and dies without closing (as SIGKILL or a power cut of the
// process would): its commits are in the -wal only, and the -wal and -shm stay beside the database.
void crashAfterTwoTickets(const fs::path& db) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int status = 1;
        try {
            auto conn = q::openStore(db, q::OpenPurpose::Use);
            conn.exec("PRAGMA wal_autocheckpoint = 0");
            q::ManualClock clock(motcua::testing::kOfficeHoursMorning);
            q::QueueService queue(conn, clock);
            status = queue.take("HT").ok() && queue.take("HT").ok() ? 0 : 1;
            ::_exit(status);  // inside the scope, so no destructor runs: the connection is never closed
        } catch (...) {
        }
        ::_exit(status);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    REQUIRE(fs::file_size(db.string() + "-wal") > 0);
}

}  // namespace

TEST_CASE("a backup taken while another process takes tickets restores to a consistent database",
          "[packaging][backup][multiprocess]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);

    auto writer = startWriter(live);
    std::string buffer;
    std::vector<std::string> reported;
    readLines(writer.readFd, buffer, reported, 30);
    // Everything read so far was committed before the backup started.
    const std::vector<std::string> before = reported;
    const auto backup = dir / "backup.db";
    const auto result = runMotcua(live, {"--json", "backup", backup.string()});
    readLines(writer.readFd, buffer, reported, reported.size() + 30);  // the writer kept going
    ::kill(writer.pid, SIGKILL);  // the child runs Catch's signal handlers: no SIGTERM
    int status = 0;
    ::waitpid(writer.pid, &status, 0);
    ::close(writer.readFd);
    for (const auto& line : reported) REQUIRE_THAT(line, !Catch::StartsWith("ERROR"));

    REQUIRE(result.status == 0);
    const auto summary = result.json();
    CHECK(summary["path"] == backup.string());
    CHECK(summary["bytes"].get<std::uintmax_t>() == fs::file_size(backup));
    CHECK((fs::status(backup).permissions() & fs::perms::others_all) == fs::perms::none);

    // Restore into a fresh place and look at what came back.
    const auto restored = dir / "restored.db";
    const auto restore = runMotcua(restored, {"--json", "restore", backup.string()});
    REQUIRE(restore.status == 0);
    CHECK(restore.json()["previous"].is_null());
    {
        auto db = q::openStore(restored, q::OpenPurpose::Use);
        q::Statement check(db, "PRAGMA integrity_check");
        REQUIRE(check.step());
        CHECK(check.getText(0) == "ok");
        CHECK(db.queryInt("SELECT count(*) FROM tickets") == summary["tickets"].get<std::int64_t>());
        CHECK(db.queryInt("SELECT count(*) FROM events") == summary["events"].get<std::int64_t>());
        // Each ticket's issuing event is in the snapshot with it (one transaction, one snapshot).
        CHECK(db.queryInt("SELECT count(*) FROM tickets t WHERE NOT EXISTS "
                          "(SELECT 1 FROM events e WHERE e.ticket_id = t.id)") == 0);
    }
    const auto numbers = ticketNumbers(restored);
    for (const auto& n : before) CHECK(numbers.count(n) == 1);
    CHECK(numbers.size() >= before.size());
    CHECK(numbers.size() <= reported.size());
    // Numbers are issued in order, so the snapshot holds a prefix of what the writer reported.
    for (std::size_t i = 0; i < numbers.size(); ++i) CHECK(numbers.count(reported[i]) == 1);
}

TEST_CASE("restore brings back the backup and keeps the replaced database with a timestamp",
          "[packaging][backup]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    takeTickets(live, 3);
    const auto backup = dir / "backup.db";
    REQUIRE(runMotcua(live, {"backup", backup.string()}).status == 0);
    takeTickets(live, 2);
    REQUIRE(ticketNumbers(live).size() == 5);
    fs::permissions(live, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);

    const auto r = runMotcua(live, {"--json", "restore", backup.string()});
    REQUIRE(r.status == 0);
    const auto out = r.json();
    CHECK(out["tickets"] == 3);
    REQUIRE(out["previous"].is_string());
    const fs::path previous = out["previous"].get<std::string>();
    CHECK(previous.parent_path() == dir.path());
    CHECK_THAT(previous.filename().string(), Catch::Matches(R"(motcua\.db\.\d{8}-\d{6}\.bak)"));
    CHECK(ticketNumbers(live).size() == 3);
    CHECK(ticketNumbers(previous).size() == 5);
    // The restored file keeps the mode of the one it replaced (owner and group only).
    CHECK(fs::status(live).permissions() ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(fs::exists(backup));  // the backup itself is not consumed
    CHECK(runMotcua(live, {"take", "HT"}).status == 0);
}

TEST_CASE("restore of a file that is not a good motcua database changes nothing", "[packaging][backup]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    takeTickets(live, 2);
    const auto good = dir / "good.db";
    REQUIRE(runMotcua(live, {"backup", good.string()}).status == 0);

    const auto kind = GENERATE(as<std::string>{}, "text", "empty", "foreign", "newer", "corrupt", "live");
    CAPTURE(kind);
    fs::path candidate = dir / "candidate.db";
    std::string expected;
    if (kind == "text") {
        writeFile(candidate, "motcua backup? no, a shopping list\n");
        expected = "not an SQLite database";
    } else if (kind == "empty") {
        writeFile(candidate, "");
        expected = "empty file";
    } else if (kind == "foreign") {
        q::Database other(candidate.string(), q::OpenMode::ReadWriteCreate, std::chrono::seconds(1));
        other.exec(
            "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos VALUES (1, 'a')");
        expected = "not a motcua one";
    } else if (kind == "newer") {
        fs::copy_file(good, candidate);
        q::Database newer(candidate.string(), q::OpenMode::ReadWrite, std::chrono::seconds(1));
        newer.exec(fmt::format("PRAGMA user_version = {}", q::latestSchemaVersion() + 1));
        expected = "newer motcua";
    } else if (kind == "corrupt") {
        // Overwrite the middle of the file (table and index pages) with garbage; the header stays.
        std::string bytes = readFile(good);
        REQUIRE(bytes.size() > 8 * 4096);
        for (std::size_t i = 2 * 4096; i < bytes.size() - 4096; i += 3)
            bytes[i] = static_cast<char>(0xA5 ^ i);
        writeFile(candidate, bytes);
        expected = "";  // SQLite reports it in its own words (malformed / integrity check)
    } else {
        candidate = live;
        expected = "live database";
    }

    const auto before = snapshot(dir.path());
    const auto r = runMotcua(live, {"restore", candidate.string()});
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::Contains(expected));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(snapshot(dir.path()) == before);
    CHECK(ticketNumbers(live).size() == 2);
}

TEST_CASE("restore refuses while another process has the database open",
          "[packaging][backup][multiprocess]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    const auto backup = dir / "backup.db";
    REQUIRE(runMotcua(live, {"backup", backup.string()}).status == 0);
    takeTickets(live, 1);

    int ready[2], release[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        auto db = q::openStore(live, q::OpenPurpose::Use);
        db.queryInt("SELECT count(*) FROM tickets");  // a read maps the -shm and holds its lock
        [[maybe_unused]] auto w = ::write(ready[1], "r", 1);
        char c;
        [[maybe_unused]] auto n = ::read(release[0], &c, 1);
        ::_exit(0);
    }
    char c;
    REQUIRE(::read(ready[0], &c, 1) == 1);
    CHECK(q::databaseInUseElsewhere(live));
    const auto r = runMotcua(live, {"restore", backup.string()});
    [[maybe_unused]] auto w = ::write(release[1], "x", 1);
    ::waitpid(pid, nullptr, 0);
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::Contains("in use"));
    CHECK(ticketNumbers(live).size() == 1);
    for (int fd : {ready[0], ready[1], release[0], release[1]}) ::close(fd);
    CHECK_FALSE(q::databaseInUseElsewhere(live));
    CHECK(runMotcua(live, {"restore", backup.string()}).status == 0);
    CHECK(ticketNumbers(live).empty());
}

TEST_CASE("backup refuses to overwrite the live database or another file, and keeps N dated backups",
          "[packaging][backup]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    const auto before = readFile(live);

    SECTION("the live database and its sidecar files") {
        for (const std::string& target :
             {live.string(), live.string() + "-wal", (dir.path() / "." / "motcua.db").string()}) {
            CAPTURE(target);
            const auto r = runMotcua(live, {"backup", "--force", target});
            CHECK(r.status == 2);
            CHECK_THAT(r.err, Catch::Contains("live database"));
        }
        CHECK(readFile(live) == before);
    }
    SECTION("an existing file needs --force") {
        const auto target = dir / "old.db";
        writeFile(target, "keep me");
        CHECK(runMotcua(live, {"backup", target.string()}).status == 2);
        CHECK(readFile(target) == "keep me");
        CHECK(runMotcua(live, {"backup", "--force", target.string()}).status == 0);
        CHECK(readFile(target).substr(0, 15) == "SQLite format 3");
    }
    SECTION("a folder gets dated files; --keep removes the oldest") {
        const auto folder = dir / "backups";
        fs::create_directory(folder);
        // Older dated backups and an unrelated file that must survive pruning.
        for (const char* name :
             {"motcua-20240101-183000.db", "motcua-20240102-183000.db", "motcua-20240103-183000.db"}) {
            writeFile(folder / name, "old");
        }
        writeFile(folder / "notes.txt", "mine");
        const auto r = runMotcua(live, {"--json", "backup", "--keep", "2", folder.string()});
        REQUIRE(r.status == 0);
        const auto out = r.json();
        CHECK(out["removed"].size() == 2);
        const auto kept = q::listBackups(folder);
        REQUIRE(kept.size() == 2);
        CHECK(kept[0].filename() == "motcua-20240103-183000.db");
        CHECK(kept[1] == fs::path(out["path"].get<std::string>()));
        CHECK(fs::exists(folder / "notes.txt"));
        // No temporary file is left behind.
        std::size_t files = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++files;
        CHECK(files == 3);
    }
    SECTION("--keep needs a folder") {
        CHECK(runMotcua(live, {"backup", "--keep", "3", (dir / "x.db").string()}).status == 2);
        CHECK_FALSE(fs::exists(dir / "x.db"));
    }
}

TEST_CASE(
    "a restore over a database a crashed writer left with a -wal keeps that writer's tickets in the kept "
    "copy",
    "[packaging][backup][multiprocess]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    takeTickets(live, 2);
    const auto backup = dir / "backup.db";
    REQUIRE(runMotcua(live, {"backup", backup.string()}).status == 0);
    crashAfterTwoTickets(live);

    const auto r = runMotcua(live, {"--json", "restore", backup.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const fs::path previous = r.json()["previous"].get<std::string>();
    // The kept copy is whole by itself: no -wal beside it, and all four tickets inside.
    CHECK_FALSE(fs::exists(previous.string() + "-wal"));
    CHECK(ticketNumbers(previous).size() == 4);
    CHECK(ticketNumbers(live).size() == 2);
}

TEST_CASE(
    "a restore where the database file was deleted under its -wal restores the backup as it was "
    "and keeps the -wal and -shm aside",
    "[packaging][backup][multiprocess]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    takeTickets(live, 3);
    const auto backup = dir / "backup.db";
    REQUIRE(runMotcua(live, {"backup", backup.string()}).status == 0);
    crashAfterTwoTickets(live);
    const std::string wal = readFile(live.string() + "-wal");
    fs::remove(live);
    // What every command says now: the database is gone, its -wal is not; restore a backup.
    REQUIRE_THAT(runMotcua(live, {"status"}).err, Catch::Contains("motcua restore"));

    const auto r = runMotcua(live, {"--json", "restore", backup.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto out = r.json();
    CHECK(out["previous"].is_null());
    // The other database's -wal was never applied to the restored file: it is the backup, whole.
    CHECK(ticketNumbers(live) == ticketNumbers(backup));
    {
        q::Database conn(live.string(), q::OpenMode::ReadOnly, std::chrono::seconds(5));
        CHECK(q::checkIntegrity(conn, q::IntegrityDepth::Full) == "ok");
    }
    // The leftovers are kept under another name, as init keeps them, and the output says where.
    REQUIRE(out["kept_aside"].size() == 2);
    const std::string keptWal = out["kept_aside"][0].get<std::string>();
    CHECK_THAT(keptWal, Catch::StartsWith(live.string() + "-wal.orphan-"));
    CHECK(readFile(keptWal) == wal);
    CHECK_THAT(runMotcua(live, {"restore", backup.string()}).out, !Catch::Contains("orphan"));
    CHECK(runMotcua(live, {"take", "HT"}).status == 0);
    CHECK(ticketNumbers(live).size() == 4);
}

TEST_CASE("backup and restore clear temporary files a killed backup or restore left, not a running one's",
          "[packaging][backup]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    // A process id that is no longer running: a child that has exited and been reaped.
    const pid_t gone = ::fork();
    REQUIRE(gone >= 0);
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const auto folder = dir / "backups";
    fs::create_directory(folder);
    const auto target = folder / "today.db";
    const std::string deadTmp = fmt::format(".today.db.tmp-{}", gone);
    const std::string aliveTmp = fmt::format(".today.db.tmp-{}", ::getppid());  // our parent is running
    for (const std::string& name :
         {deadTmp, deadTmp + "-journal", aliveTmp, std::string(".today.db.notes-1")})
        writeFile(folder / name, "half a copy");
    REQUIRE(runMotcua(live, {"backup", target.string()}).status == 0);
    CHECK_FALSE(fs::exists(folder / deadTmp));
    CHECK_FALSE(fs::exists(folder / (deadTmp + "-journal")));
    CHECK(fs::exists(folder / aliveTmp));
    CHECK(fs::exists(folder / ".today.db.notes-1"));  // not one of ours

    const std::string deadRestore = fmt::format(".motcua.db.restore-{}", gone);
    writeFile(dir / deadRestore, "half a restore");
    REQUIRE(runMotcua(live, {"restore", target.string()}).status == 0);
    CHECK_FALSE(fs::exists(dir / deadRestore));
}

TEST_CASE("the daily backup clears what a killed one left under its own dated name", "[packaging][backup]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    const pid_t gone = ::fork();
    REQUIRE(gone >= 0);
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const auto folder = dir / "backups";
    fs::create_directory(folder);
    // Yesterday's timer run was killed: its temporary file has yesterday's name, never used again.
    const std::string dead = fmt::format(".motcua-20240101-183000.db.tmp-{}", gone);
    const std::string deadRestore = fmt::format(".motcua.db.restore-{}", gone);
    writeFile(folder / dead, "half a copy");
    writeFile(folder / (dead + "-journal"), "its journal");
    writeFile(dir / deadRestore, "half a restore");
    writeFile(folder / fmt::format(".holiday.jpg.tmp-{}", gone), "not ours");
    REQUIRE(runMotcua(live, {"backup", "--keep", "30", folder.string()}).status == 0);
    CHECK_FALSE(fs::exists(folder / dead));
    CHECK_FALSE(fs::exists(folder / (dead + "-journal")));
    CHECK_FALSE(fs::exists(dir / deadRestore));
    CHECK(fs::exists(folder / fmt::format(".holiday.jpg.tmp-{}", gone)));
    CHECK(q::listBackups(folder).size() == 1);
}

TEST_CASE("a backup ended by SIGTERM or SIGINT removes its temporary file",
          "[packaging][backup][multiprocess]") {
    TempDir dir;
    const auto live = dir / "motcua.db";
    REQUIRE(runMotcua(live, {"init"}).status == 0);
    {
        // 48 MB of data, so the copy and its integrity check take long enough to be interrupted.
        q::Database db(live.string(), q::OpenMode::ReadWrite, std::chrono::seconds(5));
        db.exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 48) "
            "INSERT INTO settings(key, value) SELECT 'padding-' || i, hex(randomblob(512 * 1024)) FROM n");
    }
    const int signal = GENERATE(SIGTERM, SIGINT);
    CAPTURE(signal);
    const auto target = dir / "copy.db";
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        // As in a real process: the signal's default action ends it (not Catch's fatal-signal report).
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
        const auto r = runMotcua(live, {"backup", target.string()});
        ::_exit(r.status == 0 ? 0 : 1);
    }
    const std::string temp = fmt::format(".copy.db.tmp-{}", pid);
    bool seen = false;
    for (int i = 0; i < 20000 && !seen; ++i) {
        seen = fs::exists(dir / temp);
        if (!seen) ::usleep(500);
    }
    REQUIRE(seen);
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    for (const auto& e : fs::directory_iterator(dir.path()))
        CHECK_THAT(e.path().filename().string(), !Catch::Contains(".tmp-"));
    CHECK_FALSE(fs::exists(target));
}
