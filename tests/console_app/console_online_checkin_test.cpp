// A number taken online at the counter (issue 21): while it is called and not checked in at the kiosk
// the officer sees "Chưa xác nhận có mặt tại kiosk" and the minutes left; when they are up the console
// makes it a no-show by itself (QueueService::noShowsNotCheckedIn), says so, and the counter is free.
#include <catch2/catch.hpp>
#include <map>

#include "console_fixture.h"
#include "queue/queue_service.h"
#include "queue/ticket_links.h"

using namespace motcua;
using namespace motcua::testing;

TEST_CASE("The console shows an online number not checked in, and its no-show when the time is up",
          "[console][script][online_checkin]") {
    ConsoleOffice office({{"lan", "246813"}}, consoleOfficeToml() + "\n[web]\nonline_checkin_minutes = 10\n");
    HeadlessConsole c(office, 1);
    {
        queue::QueueService q(c.db, c.ui.clock);
        queue::Actor online;
        online.channel = "online";
        REQUIRE(q.take("HT", {}, online).ok());  // A001, from the phone
        REQUIRE(q.take("HT", {}, online).ok());  // A002, from the phone, checked in below
        REQUIRE(q.take("HT").ok());              // A003, from the kiosk
    }
    const auto outcome = c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
key F1
expect "A001"
expect "Chưa xác nhận có mặt tại kiosk · còn 10 phút"
screenshot 01-not-checked-in.png
wait 240000
expect "Chưa xác nhận có mặt tại kiosk · còn 6 phút"
wait 420000
screenshot 02-no-show.png
expect "Quầy chưa có số nào"
expect "đã chuyển thành vắng mặt. Quầy gọi được số tiếp theo."
)S",
                               "online_checkin");
    requireOk(outcome, "online_checkin");
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'noshow'") == 1);
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM tickets WHERE number = 'A001' AND state = 'noshow'") == 1);

    // A002 checked in at the kiosk: called, it shows so, and stays called past the time.
    {
        queue::QueueService q(c.db, c.ui.clock);
        const auto a002 = q.findToday("A002").value();
        const auto code = queue::TicketLinks(c.db).linkFor(a002, c.ui.clock.now()).shortCode;
        REQUIRE(q.checkInCode(code).result.ok());
    }
    const auto second = c.run(R"S(
key F1
expect "A002"
expect "Số lấy trực tuyến · đã xác nhận có mặt tại kiosk"
screenshot 03-checked-in.png
wait 900000
expect "A002"
)S",
                              "online_checkin");
    requireOk(second, "online_checkin");
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'noshow'") == 1);
}

TEST_CASE("The not-checked-in line keeps the layout rules at the sizes an office has",
          "[console][layout][online_checkin]") {
    const auto shown = GENERATE(Catch::Generators::from_range(consoleVariants()));
    const ui::Size size = shown.size;
    const ui::TextSize text = shown.text;
    const std::string variant = shown.name();
    CAPTURE(variant);
    ConsoleOffice office({{"lan", "246813"}}, consoleOfficeToml() + "\n[web]\nonline_checkin_minutes = 10\n");
    HeadlessConsole c(office, 1, size, ui::Theme(ui::Contrast::Normal, text));
    {
        queue::QueueService q(c.db, c.ui.clock);
        queue::Actor online;
        online.channel = "online";
        REQUIRE(q.take("HT", {}, online).ok());
    }
    const auto outcome = c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
key F1
expect "Chưa xác nhận có mặt tại kiosk · còn 10 phút"
screenshot called-)S" + variant + ".png\n",
                               "online_checkin");
    requireOk(outcome, "online_checkin");
    CHECK(layoutProblems(c) == std::vector<std::string>{});
}

TEST_CASE("The compact strip says an online number is not checked in, and the minutes left, each on one line",
          "[console][compact][online_checkin]") {
    // The strip at every width it is checked at: two short red lines in place of the state and the
    // service's name, each whole on one line, counting down with the clock.
    const int width = GENERATE(1366, 1280, 1920, 1024);
    CAPTURE(width);
    ConsoleOffice office({{"lan", "246813"}}, consoleOfficeToml() + "\n[web]\nonline_checkin_minutes = 10\n");
    HeadlessConsole c(office, 1, {width, 768});
    CompactStrip strip(c, width);
    {
        queue::QueueService q(c.db, c.ui.clock);
        queue::Actor online;
        online.channel = "online";
        REQUIRE(q.take("HT", {}, online).ok());  // A001, from the phone
        REQUIRE(q.take("HT").ok());              // A002, from the kiosk
    }
    const std::string shots = fmt::format("online_checkin/strip-{}", width);
    const auto outcome = c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
wait 100
key F1
expect "A001"
expect "Chưa xác nhận tại kiosk"
expect "Vắng mặt sau 10 phút"
screenshot 01-not-checked-in.png
wait 240000
expect "Vắng mặt sau 6 phút"
)S",
                               shots);
    requireOk(outcome, "strip");
    CHECK(c.ui.app.size() == ui::Size{width, console::Console::kStripHeight});
    CHECK(layoutProblems(c) == std::vector<std::string>{});
    // Each label on one line: no second line belongs to the label of either.
    std::map<const ui::Widget*, int> lines;
    std::map<const ui::Widget*, std::string> firstLine;
    for (const auto& item : ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size()))
        if (item.kind == ui::LayoutItem::Kind::Line) {
            ++lines[item.owner];
            firstLine.emplace(item.owner, item.text);
        }
    int checkInLines = 0;
    for (const auto& [owner, text] : firstLine) {
        if (text != "Chưa xác nhận tại kiosk" && text != "Vắng mặt sau 6 phút") continue;
        ++checkInLines;
        CAPTURE(text);
        CHECK(lines[owner] == 1);
    }
    CHECK(checkInLines == 2);
    saveScreen(c, fmt::format("strip-{}-normal", width), "04-online-not-checked-in");

    // A number from the kiosk: the service's name (once the notice of the call is old), no check-in line.
    const auto second = c.run(R"S(
key F5
wait 100
key F1
expect "A002"
wait 21000
)S",
                              shots);
    requireOk(second, "strip");
    CHECK_FALSE(c.sees("Chưa xác nhận"));
    CHECK(c.sees("Hộ tịch"));
}
