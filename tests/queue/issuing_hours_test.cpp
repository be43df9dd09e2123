#include "queue/issuing_hours.h"

#include <catch2/catch.hpp>

#include "queue/business_calendar.h"
#include "queue/office_config.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

// The example office (assets/office.toml and its calendar.toml): Monday to Friday 08:00–12:00 and
// 13:30–17:00, numbers until 16:30.
struct ExampleOffice {
    OfficeConfig config = loadOfficeConfig(sourcePath("assets/office.toml"));
    BusinessCalendar zone{"Asia/Ho_Chi_Minh"};
    IssuingHours hours{config};

    IssuingState at(const std::string& day, const std::string& hhmm, const std::string& service = {}) const {
        const int minute = std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
        return hours.at(zone.instantOf(day, minute), zone, service);
    }
    std::string local(TimeMs t) const { return zone.isoLocal(t); }
};

std::string calendarError(const std::string& toml) {
    try {
        parseOfficeCalendar(toml, "calendar.toml");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return {};
}

const std::string kYear2026 = "[[years]]\nyear = 2026\nsource = \"Văn bản 12729/VPCP-KGVX\"\n";

}  // namespace

TEST_CASE(
    "Numbers are issued inside the windows of a working day, and the closed kiosk says when they start again",
    "[issuing]") {
    const ExampleOffice office;
    REQUIRE(office.hours.enforced());
    // Friday 4 December 2026.
    struct Case {
        const char* time;
        bool open;
        const char* vi;
        const char* en;
    };
    auto c = GENERATE(
        Case{"06:00", false, "Bộ phận chưa đến giờ nhận số. Mời ông/bà quay lại lúc 8:00 sáng nay.",
             "Numbers are not issued yet. Please come back at 8:00 this morning."},
        Case{"07:59", false, "Bộ phận chưa đến giờ nhận số. Mời ông/bà quay lại lúc 8:00 sáng nay.", ""},
        Case{"08:00", true, "", ""}, Case{"11:59", true, "", ""},
        Case{"12:00", false, "Bộ phận đang nghỉ trưa. Mời ông/bà quay lại lúc 13:30 chiều nay.",
             "The office is on its lunch break. Please come back at 13:30 this afternoon."},
        Case{"13:29", false, "Bộ phận đang nghỉ trưa. Mời ông/bà quay lại lúc 13:30 chiều nay.", ""},
        Case{"13:30", true, "", ""}, Case{"16:29", true, "", ""},
        Case{"16:30", false,
             "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại lúc 8:00 sáng thứ Hai, 07/12/2026.",
             ""},
        Case{"16:31", false,
             "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại lúc 8:00 sáng thứ Hai, 07/12/2026.",
             "Numbers are no longer issued today. Please come back at 8:00 on Monday, 07/12/2026."},
        Case{"23:59", false,
             "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại lúc 8:00 sáng thứ Hai, 07/12/2026.",
             ""});
    CAPTURE(c.time);
    const auto state = office.at("2026-12-04", c.time);
    CHECK(state.open == c.open);
    CHECK(state.messageVi == c.vi);
    if (*c.en) CHECK(state.messageEn == c.en);
    if (c.open) {
        CHECK_FALSE(state.nextOpen);
        REQUIRE(state.issueUntilMinute);
        CHECK(*state.issueUntilMinute == (std::string(c.time) < "12:00" ? 12 * 60 : 16 * 60 + 30));
    } else {
        REQUIRE(state.nextOpen);
    }
}

TEST_CASE("The next opening is the instant the next window opens", "[issuing]") {
    const ExampleOffice office;
    CHECK(office.local(*office.at("2026-12-04", "16:31").nextOpen) == "2026-12-07T08:00:00+07:00");
    CHECK(office.local(*office.at("2026-12-04", "12:00").nextOpen) == "2026-12-04T13:30:00+07:00");
    CHECK(office.at("2026-12-04", "16:31").reason == IssuingClosed::DayOver);
    CHECK(office.at("2026-12-04", "12:00").reason == IssuingClosed::Break);
    CHECK(office.at("2026-12-04", "07:59").reason == IssuingClosed::BeforeOpening);
}

