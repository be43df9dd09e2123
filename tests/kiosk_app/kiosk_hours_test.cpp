// The kiosk at the edges of the issuing hours of the example office (Monday to Friday 08:00–12:00 and
// 13:30–17:00, numbers until 16:30, assets/calendar.toml): scripted runs on a clock set to each hour,
// in both orientations, with large text and in English, checked against the database and the screen.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "kiosk_fixture.h"
#include "queue/business_calendar.h"
#include "queue/queue_service.h"

using namespace motcua;
using motcua::testing::KioskFixture;

namespace {

struct Moment {
    const char* name;  // screenshot folder
    const char* day;
    int minute;
    const char* closedVi;  // nullptr: numbers are issued
    const char* closedEn;
};

const Moment kMoments[] = {
    {"0600", "2026-12-04", 6 * 60, "Bộ phận chưa đến giờ nhận số. Mời ông/bà quay lại lúc 8:00 sáng nay.",
     "Numbers are not issued yet. Please come back at 8:00 this morning."},
    {"0759", "2026-12-04", 7 * 60 + 59,
     "Bộ phận chưa đến giờ nhận số. Mời ông/bà quay lại lúc 8:00 sáng nay.",
     "Numbers are not issued yet. Please come back at 8:00 this morning."},
    {"0800", "2026-12-04", 8 * 60, nullptr, nullptr},
    {"1159", "2026-12-04", 11 * 60 + 59, nullptr, nullptr},
    {"1200", "2026-12-04", 12 * 60, "Bộ phận đang nghỉ trưa. Mời ông/bà quay lại lúc 13:30 chiều nay.",
     "The office is on its lunch break. Please come back at 13:30 this afternoon."},
    {"1631", "2026-12-04", 16 * 60 + 31,
     "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại lúc 8:00 sáng thứ Hai, 07/12/2026.",
     "Numbers are no longer issued today. Please come back at 8:00 on Monday, 07/12/2026."},
    {"holiday", "2027-01-01", 9 * 60,
     "Hôm nay Bộ phận nghỉ (Tết Dương lịch), không nhận số. Mời ông/bà quay lại lúc 8:00 sáng thứ Hai, "
     "04/01/2027.",
     "The office is closed today (New Year's Day). Please come back at 8:00 on Monday, 04/01/2027."},
    {"makeup-saturday", "2026-01-10", 9 * 60, nullptr, nullptr},
};

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

void requireOk(const ui::ScriptOutcome& outcome, const std::string& script) {
    INFO(ui::formatOutcome(outcome, script));
    REQUIRE(outcome.ok);
}

}  // namespace

TEST_CASE("The kiosk issues numbers only inside the hours and says when it opens again", "[kiosk][issuing]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    const Moment m = GENERATE(from_range(std::begin(kMoments), std::end(kMoments)));
    const std::string mode = GENERATE(as<std::string>{}, "vi", "en", "large");
    CAPTURE(size.width, size.height, m.name, mode);
    // Large text and English only where there is something to read: the closed moments.
    if (mode != "vi" && !m.closedVi) return;

    const queue::BusinessCalendar zone("Asia/Ho_Chi_Minh");
    const queue::TimeMs at = zone.instantOf(m.day, m.minute);
    // The office was set up the evening before.
    KioskFixture f(size, fmt::format("hours-{}-{}", m.name, mode), true, /*withHours=*/true,
                   at - 12 * 3'600'000);
    auto& program = f.start();
    program.manualClock()->set(at);

    // The welcome page looks at the hours about once a second: a little over a second later it shows the
    // hour the clock was set to.
    std::string script = "wait 1100\nexpect \"Chạm vào màn hình để bắt đầu\"\n";
    if (m.closedVi) script += "expect " + quoted(m.closedVi) + "\nexpect " + quoted(m.closedEn) + "\n";
    script += "screenshot 1-welcome.png\ntap \"Chạm vào màn hình để bắt đầu\"\n";
    const bool en = mode == "en";
    if (en)
        script += "tap \"English\"\ntap \"Take a queue number\"\n";
    else {
        if (mode == "large") script += "tap \"Chữ lớn\"\n";
        script += "tap \"Lấy số thứ tự\"\n";
    }
    const std::string service = en ? "Civil status" : "Hộ tịch";
    if (m.closedVi) {
        // Closed: the service list says so first and when it opens, and every service looks closed: a
        // tap on one takes nobody further.
        script += "expect " + quoted(en ? m.closedEn : m.closedVi) + "\n";
        script += "expect " + quoted(en ? "Not issuing numbers now" : "Tạm ngừng nhận số") + "\n";
        script += "screenshot 2-services.png\ntap " + quoted(service) + "\n";
        script += "expect " + quoted(en ? "Choose" : "Chọn lĩnh vực cần giải quyết") + "\n";
    } else {
        script += "tap " + quoted(service) + "\ntap " + quoted(en ? "Confirm and print" : "Xác nhận lấy số") +
                  "\nwait 100\nexpect \"A001\"\nscreenshot 2-take.png\n";
    }
    const auto path = f.dir / "hours.txt";
    testing::writeFile(path, script);
    requireOk(program.runScript(path), script);

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == (m.closedVi ? 0 : 1));
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'issue'") == (m.closedVi ? 0 : 1));
}

