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
    if (mode == "en")
        script +=
            "tap \"English\"\ntap \"Take a queue number\"\ntap \"Civil status\"\ntap \"Confirm and print\"\n";
    else {
        if (mode == "large") script += "tap \"Chữ lớn\"\n";
        script += "tap \"Lấy số thứ tự\"\ntap \"Hộ tịch\"\ntap \"Xác nhận lấy số\"\n";
    }
    script += "wait 100\n";
    if (m.closedVi)
        script += "expect " + quoted(mode == "en" ? m.closedEn : m.closedVi) + "\n";
    else
        script += "expect \"A001\"\n";
    script += "screenshot 2-take.png\n";
    const auto path = f.dir / "hours.txt";
    testing::writeFile(path, script);
    requireOk(program.runScript(path), script);

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == (m.closedVi ? 0 : 1));
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'issue'") == (m.closedVi ? 0 : 1));
}
