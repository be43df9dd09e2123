// Officers' time from login/logout/break events (inserted with SQL, as report_fixture.h explains),
// events recorded without an officer, and period bounds in time zones far from UTC.
#include <catch2/catch.hpp>

#include "queue/settings_store.h"
#include "report_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

const OfficerRow* officer(const Report& r, const std::string& login) {
    for (const auto& o : r.perOfficer) {
        if (o.login == login) return &o;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("A login without logout ends at the officer's last action before the next login",
          "[report][sessions]") {
    ReportFixture f;
    f.insertStaffEvent("login", at(8, 0), f.lan, 1);
    f.take(at(8, 10), "HT");
    f.call(at(8, 20), 1, "A001", f.lan);
    f.start(at(8, 25), 1, f.lan);
    f.finish(at(8, 30), 1, f.lan);
    // lan moves to counter 2 at 09:00 without logging out at counter 1.
    f.insertStaffEvent("login", at(9, 0), f.lan, 2);
    f.insertStaffEvent("break_start", at(10, 0), f.lan, 2, {{"reason", "ăn trưa"}});
    f.insertStaffEvent("logout", at(11, 0), f.lan, 2);  // the break never ended: it ends with the session

    const auto r = f.report("2026-11-30", "2026-11-30");
    const auto* lan = officer(r, "lan");
    REQUIRE(lan);
    // Session 1: 08:00 – 08:30 (the finish, the last action before 09:00) = 30, unclosed.
    // Session 2: 09:00 – 11:00 = 120, with a break 10:00 – 11:00 = 60.
    CHECK(lan->sessions == 2);
    CHECK(lan->unclosedSessions == 1);
    CHECK(lan->loggedInMs == 150 * kMinute);
    CHECK(lan->breaks == 1);
    CHECK(lan->breakMs == 60 * kMinute);
    REQUIRE(lan->breakReasons.size() == 1);
    CHECK(lan->breakReasons[0].reason == "ăn trưa");
    CHECK(lan->servingMs == 5 * kMinute);

    SECTION("--counter 2 keeps only the session at counter 2") {
        const auto c2 = f.report("2026-11-30", "2026-11-30", std::nullopt, 2);
        const auto* l = officer(c2, "lan");
        REQUIRE(l);
        CHECK(l->sessions == 1);
        CHECK(l->loggedInMs == 120 * kMinute);
        CHECK(l->served == 0);
    }
}

TEST_CASE("Moves made without an officer get their own row", "[report][sessions]") {
    ReportFixture f;
    f.take(at(8, 0), "HT");
    f.call(at(8, 5), 1, "A001", {});  // e.g. from the CLI, nobody logged in
    f.start(at(8, 6), 1, {});
    f.finish(at(8, 9), 1, {});
    const auto r = f.report("2026-11-30", "2026-11-30");
    REQUIRE(r.perOfficer.size() == 1);
    CHECK_FALSE(r.perOfficer[0].id.has_value());
    CHECK(r.perOfficer[0].served == 1);
    CHECK(r.perOfficer[0].servingMs == 3 * kMinute);
    CHECK(r.perOfficer[0].sessions == 0);
    const auto text = f.cli({"report", "--from", "2026-11-30"});
    CHECK_THAT(text.out, Catch::Contains("(không ghi cán bộ)"));
}

TEST_CASE("Period bounds are local midnights, also fourteen hours east of UTC", "[report][sessions]") {
    ReportFixture f;
    // Kiribati's Line Islands are UTC+14: local noon of a date is still the previous UTC day.
    auto office = readSetting(f.db, "office");
    office["time_zone"] = "Pacific/Kiritimati";
    writeSetting(f.db, "office", office);
    // 2026-11-30 00:30 and 23:30 local = 2026-11-29 10:30 and 2026-11-30 09:30 UTC.
    const TimeMs kUtcMidnight1129 = kMonday0800 - 60 * kMinute - kDay;  // 2026-11-29T00:00Z
    f.insertStaffEvent("login", kUtcMidnight1129 + 10 * 60 * kMinute + 30 * kMinute, f.hoa, 3);
    f.insertStaffEvent("logout", kUtcMidnight1129 + 33 * 60 * kMinute + 30 * kMinute, f.hoa, 3);
    const auto day = f.report("2026-11-30", "2026-11-30");
    REQUIRE(officer(day, "hoa"));
    CHECK(officer(day, "hoa")->loggedInMs == 23 * 60 * kMinute);
    CHECK(day.timeZone == "Pacific/Kiritimati");
    CHECK_FALSE(officer(f.report("2026-11-29", "2026-11-29"), "hoa"));
    CHECK_FALSE(officer(f.report("2026-12-01", "2026-12-01"), "hoa"));
}