TEST_CASE(
    "Edited hours reach the running kiosk: a service's own cut-off closes it on the list while the "
    "others issue, and a confirm left open past the cut-off is refused",
    "[kiosk][issuing][reload]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    const std::string mode = GENERATE(as<std::string>{}, "vi", "en", "large");
    CAPTURE(size.width, size.height, mode);
    const bool en = mode == "en";
    const queue::BusinessCalendar zone("Asia/Ho_Chi_Minh");
    const queue::TimeMs at = zone.instantOf("2026-12-04", 16 * 60 + 5);  // a Friday, numbers until 16:30
    KioskFixture f(size, "hours-reload-" + mode, true, /*withHours=*/true, at - 12 * 3'600'000);
    auto& program = f.start();
    program.manualClock()->set(at);

    std::string script = "wait 1100\ntap \"Chạm vào màn hình để bắt đầu\"\n";
    if (en)
        script += "tap \"English\"\ntap \"Take a queue number\"\n";
    else {
        if (mode == "large") script += "tap \"Chữ lớn\"\n";
        script += "tap \"Lấy số thứ tự\"\n";
    }
    const std::string land = en ? "Land (certificates, transfers, mortgages)" : "Đất đai";
    script += "expect " + quoted(land) + "\nscreenshot 1-services-open.png\n";
    const auto first = f.dir / "before.txt";
    testing::writeFile(first, script);
    requireOk(program.runScript(first), script);

    // The office edits office.toml (land files until 16:00) and runs `motcua init`, in another process.
    {
        auto db = f.openDb();
        auto config = queue::loadOfficeConfig(testing::sourcePath("assets/office.toml"));
        for (auto& s : config.services)
            if (s.code == "DD") s.cutoffMinutes = 60;
        queue::applyOfficeConfig(db, config, queue::ManualClock(at));
    }
    const std::string closed =
        en ? "Numbers are no longer issued today. Please come back at 8:00 on Monday, 07/12/2026."
           : "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại lúc 8:00 sáng thứ Hai, 07/12/2026.";
    const std::string civil = en ? "Civil status" : "Hộ tịch";
    const std::string confirm = en ? "Confirm and print" : "Xác nhận lấy số";
    // Within a second the list shows land closed, with when it opens; a tap on it goes nowhere. Hộ tịch
    // still issues.
    script = "wait 1100\nexpect " + quoted(closed) + "\nscreenshot 2-land-closed.png\ntap " + quoted(land) +
             "\nexpect " + quoted(civil) + "\ntap " + quoted(civil) + "\ntap " + quoted(confirm) +
             "\nwait 100\nexpect \"A001\"\nscreenshot 3-civil-issued.png\n";
    const auto second = f.dir / "after.txt";
    testing::writeFile(second, script);
    requireOk(program.runScript(second), script);

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id "
                      "WHERE s.code = 'DD'") == 0);

    // A citizen on the confirm page when the cut-off passes is told, and gets no number. (The clock jumps
    // to 16:29:50 first: the kiosk asks whether the citizen needs more time, and is told yes.)
    program.manualClock()->set(zone.instantOf("2026-12-04", 16 * 60 + 29) + 50'000);
    script = "wait 100\ntap " + quoted(en ? "Continue" : "Tiếp tục") + "\n";
    const auto idle = f.dir / "idle.txt";
    testing::writeFile(idle, script);
    requireOk(program.runScript(idle), script);
    program.session().showConfirm("HT");
    script = "wait 100\nexpect " + quoted(confirm) + "\n";
    const auto shown = f.dir / "shown.txt";
    testing::writeFile(shown, script);
    requireOk(program.runScript(shown), script);
    program.manualClock()->set(zone.instantOf("2026-12-04", 16 * 60 + 30) + 1'000);  // 16:30:01
    script = "tap " + quoted(confirm) + "\nwait 100\nexpect " + quoted(closed) +
             "\nscreenshot 4-refused-at-confirm.png\n";
    const auto third = f.dir / "refused.txt";
    testing::writeFile(third, script);
    requireOk(program.runScript(third), script);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
}