TEST_CASE("Weekends, public holidays and make-up Saturdays follow the calendar file", "[issuing]") {
    const ExampleOffice office;
    SECTION("a Saturday is not a working day") {
        const auto s = office.at("2026-12-05", "09:00");
        CHECK_FALSE(s.open);
        CHECK(s.reason == IssuingClosed::NotWorkingDay);
        CHECK(s.messageVi ==
              "Hôm nay Bộ phận không làm việc. Mời ông/bà quay lại lúc 8:00 sáng thứ Hai, 07/12/2026.");
        CHECK(s.messageEn == "The office is closed today. Please come back at 8:00 on Monday, 07/12/2026.");
    }
    SECTION("New Year's Day 2027, a Friday, reopens on Monday") {
        const auto s = office.at("2027-01-01", "09:00");
        CHECK_FALSE(s.open);
        CHECK(s.reason == IssuingClosed::DayOff);
        CHECK(s.dayOffName == "Tết Dương lịch");
        CHECK(s.messageVi ==
              "Hôm nay Bộ phận nghỉ (Tết Dương lịch), không nhận số. Mời ông/bà quay lại lúc 8:00 sáng thứ "
              "Hai, 04/01/2027.");
        CHECK(s.messageEn ==
              "The office is closed today (New Year's Day). Please come back at 8:00 on Monday, 04/01/2027.");
    }
    SECTION("the Monday in lieu of Giỗ Tổ 2026 (a Sunday) is a day off") {
        const auto s = office.at("2026-04-27", "08:30");
        CHECK(s.reason == IssuingClosed::DayOff);
        CHECK_THAT(s.messageVi, Catch::EndsWith("quay lại lúc 8:00 sáng thứ Ba, 28/04/2026."));
    }
    SECTION("the last afternoon before Tết 2026 sends people to after the nine days off") {
        const auto s = office.at("2026-02-13", "16:45");
        CHECK(s.reason == IssuingClosed::DayOver);
        CHECK_THAT(s.messageVi, Catch::EndsWith("quay lại lúc 8:00 sáng thứ Hai, 23/02/2026."));
        CHECK(office.at("2026-02-18", "09:00").reason == IssuingClosed::DayOff);
    }
    SECTION("Saturday 10 January 2026 is worked with Friday's hours") {
        CHECK(office.at("2026-01-10", "08:00").open);
        CHECK(office.at("2026-01-10", "16:29").open);
        CHECK_FALSE(office.at("2026-01-10", "16:31").open);
        CHECK(office.hours.day("2026-01-10").workingDayName ==
              "Làm bù ngày 02/01/2026 (Văn bản 12729/VPCP-KGVX)");
        // Friday 2 January is the day it was swapped with.
        CHECK(office.at("2026-01-02", "09:00").reason == IssuingClosed::DayOff);
        CHECK_THAT(office.at("2026-01-02", "09:00").messageVi,
                   Catch::EndsWith("8:00 sáng thứ Hai, 05/01/2026."));
    }
}

TEST_CASE("A service may stop issuing earlier than the office", "[issuing]") {
    auto config = loadOfficeConfig(sourcePath("assets/office.toml"));
    for (auto& s : config.services)
        if (s.code == "DD") s.cutoffMinutes = 60;
    const IssuingHours hours(config);
    const BusinessCalendar zone("Asia/Ho_Chi_Minh");
    const auto at1615 = zone.instantOf("2026-12-04", 16 * 60 + 15);
    CHECK(hours.at(at1615, zone, "HT").open);
    CHECK_FALSE(hours.at(at1615, zone, "DD").open);
    CHECK(hours.at(at1615, zone, "DD").reason == IssuingClosed::DayOver);
}

TEST_CASE("An office without opening hours issues at any hour", "[issuing]") {
    const auto config = parseOfficeConfig(kTestOfficeToml, "test.toml");
    const IssuingHours hours(config);
    const BusinessCalendar zone("Asia/Ho_Chi_Minh");
    CHECK_FALSE(hours.enforced());
    CHECK(hours.at(zone.instantOf("2027-01-01", 3 * 60), zone).open);
}

