#include "queue/store.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "queue/sqlite.h"
#include "support/test_support.h"

using namespace motcua::queue;
using motcua::testing::readFile;
using motcua::testing::TempDir;
using motcua::testing::writeFile;
namespace fs = std::filesystem;

namespace {

// Runs fn in a child process as an unprivileged user (root ignores file permissions); returns
// true when fn returned true.
bool asNobody(const std::function<bool()>& fn) {
    const pid_t pid = fork();
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
        _exit(fn() ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string refusal(const std::filesystem::path& path, OpenPurpose purpose = OpenPurpose::Use) {
    try {
        openStore(path, purpose);
    } catch (const StoreRefused& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("A new database is created in WAL mode with the latest schema", "[store][sqlite-only]") {
    TempDir dir;
    auto db = openStore(dir / "sub/motcua.db", OpenPurpose::Initialise);
    CHECK(db.queryInt("PRAGMA user_version") == latestSchemaVersion());
    CHECK(db.queryInt("PRAGMA application_id") == kApplicationId);
    CHECK(db.queryInt("PRAGMA foreign_keys") == 1);
    CHECK(db.queryInt("PRAGMA synchronous") == 2);
    Statement mode(db, "PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.getText(0) == "wal");
    CHECK(db.queryInt("PRAGMA integrity_check = 1") == 0);  // "ok" reads as 0
}

TEST_CASE("Opening again keeps the data; init may take over an empty file", "[store][sqlite-only]") {
    TempDir dir;
    {
        auto db = openStore(dir / "a.db", OpenPurpose::Initialise);
        db.exec("INSERT INTO settings VALUES('probe', 'x')");
    }
    auto again = openStore(dir / "a.db", OpenPurpose::Use);
    CHECK(again.queryInt("SELECT COUNT(*) FROM settings WHERE key = 'probe'") == 1);

    writeFile(dir / "empty.db", "");
    CHECK_NOTHROW(openStore(dir / "empty.db", OpenPurpose::Initialise));
}

TEST_CASE("Files that are not ours are refused with one line and left untouched", "[store][sqlite-only]") {
    TempDir dir;
    SECTION("missing database, for anything but init") {
        CHECK_THAT(refusal(dir / "none.db"), Catch::Contains("motcua init"));
        CHECK_FALSE(std::filesystem::exists(dir / "none.db"));
    }
    SECTION("a text file") {
        writeFile(dir / "notes.txt", "Danh sách thủ tục\nnot a database\n");
        const auto before = readFile(dir / "notes.txt");
        CHECK_THAT(refusal(dir / "notes.txt"), Catch::Contains("not an SQLite database"));
        CHECK_THAT(refusal(dir / "notes.txt", OpenPurpose::Initialise),
                   Catch::Contains("not an SQLite database"));
        CHECK(readFile(dir / "notes.txt") == before);
    }
    SECTION("an SQLite database of another program") {
        sqlite3* raw = nullptr;
        sqlite3_open((dir / "other.db").c_str(), &raw);
        sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr, nullptr);
        sqlite3_close(raw);
        const auto before = readFile(dir / "other.db");
        CHECK_THAT(refusal(dir / "other.db", OpenPurpose::Initialise), Catch::Contains("not a motcua one"));
        CHECK(readFile(dir / "other.db") == before);
        CHECK_FALSE(std::filesystem::exists(dir / "other.db-wal"));
    }
    SECTION("a database from a newer motcua") {
        { openStore(dir / "new.db", OpenPurpose::Initialise).exec("PRAGMA user_version = 9999"); }
        const auto before = readFile(dir / "new.db");
        const auto message = refusal(dir / "new.db");
        CHECK_THAT(message, Catch::Contains("newer motcua") && Catch::Contains("9999"));
        CHECK(readFile(dir / "new.db") == before);
    }
    SECTION("an empty file, for anything but init") {
        writeFile(dir / "empty.db", "");
        CHECK_THAT(refusal(dir / "empty.db"), Catch::Contains("motcua init"));
        CHECK(readFile(dir / "empty.db").empty());
    }
    SECTION("a directory") {
        std::filesystem::create_directory(dir / "adir");
        CHECK_THAT(refusal(dir / "adir"), Catch::Contains("not a regular file"));
    }
}

TEST_CASE("A read-only database or directory is refused", "[store][sqlite-only]") {
    TempDir dir;
    { openStore(dir / "ro.db", OpenPurpose::Initialise); }
    std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
    chmod((dir / "ro.db").c_str(), 0444);
    const auto before = readFile(dir / "ro.db");
    CHECK(asNobody([&] { return refusal(dir / "ro.db").find("not writable") != std::string::npos; }));
    CHECK(readFile(dir / "ro.db") == before);

    std::filesystem::create_directory(dir / "locked");
    chmod((dir / "ro.db").c_str(), 0666);
    std::filesystem::copy_file(dir / "ro.db", dir / "locked/db.db");
    chmod((dir / "locked/db.db").c_str(), 0666);
    chmod((dir / "locked").c_str(), 0555);
    CHECK(asNobody([&] {
        return refusal(dir / "locked/db.db").find("directory is not writable") != std::string::npos;
    }));
    chmod((dir / "locked").c_str(), 0755);
}

TEST_CASE("Anything that looks like a URL is taken for one: an unknown scheme is refused, no file is made",
          "[store]") {
    TempDir dir;
    const auto before = fs::current_path();
    fs::current_path(dir.path());
    const char* location =
        GENERATE("postgresql:/motcua@127.0.0.1:5432/motcua", "mysql://motcua@localhost/motcua",
                 "sqlite://x.db", "http://10.0.0.2/motcua", "postgresq://a@b/c");
    CAPTURE(location);
    try {
        (void)openStore(location, OpenPurpose::Initialise);
        fs::current_path(before);
        FAIL("opened " << location);
    } catch (const StoreRefused& e) {
        CHECK_THAT(e.what(), Catch::Contains("postgresql://"));
    }
    CHECK(fs::is_empty(dir.path()));
    fs::current_path(before);
    CHECK(looksLikeUrl("postgresql://kiosk@10.0.0.2/motcua"));
    CHECK_FALSE(looksLikeUrl("/var/lib/motcua/motcua.db"));
    CHECK_FALSE(looksLikeUrl("motcua.db"));
    CHECK_FALSE(looksLikeUrl("backups:2026/x.db"));
}

namespace {
std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}
}  // namespace

TEST_CASE("An SQLite error says SQLite's words once", "[store][sqlite-only]") {
    // What a damaged file gave before: "malformed (database disk image is malformed)".
    const SqliteError corrupt("sqlite3_step", SQLITE_CORRUPT, "database disk image is malformed");
    CHECK(std::string(corrupt.what()) == "sqlite3_step failed: database disk image is malformed");
    CHECK(corrupt.kind() == DatabaseError::Kind::Corrupt);
    // A message that adds something keeps SQLite's generic text after it, once.
    const SqliteError busy("BEGIN", SQLITE_BUSY, "database is locked by another writer");
    CHECK(occurrences(busy.what(), "database is locked") ==
          2);  // the detail, then the generic "(database is locked)"
    CHECK(occurrences(busy.what(), "(database is locked)") == 1);
    // And from a real failure.
    TempDir dir;
    Database db((dir / "x.db").string(), OpenMode::ReadWriteCreate, std::chrono::seconds(1));
    try {
        Statement st(db, "SELECT * FROM no_such_table");
        FAIL("prepared a statement on a missing table");
    } catch (const SqliteError& e) {
        CHECK(occurrences(e.what(), "no such table: no_such_table") == 1);
        CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
}
