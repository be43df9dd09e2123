#include <catch2/catch.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "support/cli_run.h"
#include "support/test_support.h"

using motcua::testing::sourcePath;
using motcua::testing::TempDir;

namespace {

using Run = motcua::testing::CliResult;

// The motcua command in-process, with `stdin` as its standard input.
struct StaffCli {
    TempDir dir;
    std::string db = (dir / "motcua.db").string();
    std::string config = sourcePath("assets/office.toml").string();

    Run operator()(const std::vector<std::string>& args, const std::string& stdinText = "") const {
        return motcua::testing::runCli(motcua::testing::onOffice(db, config, args), nullptr, stdinText);
    }
};

}  // namespace

TEST_CASE("motcua staff list shows the office's officers and whether they have a PIN", "[cli][staff]") {
    StaffCli cli;
    REQUIRE(cli({"init"}).status == 0);
    auto text = cli({"staff", "list"});
    REQUIRE(text.status == 0);
    CHECK_THAT(text.out, Catch::Contains("canbo1") && Catch::Contains("officer") &&
                             Catch::Contains("no PIN") &&
                             Catch::Contains("Trưởng Điểm Phục vụ hành chính công"));
    auto json = cli({"--json", "staff", "list"});
    REQUIRE(json.status == 0);
    const auto staff = nlohmann::json::parse(json.out)["staff"];
    REQUIRE(staff.size() == 3);
    CHECK(staff[0].contains("has_pin"));
    for (const auto& s : staff) CHECK(s["has_pin"] == false);
}

TEST_CASE("motcua staff set-pin reads the PIN from standard input and stores only its hash", "[cli][staff]") {
    StaffCli cli;
    REQUIRE(cli({"init"}).status == 0);
    auto set = cli({"staff", "set-pin", "canbo1"}, "482916\n");
    INFO(set.err);
    REQUIRE(set.status == 0);
    CHECK_THAT(set.out, Catch::Contains("PIN set for canbo1"));
    CHECK(set.out.find("482916") == std::string::npos);

    auto db = motcua::queue::openStore(cli.db, motcua::queue::OpenPurpose::Use);
    motcua::queue::SystemClock clock;
    motcua::queue::StaffService staff(db, clock);
    CHECK(staff.find("canbo1")->hasPin);
    CHECK(db.queryInt("SELECT COUNT(*) FROM staff WHERE pin_hash LIKE '%482916%'") == 0);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE detail LIKE '%482916%'") == 0);
    CHECK(staff.login("canbo1", "482916", 1).outcome == motcua::queue::LoginOutcome::Ok);

    SECTION("bad input changes nothing") {
        CHECK(cli({"staff", "set-pin", "canbo1"}, "12\n").status == 2);
        CHECK(cli({"staff", "set-pin", "canbo1"}, "").status == 2);
        CHECK(cli({"staff", "set-pin", "nobody"}, "1234\n").status == 2);
        CHECK(staff.login("canbo1", "482916", 1).outcome == motcua::queue::LoginOutcome::Ok);
    }
    SECTION("the PIN is never accepted as an argument") {
        auto r = cli({"staff", "set-pin", "canbo2", "1234"}, "");
        CHECK(r.status == 2);
        CHECK_FALSE(staff.find("canbo2")->hasPin);
    }
}

TEST_CASE("motcua staff set-pin refuses a PIN that is too short or too easy", "[cli][staff][pin]") {
    StaffCli cli;
    REQUIRE(cli({"init"}).status == 0);
    for (const std::string pin : {"0000", "1234", "000000", "123456", "121212", "987654"}) {
        CAPTURE(pin);
        const auto r = cli({"staff", "set-pin", "canbo1"}, pin + "\n");
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("6 to 8 digits"));
    }
    for (const auto& s : nlohmann::json::parse(cli({"--json", "staff", "list"}).out)["staff"])
        CHECK(s["has_pin"] == false);
    CHECK(cli({"staff", "set-pin", "canbo1"}, "580417\n").status == 0);
}