TEST_CASE("Certification after 15:00 carries the next working day on the ticket", "[issuing]") {
    const ExampleOffice office;
    const auto at = [&](const std::string& day, int minute) { return office.zone.instantOf(day, minute); };
    CHECK_FALSE(office.hours.lateNote(at("2026-12-04", 14 * 60 + 59), office.zone, "CT"));
    CHECK_FALSE(office.hours.lateNote(at("2026-12-04", 15 * 60 + 30), office.zone, "HT"));
    const auto late = office.hours.lateNote(at("2026-12-04", 15 * 60), office.zone, "CT");
    REQUIRE(late);
    CHECK(late->first ==
          "Yêu cầu chứng thực tiếp nhận sau 15 giờ: kết quả trả trong ngày làm việc tiếp theo, thứ Hai, "
          "07/12/2026 "
          "(Nghị định 23/2015/NĐ-CP, Điều 7).");
    CHECK_THAT(late->second, Catch::Contains("within the next working day, Monday, 07/12/2026"));
    // Before Tết the next working day is after it.
    CHECK_THAT(office.hours.lateNote(at("2026-02-13", 15 * 60 + 10), office.zone, "CT")->first,
               Catch::Contains("thứ Hai, 23/02/2026"));
}

TEST_CASE("take() refuses outside the windows, and calls go on after closing", "[issuing][take]") {
    TempDir dir;
    TestDatabase store(dir.path());
    // Friday 4 December 2026, 07:59.
    const BusinessCalendar zone("Asia/Ho_Chi_Minh");
    ManualClock clock(zone.instantOf("2026-12-04", 7 * 60 + 59));
    auto db = openStore(store.location(), OpenPurpose::Initialise);
    applyOfficeConfig(db, loadOfficeConfig(sourcePath("assets/office.toml")), clock);
    QueueService queue(db, clock);
    const auto events = [&] { return db.queryInt("SELECT COUNT(*) FROM events"); };

    const auto before = events();
    auto early = queue.take("HT");
    CHECK(early.outcome == Outcome::OutsideHours);
    CHECK(early.message ==
          "Numbers are not issued yet. Please come back at 8:00 this morning. (nothing was issued)");
    CHECK(events() == before);
    CHECK_FALSE(queue.issuingState("HT").open);

    clock.advanceMinutes(1);  // 08:00
    REQUIRE(queue.take("HT").ok());
    REQUIRE(queue.take("CT").ok());
    clock.set(zone.instantOf("2026-12-04", 15 * 60 + 5));
    const auto late = queue.take("CT");
    REQUIRE(late.ok());
    CHECK_THAT(late.value->ticketNote, Catch::Contains("thứ Hai, 07/12/2026"));
    CHECK_THAT(late.value->ticketNoteEn, Catch::Contains("Monday, 07/12/2026"));
    // A reprint says the same.
    CHECK(queue.estimate(late.value->ticket.number)->ticketNote == late.value->ticketNote);

    clock.set(zone.instantOf("2026-12-04", 16 * 60 + 31));
    const auto after = queue.take("HT", std::string("cao_tuoi"));
    CHECK(after.outcome == Outcome::OutsideHours);
    CHECK_THAT(after.message,
               Catch::StartsWith(
                   "Numbers are no longer issued today. Please come back at 8:00 on Monday, 07/12/2026."));
    // The tickets already issued are still called and served.
    const auto called = queue.callNext(1);
    REQUIRE(called.ok());
    CHECK(called.value->ticket.number == "A001");
    CHECK(queue.start(1).ok());
    CHECK(queue.finish(1).ok());
}

