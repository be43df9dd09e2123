// Commands that write a file (report --out, print --to file:, printer test, print-preview, catalogue
// export, backup) never replace the database in use, its -wal/-shm, another database without
// --force, or anything that is not a regular file.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "queue/clock.h"
#include "queue/file_access.h"
#include "queue/sqlite.h"
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

using Run = motcua::testing::CliResult;

struct Office {
    TempDir dir;
    fs::path db = dir / "motcua.db";
    fs::path config = sourcePath("assets/office.toml");
    // Inside the example office's issuing hours.
    mutable q::ManualClock clock{motcua::testing::kOfficeHoursMorning};

    Run operator()(const std::vector<std::string>& args) const {
        return motcua::testing::runCli(motcua::testing::onOffice(db.string(), config.string(), args), &clock);
    }

    std::int64_t tickets() const {
        q::Database conn(db.string(), q::OpenMode::ReadOnly, std::chrono::seconds(5));
        return conn.queryInt("SELECT count(*) FROM tickets");
    }
};

// The commands that write one output file, with the file they would write.
std::vector<std::string> writing(const std::string& command, const fs::path& target,
                                 const fs::path& ticketFile) {
    if (command == "report") return {"report", "--format", "html", "--out", target.string()};
    if (command == "print") return {"print", "A001", "--to", "file:" + target.string()};
    if (command == "printer test") return {"printer", "test", "--to", "file:" + target.string()};
    if (command == "print-preview") return {"print-preview", ticketFile.string(), target.string()};
    return {"backup", "--force", target.string()};
}

}  // namespace

TEST_CASE("No output file replaces the database in use or its -wal and -shm, not even with --force",
          "[cli][output]") {
    Office office;
    REQUIRE(office({"init"}).status == 0);
    REQUIRE(office({"take", "HT"}).status == 0);
    const fs::path ticket = office.dir / "ticket.bin";
    REQUIRE(office({"print", "A001", "--to", "file:" + ticket.string()}).status == 0);
    // Another program has the database open, as the kiosk would: its -wal and -shm are there.
    q::Database kiosk(office.db.string(), q::OpenMode::ReadWrite, std::chrono::seconds(5));
    REQUIRE(kiosk.queryInt("SELECT count(*) FROM tickets") == 1);
    REQUIRE(fs::exists(office.db.string() + "-wal"));
    REQUIRE(fs::exists(office.db.string() + "-shm"));
    fs::create_symlink(office.db, office.dir / "link.db");

    const auto command =
        GENERATE(as<std::string>{}, "report", "print", "printer test", "print-preview", "backup");
    const auto target =
        GENERATE(as<std::string>{}, "motcua.db", "motcua.db-wal", "motcua.db-shm", "link.db", "./motcua.db");
    CAPTURE(command, target);
    auto args = writing(command, office.dir / target, ticket);
    if (command != "backup") args.push_back("--force");
    const auto r = office(args);
    CHECK(r.status == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::Contains("database in use") || Catch::Contains("live database"));
    CHECK(fs::is_symlink(office.dir / "link.db"));
    CHECK(kiosk.queryInt("SELECT count(*) FROM tickets") == 1);
    CHECK(kiosk.queryInt("PRAGMA quick_check = 1") == 0);  // "ok"
    CHECK(office.tickets() == 1);
}

