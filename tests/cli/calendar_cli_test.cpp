#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "queue/business_calendar.h"
#include "queue/clock.h"
#include "support/cli_run.h"
#include "support/test_support.h"

using motcua::testing::readFile;
using motcua::testing::sourcePath;
using motcua::testing::TempDir;
using motcua::testing::writeFile;

namespace {

using Run = motcua::testing::CliResult;

// The example office on a clock set to a local time in Hà Nội.
struct Office {
    TempDir dir;
    std::string db = (dir / "motcua.db").string();
    std::string config = sourcePath("assets/office.toml").string();
    motcua::queue::BusinessCalendar zone{"Asia/Ho_Chi_Minh"};
    motcua::queue::ManualClock clock{motcua::testing::kOfficeHoursMorning};

    void at(const std::string& day, int hour, int minute) {
        clock.set(zone.instantOf(day, hour * 60 + minute));
    }
    Run operator()(const std::vector<std::string>& args) {
        return motcua::testing::runCli(motcua::testing::onOffice(db, config, args), &clock);
    }
};

}  // namespace

TEST_CASE("take is refused with exit 4 and the reason outside the issuing hours; calls go on",
          "[cli][issuing]") {
    Office office;
    office.at("2026-12-04", 10, 0);  // Friday
    REQUIRE(office({"init"}).status == 0);
    REQUIRE(office({"take", "HT"}).status == 0);

    office.at("2026-12-04", 16, 31);
    auto refused = office({"take", "HT"});
    CHECK(refused.status == 4);
    CHECK(refused.err ==
          "motcua: Numbers are no longer issued today. Please come back at 8:00 on Monday, 07/12/2026. "
          "(nothing was issued)\n");
    auto json = office({"--json", "take", "CT"});
    CHECK(json.status == 4);
    CHECK(nlohmann::json::parse(json.out)["exit"] == 4);

    office.at("2027-01-01", 9, 0);  // a public holiday
    CHECK_THAT(office({"take", "HT"}).err,
               Catch::Contains("closed today (New Year's Day)") && Catch::Contains("Monday, 04/01/2027"));

    // Back on Friday evening: the morning's ticket is still called and served.
    office.at("2026-12-04", 16, 40);
    CHECK(office({"call", "1"}).status == 0);
    CHECK(office({"status"}).status == 0);
}

TEST_CASE("take of a certification after 15:00 prints the next working day", "[cli][issuing]") {
    Office office;
    office.at("2026-12-04", 15, 10);
    REQUIRE(office({"init"}).status == 0);
    auto r = office({"--json", "take", "CT"});
    REQUIRE(r.status == 0);
    CHECK_THAT(nlohmann::json::parse(r.out)["note"].get<std::string>(),
               Catch::Contains("ngày làm việc tiếp theo, thứ Hai, 07/12/2026"));
}

TEST_CASE("motcua calendar shows the hours, the year's days off and make-up days, and the state now",
          "[cli][issuing]") {
    Office office;
    office.at("2026-12-07", 20, 5);  // Monday evening
    auto r = office({"calendar", "--year", "2026"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("  Mon 08:00–12:00, 13:30–17:00\n"));
    CHECK_THAT(r.out, Catch::Contains("  Sat closed\n"));
    CHECK_THAT(r.out, Catch::Contains("numbers stop 30 min before the day's last window closes"));
    CHECK_THAT(r.out, Catch::Contains("  2026-02-14 .. 2026-02-22  Tết Nguyên đán Bính Ngọ\n"));
    CHECK_THAT(r.out, Catch::Contains("  2026-01-10  Sat  (hours of Fri)"));
    CHECK_THAT(
        r.out,
        Catch::Contains(
            "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại lúc 8:00 sáng thứ Ba, 08/12/2026."));
    CHECK_THAT(r.out, Catch::Contains("warning: 2027 is incomplete"));
    auto j = office({"--json", "calendar"});
    REQUIRE(j.status == 0);
    const auto parsed = nlohmann::json::parse(j.out);
    CHECK(parsed["now"]["issuing"] == false);
    CHECK(parsed["years"].size() >= 2);
}

TEST_CASE("motcua calendar refuses a bad calendar file with its line, exit 2", "[cli][issuing]") {
    Office office;
    const auto bad = office.dir / "lich.toml";
    writeFile(
        bad, "[[years]]\nyear = 2026\nsource = \"x\"\n\n[[days_off]]\nfrom = \"2026-13-01\"\nname = \"X\"\n");
    auto r = office({"calendar", "--file", bad.string()});
    CHECK(r.status == 2);
    CHECK(r.err == "motcua: " + bad.string() + ":6: days_off.from: must be a date YYYY-MM-DD\n");
    // The office config naming a calendar that is not there.
    const auto config = office.dir / "office.toml";
    writeFile(config, readFile(sourcePath("assets/office.toml")));
    office.config = config.string();
    auto missing = office({"calendar"});
    CHECK(missing.status == 2);
    CHECK_THAT(missing.err, Catch::Contains((office.dir / "calendar.toml").string() + ":0: calendar file:"));
    CHECK(office({"init"}).status == 2);
}
