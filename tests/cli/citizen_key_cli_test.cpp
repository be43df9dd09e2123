// `motcua init` creates the office's key for citizen ids when [citizen_id] is switched on: once,
// private, never replaced (issue 19).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "queue/clock.h"
#include "support/test_office.h"
#include "support/test_support.h"

using namespace motcua::testing;

namespace {

struct Run {
    int status;
    std::string out;
    std::string err;
};

Run motcuaCli(const TempDir& dir, std::vector<std::string> args) {
    std::vector<std::string> all = {"motcua", "--db", (dir / "motcua.db").string(), "--config",
                                    (dir / "office.toml").string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<const char*> argv;
    for (auto& a : all) argv.push_back(a.c_str());
    std::ostringstream out, err;
    motcua::queue::ManualClock clock{kOfficeHoursMorning};
    const int status = motcua::cli::run(static_cast<int>(argv.size()), argv.data(), out, err, clock);
    return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("init creates the citizen key once, private, and keeps it", "[cli][citizen]") {
    TempDir dir;
    std::string office = readFile(sourcePath("assets/office.toml"));
    const auto off = office.find("[citizen_id]\nenabled = false");
    REQUIRE(off != std::string::npos);
    office.replace(off, std::string("[citizen_id]\nenabled = false").size(), "[citizen_id]\nenabled = true");
    writeFile(dir / "office.toml", office);
    writeFile(dir / "calendar.toml", readFile(sourcePath("assets/calendar.toml")));

    auto first = motcuaCli(dir, {"--json", "init"});
    INFO(first.err);
    REQUIRE(first.status == 0);
    const auto key = dir / "citizen.key";
    CHECK(nlohmann::json::parse(first.out)["citizen_key"]["created"] == true);
    struct stat st {};
    REQUIRE(::stat(key.c_str(), &st) == 0);
    CHECK((st.st_mode & 0007) == 0);
    CHECK((st.st_mode & 0070 & ~0040) == 0);
    const std::string bytes = readFile(key);

    auto second = motcuaCli(dir, {"init"});
    REQUIRE(second.status == 0);
    CHECK_THAT(second.out, Catch::Contains("citizen key kept"));
    CHECK(readFile(key) == bytes);  // never replaced

    SECTION("a key others may read is refused, and init says why") {
        REQUIRE(::chmod(key.c_str(), 0644) == 0);
        auto refused = motcuaCli(dir, {"init"});
        CHECK(refused.status != 0);
        CHECK_THAT(refused.err, Catch::Contains("others may read it"));
    }
}

TEST_CASE("init makes no key while the office reads no ID cards", "[cli][citizen]") {
    TempDir dir;
    writeFile(dir / "office.toml", readFile(sourcePath("assets/office.toml")));
    writeFile(dir / "calendar.toml", readFile(sourcePath("assets/calendar.toml")));
    REQUIRE(motcuaCli(dir, {"init"}).status == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "citizen.key"));
}