TEST_CASE("Another database is replaced only with --force; a FIFO or a folder never", "[cli][output]") {
    Office office;
    REQUIRE(office({"init"}).status == 0);
    REQUIRE(office({"take", "HT"}).status == 0);
    const fs::path ticket = office.dir / "ticket.bin";
    REQUIRE(office({"print", "A001", "--to", "file:" + ticket.string()}).status == 0);
    const fs::path other = office.dir / "other.db";
    REQUIRE(office({"backup", other.string()}).status == 0);
    const std::string otherBytes = readFile(other);
    REQUIRE(q::databaseKind(other) == q::DatabaseKind::Motcua);

    const auto command = GENERATE(as<std::string>{}, "report", "print", "printer test", "print-preview");
    CAPTURE(command);
    SECTION("a motcua database") {
        auto r = office(writing(command, other, ticket));
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("is a motcua database") && Catch::Contains("--force"));
        CHECK(readFile(other) == otherBytes);
        auto args = writing(command, other, ticket);
        args.push_back("--force");
        r = office(args);
        INFO(r.err);
        CHECK(r.status == 0);
        CHECK(q::databaseKind(other) == q::DatabaseKind::NotDatabase);
    }
    SECTION("another program's SQLite database and the -wal beside a database") {
        const fs::path photos = office.dir / "photos.sqlite";
        {
            q::Database conn(photos.string(), q::OpenMode::ReadWriteCreate, std::chrono::seconds(1));
            conn.exec("CREATE TABLE photo(id INTEGER PRIMARY KEY)");
        }
        auto r = office(writing(command, photos, ticket));
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("an SQLite database"));
        CHECK(q::databaseKind(photos) == q::DatabaseKind::Sqlite);
        r = office(writing(command, other.string() + "-wal", ticket));
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("wal file of the database"));
        CHECK_FALSE(fs::exists(other.string() + "-wal"));
    }
    SECTION("a FIFO or a folder, even with --force") {
        const fs::path fifo = office.dir / "pipe";
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        const fs::path folder = office.dir / "folder.png";
        fs::create_directory(folder);
        for (const auto& target : {fifo, folder}) {
            auto args = writing(command, target, ticket);
            args.push_back("--force");
            const auto r = office(args);
            CHECK(r.status == 2);
            CHECK_THAT(r.err, Catch::Contains("refusing to replace it"));
        }
        CHECK(fs::is_fifo(fifo));
        CHECK(fs::is_directory(folder));
    }
    CHECK(office.tickets() == 1);
}

TEST_CASE("report and catalogue export check every file they would write before writing any",
          "[cli][output]") {
    Office office;
    REQUIRE(office({"init"}).status == 0);
    const fs::path folder = office.dir / "out";
    fs::create_directory(folder);
    // A link named like one of the files, pointing at the database in use.
    SECTION("catalogue export") {
        fs::create_symlink(office.db, folder / "procedures.tsv");
        const auto r = office({"catalogue", "export", folder.string(), "--force"});
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("database in use"));
        CHECK_FALSE(fs::exists(folder / "fields.tsv"));
    }
    SECTION("report, one CSV file per table") {
        fs::create_symlink(office.db, folder / "report.csv");
        const auto r = office({"report", "--format", "csv", "--out", folder.string() + "/", "--force"});
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("database in use"));
        std::size_t files = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++files;
        CHECK(files == 1);
    }
    CHECK(q::databaseKind(office.db) == q::DatabaseKind::Motcua);
    CHECK(office({"status"}).status == 0);
}

TEST_CASE("init refuses a file: printer that would write over the database", "[cli][output][config]") {
    Office office;
    const fs::path config = office.dir / "office.toml";
    std::string text = readFile(sourcePath("assets/office.toml"));
    const auto at = text.find("[printer]");
    REQUIRE(at != std::string::npos);
    text = text.substr(0, at) + "[printer]\nuri = \"file:" + office.db.string() + "\"\n";
    writeFile(config, text);
    writeFile(office.dir / "calendar.toml",
              readFile(sourcePath("assets/calendar.toml")));  // beside it, as bundled
    REQUIRE(office({"init"}).status == 0);                    // with the bundled config
    office.config = config;
    const auto r = office({"init"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("printer.uri") && Catch::Contains("database in use"));
}

TEST_CASE("An output file is written beside its target and renamed; a stranger's temporary name is kept",
          "[cli][output]") {
    TempDir dir;
    const fs::path target = dir / "report.html";
    writeFile(target, "old");
    q::writeFileAtomically(target, "new");
    CHECK(readFile(target) == "new");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
    CHECK(files == 1);
    // A file that happens to have the temporary's name is not ours: it is neither truncated nor
    // renamed, and the write is refused.
    const fs::path squatter = dir / fmt::format(".report.html.tmp-{}", ::getpid());
    writeFile(squatter, "someone's notes");
    CHECK_THROWS_AS(q::writeFileAtomically(target, "newer"), q::FileAccessError);
    CHECK(readFile(squatter) == "someone's notes");
    CHECK(readFile(target) == "new");
}