TEST_CASE("Calendar file errors name the file, the line and the key, and the bundled file parses",
          "[issuing][config]") {
    CHECK(calendarError(kYear2026 + "[[days_off]]\nfrom = \"2026-01-01\"\nname = \"Tết Dương lịch\"\n")
              .empty());
    struct Case {
        std::string text, expect;
    };
    auto c = GENERATE_COPY(
        Case{"[[days_off]]\nfrom = \"2026-01-01\"\nname = \"Tết\"\n",
             "calendar.toml:2: days_off.from: 2026 has no [[years]] entry"},
        Case{kYear2026 + "[[days_off]]\nfrom = \"2026-02-30\"\nname = \"X\"\n",
             "calendar.toml:5: days_off.from: must be a date YYYY-MM-DD"},
        Case{kYear2026 + "[[days_off]]\nfrom = \"1/1/2026\"\nname = \"X\"\n",
             "calendar.toml:5: days_off.from: must be a date"},
        Case{kYear2026 + "[[days_off]]\nfrom = \"2026-01-04\"\nto = \"2026-01-01\"\nname = \"X\"\n",
             "calendar.toml:6: days_off.to: is before from"},
        Case{kYear2026 + "[[days_off]]\nfrom = \"2026-01-01\"\n", "calendar.toml:4: days_off.name: missing"},
        Case{kYear2026 + "[[days_off]]\nfrom = \"2026-01-01\"\nname = \"X\"\ncolour = 1\n",
             "calendar.toml:7: days_off.colour: unknown key"},
        Case{kYear2026 + "[[days_off]]\nfrom = \"2026-01-01\"\nname = \"X\"\n[[working_days]]\ndate = "
                         "\"2026-01-01\"\nname = \"Y\"\n",
             "calendar.toml:8: working_days.date: 2026-01-01 is also a day off"},
        Case{kYear2026 + "[[working_days]]\ndate = \"2026-01-10\"\nname = \"Y\"\nhours_of = 8\n",
             "calendar.toml:7: working_days.hours_of: must be between 1 and 7"},
        Case{"[[years]]\nyear = 2026\n", "calendar.toml:1: years.source: missing"},
        Case{kYear2026 + kYear2026, "calendar.toml:5: years.year: 2026 is listed twice"},
        Case{"[[years]\nyear = 2026\n", "calendar.toml:1:"});
    CAPTURE(c.text);
    CHECK_THAT(calendarError(c.text), Catch::StartsWith(c.expect));
    const auto bundled = loadOfficeCalendar(sourcePath("assets/calendar.toml"));
    CHECK(bundled.years.size() >= 2);
    for (const auto& y : bundled.years) CHECK_FALSE(y.source.empty());
}

TEST_CASE("A missing calendar file is named with the office config's setting", "[issuing][config]") {
    TempDir dir;
    const auto office = dir / "office.toml";
    writeFile(office, std::string(kTestOfficeToml)
                          .replace(std::string(kTestOfficeToml).find("[office]\n"), 9,
                                   "[office]\ncalendar = \"lich.toml\"\n"));
    try {
        loadOfficeConfig(office);
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK_THAT(e.what(), Catch::StartsWith((dir / "lich.toml").string() + ":0: calendar file:"));
    }
}

TEST_CASE("A running program takes edited hours and calendar from motcua init without a restart",
          "[issuing][reload]") {
    TempDir dir;
    TestDatabase store(dir.path());
    // Friday 4 December 2026, 16:05: the office issues until 16:30.
    const BusinessCalendar zone("Asia/Ho_Chi_Minh");
    ManualClock clock(zone.instantOf("2026-12-04", 16 * 60 + 5));
    auto db = openStore(store.location(), OpenPurpose::Initialise);
    auto config = loadOfficeConfig(sourcePath("assets/office.toml"));
    applyOfficeConfig(db, config, clock);
    QueueService queue(db, clock);  // a kiosk, running
    CHECK(queue.issuingState("DD").open);
    CHECK_FALSE(queue.reloadSettings());  // nothing changed: nothing taken again

    // `motcua init` in another process: land files stop at 16:00, and Friday becomes a day off.
    for (auto& s : config.services)
        if (s.code == "DD") s.cutoffMinutes = 60;
    {
        auto other = openStore(store.location(), OpenPurpose::Use);
        applyOfficeConfig(other, config, clock);
    }
    CHECK(queue.issuingState("DD").open);  // not read yet
    CHECK(queue.reloadSettings());
    CHECK_FALSE(queue.issuingState("DD").open);
    CHECK(queue.issuingState("HT").open);
    CHECK(queue.take("DD").outcome == Outcome::OutsideHours);
    REQUIRE(queue.take("HT").ok());

    config.calendar.daysOff.push_back({"2026-12-04", "2026-12-04", "Nghỉ bù", "Day off"});
    {
        auto other = openStore(store.location(), OpenPurpose::Use);
        applyOfficeConfig(other, config, clock);
    }
    CHECK(queue.reloadSettings());
    const auto state = queue.issuingState();
    CHECK_FALSE(state.open);
    CHECK(state.reason == IssuingClosed::DayOff);
    CHECK_FALSE(queue.reloadSettings());
}
