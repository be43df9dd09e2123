// Today's appointments on the console (issue 21, point 3): the work screen's "Lịch hẹn hôm nay" button
// while the office takes bookings, the day's appointments in slot order with their states (a kiosk's
// check-in shows its number), the empty day, the list opening at the next due appointment, and the
// layout rules at every size an office has.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <map>

#include "console_fixture.h"
#include "kiosk/console_app/appointments_screen.h"
#include "kiosk/console_app/work_screen.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/layout_check.h"
#include "kiosk/ui/scroll_view.h"
#include "queue/appointments.h"
#include "queue/queue_service.h"
#include "queue/ticket_links.h"

using namespace motcua;
using namespace motcua::testing;
using console::AppointmentStatus;

namespace {

constexpr queue::TimeMs kHour = 60 * kMinute;
const std::string kToday = "2026-11-30";  // kMonday0800's day
const std::string kTomorrow = "2026-12-01";

// The console's office taking bookings: 30-minute slots of 2 per field, 15 minutes' grace.
std::string bookingOfficeToml(bool enabled = true) {
    return consoleOfficeToml() + fmt::format(
                                     "\n[[opening_hours]]\ndays = [1, 2, 3, 4, 5]\nopen = \"08:00\"\nclose = "
                                     "\"11:30\"\n\n[[opening_hours]]\ndays = [1, 2, 3, 4, 5]\nopen = "
                                     "\"13:30\"\nclose = \"17:00\"\n\n[appointments]\nenabled = {}\n"
                                     "days_ahead = 2\nslot_minutes = 30\ncapacity = 2\ngrace_minutes = 15\n",
                                     enabled);
}

std::string holder(int n) {
    return fmt::format("phone{:0>17}", n);
}

// Books on the phone at 07:30 (before the consoles' day starts); returns the code.
struct Bookings {
    explicit Bookings(const ConsoleOffice& office) : db(office.open()) {}
    std::string book(const std::string& service, const std::string& day, int hour, int minute) {
        queue::ManualClock clock(kConsoleClockStart - 30 * kMinute);
        queue::QueueService q(db, clock);
        queue::AppointmentBook bookings(q, clock);
        const auto b = bookings.book(service, day, hour * 60 + minute, holder(++m_phones));
        INFO(b.messageEn);
        REQUIRE(b.ok());
        return b.appointment->code;
    }
    queue::Database db;

  private:
    int m_phones = 0;
};

// The kiosk checks the code in at `at`; the number it issued.
std::string checkIn(const ConsoleOffice& office, const std::string& code, queue::TimeMs at) {
    auto db = office.open();
    queue::ManualClock clock(at);
    queue::QueueService kiosk(db, clock);
    const auto c = kiosk.checkIn(code);
    INFO(c.result.message);
    REQUIRE(c.result.ok());
    return c.result.value->ticket.number;
}

const ui::Button* button(HeadlessConsole& c, const std::string& prefix) {
    for (const auto& item : ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size()))
        if (const auto* b = dynamic_cast<const ui::Button*>(item.owner); b && b->label().starts_with(prefix))
            return b;
    return nullptr;
}

// Every button on screen: label -> bounds.
std::map<std::string, ui::Rect> buttons(HeadlessConsole& c) {
    std::map<std::string, ui::Rect> out;
    for (const auto& item : ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size()))
        if (const auto* b = dynamic_cast<const ui::Button*>(item.owner);
            b && item.kind == ui::LayoutItem::Kind::Tappable)
            out[b->label()] = item.bounds;
    return out;
}

console::AppointmentsScreen* appointmentsScreen(HeadlessConsole& c) {
    return dynamic_cast<console::AppointmentsScreen*>(c.ui.app.screens().top());
}

void login(HeadlessConsole& c) {
    requireOk(
        c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nexpect \"Hàng chờ\"", "appointments"),
        "login");
}

}  // namespace

TEST_CASE("Officers see today's appointments in slot order, with the number a kiosk's check-in gave",
          "[console][appointments][screens]") {
    ConsoleOffice office({{"lan", "246813"}}, bookingOfficeToml());
    Bookings phones(office);
    // Booked out of order; counter 1 serves HT only.
    const std::string ht0900 = phones.book("HT", kToday, 9, 0);
    const std::string ct0800 = phones.book("CT", kToday, 8, 0);
    const std::string ht0830 = phones.book("HT", kToday, 8, 30);
    const std::string ct0830 = phones.book("CT", kToday, 8, 30);
    const std::string ht1000 = phones.book("HT", kToday, 10, 0);
    phones.book("HT", kTomorrow, 9, 0);  // not today's
    const std::string number = checkIn(office, ht0830, kConsoleClockStart + 20 * kMinute);

    HeadlessConsole c(office, 1);
    c.ui.clock.set(kConsoleClockStart + 70 * kMinute);  // 09:10
    login(c);
    const auto* open = button(c, "Lịch hẹn hôm nay");
    REQUIRE(open);
    CHECK(open->label() == "Lịch hẹn hôm nay (5)");
    requireOk(c.run("tap \"Lịch hẹn hôm nay (5)\"\nexpect \"Quay lại (Esc)\"", "appointments"), "open");
    auto* screen = appointmentsScreen(c);
    REQUIRE(screen);
    saveScreen(c, "appointments", "01-list");

    struct Expected {
        std::string time, code, state;
        AppointmentStatus status;
        bool ours;
    };
    const std::vector<Expected> expected{
        {"08:00–08:30", ct0800, "Không đến (quá giờ hẹn)", AppointmentStatus::Missed, false},
        {"08:30–09:00", ht0830, "Đã lấy số " + number, AppointmentStatus::CheckedIn, true},
        {"08:30–09:00", ct0830, "Trễ · giữ chỗ đến 09:15", AppointmentStatus::Late, false},
        {"09:00–09:30", ht0900, "Đến giờ hẹn · chưa lấy số", AppointmentStatus::Due, true},
        {"10:00–10:30", ht1000, "Chưa đến", AppointmentStatus::Coming, true},
    };
    const auto& rows = screen->rows();
    REQUIRE(rows.size() == expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i].time == expected[i].time);
        CHECK(rows[i].code == queue::TicketLinks::printedShortCode(expected[i].code));
        CHECK(rows[i].stateVi == expected[i].state);
        CHECK(rows[i].status == expected[i].status);
        CHECK(rows[i].thisCounter == expected[i].ours);
        CHECK(c.sees(rows[i].code));
        CHECK(c.sees(rows[i].stateVi));
    }
    CHECK(c.sees("5 lịch hẹn: 3 chưa đến · 1 đã lấy số · 1 không đến"));
    CHECK(c.sees("Quầy này"));
    // The missed one was expired in the database, as the kiosk would refuse it now.
    CHECK(office.open().queryInt("SELECT COUNT(*) FROM appointments WHERE state = 'expired'") == 1);
    CHECK(layoutProblems(c) == std::vector<std::string>{});

    // A citizen checks in at the kiosk while the list is open: the list shows the number.
    const std::string second = checkIn(office, ht0900, kConsoleClockStart + 71 * kMinute);
    requireOk(c.run(fmt::format("wait 500\nexpect \"Đã lấy số {}\"", second), "appointments"), "check-in");
    CHECK(screen->rows()[3].status == AppointmentStatus::CheckedIn);
    // Time alone changes a state: at 09:16 the late CT booking is missed.
    requireOk(c.run("wait 360000\nwait 11000", "appointments"), "later");
    CHECK(screen->rows()[2].status == AppointmentStatus::Missed);

    requireOk(c.run("key Escape\nexpect \"Gọi số tiếp theo\"", "appointments"), "back");
    CHECK(dynamic_cast<console::WorkScreen*>(c.ui.app.screens().top()));
}

TEST_CASE("A day without appointments says so, and without booking there is no button",
          "[console][appointments][screens]") {
    SECTION("booking on, nothing booked today") {
        ConsoleOffice office({{"lan", "246813"}}, bookingOfficeToml());
        Bookings(office).book("HT", kTomorrow, 9, 0);
        HeadlessConsole c(office, 1);
        login(c);
        requireOk(
            c.run("tap \"Lịch hẹn hôm nay (0)\"\nexpect \"Hôm nay chưa có lịch hẹn nào.\"", "appointments"),
            "open");
        REQUIRE(appointmentsScreen(c));
        CHECK(appointmentsScreen(c)->rows().empty());
        CHECK_FALSE(button(c, "Trang sau"));
        CHECK(layoutProblems(c) == std::vector<std::string>{});
        saveScreen(c, "appointments", "02-empty");
        requireOk(c.run("tap \"Quay lại (Esc)\"\nexpect \"Gọi số tiếp theo\"", "appointments"), "back");
    }
    SECTION("booking off, though the day has appointments booked while it was on") {
        ConsoleOffice office({{"lan", "246813"}}, bookingOfficeToml());
        Bookings(office).book("HT", kToday, 9, 0);
        {
            auto db = office.open();
            queue::applyOfficeConfig(db, queue::parseOfficeConfig(bookingOfficeToml(false), "office.toml"));
        }
        HeadlessConsole c(office, 1);
        login(c);
        CHECK_FALSE(button(c, "Lịch hẹn"));
        CHECK_FALSE(c.sees("Lịch hẹn"));
    }
}

TEST_CASE("A long day opens at the next due appointment and pages with PgUp and PgDn",
          "[console][appointments][screens]") {
    ConsoleOffice office({{"lan", "246813"}}, bookingOfficeToml());
    Bookings phones(office);
    // Two of each field in each of the morning's seven slots: 28 appointments.
    for (int slot = 0; slot < 7; ++slot)
        for (const char* service : {"HT", "CT"})
            for (int i = 0; i < 2; ++i) phones.book(service, kToday, 8 + slot / 2, slot % 2 * 30);
    HeadlessConsole c(office, 1);
    c.ui.clock.set(kConsoleClockStart + 2 * kHour + 5 * kMinute);  // 10:05: 08:00–09:30 are missed
    login(c);
    requireOk(c.run("tap \"Lịch hẹn hôm nay (28)\"\nexpect \"Quay lại (Esc)\"", "appointments"), "open");
    auto* screen = appointmentsScreen(c);
    REQUIRE(screen);
    REQUIRE(screen->list());
    saveScreen(c, "appointments", "03-long-day");
    // 09:30–10:00 is late (its grace runs to 10:15): the first still expected, at the top of the list.
    CHECK(screen->list()->offset() > 0);
    CHECK(c.sees("Trễ · giữ chỗ đến 10:15"));
    CHECK_FALSE(c.sees("08:00–08:30"));
    CHECK(button(c, "Trang trước")->enabled());
    requireOk(c.run("key PageUp\nkey PageUp\nkey PageUp\nkey PageUp\nwait 100", "appointments"), "up");
    CHECK(screen->list()->offset() == 0);
    CHECK(c.sees("08:00–08:30"));
    CHECK_FALSE(button(c, "Trang trước")->enabled());
    requireOk(c.run("key PageDown\nwait 100", "appointments"), "down");
    CHECK(screen->list()->offset() > 0);
    CHECK(layoutProblems(c) == std::vector<std::string>{});
}

TEST_CASE("Today's appointments keep the layout rules at the sizes an office has",
          "[console][appointments][layout][screens]") {
    // The sizes and text sizes of console_layout_test.cpp. The console speaks Vietnamese only (the
    // officers' tool): no English variant.
    const auto shown = GENERATE(Catch::Generators::from_range(consoleVariants()));
    const ui::Size size = shown.size;
    const ui::TextSize text = shown.text;
    const std::string variant = shown.name();
    CAPTURE(variant);
    // The same work screen in an office without booking, for the places of its buttons (one headless
    // window at a time).
    std::map<std::string, ui::Rect> without;
    {
        ConsoleOffice plain{{"lan", "246813"}};
        HeadlessConsole p(plain, 1, size, ui::Theme(ui::Contrast::Normal, text));
        p.ui.clock.set(kConsoleClockStart + 65 * kMinute);
        queue::QueueService q(p.db, p.ui.clock);
        REQUIRE(q.take("HT").ok());
        REQUIRE(q.take("HT", std::string("cao_tuoi")).ok());
        login(p);
        without = buttons(p);
    }
    ConsoleOffice office({{"lan", "246813"}}, bookingOfficeToml());
    {
        Bookings phones(office);
        for (int slot = 0; slot < 6; ++slot)
            for (const char* service : {"HT", "CT"})
                phones.book(service, kToday, 8 + slot / 2, slot % 2 * 30);
    }
    HeadlessConsole c(office, 1, size, ui::Theme(ui::Contrast::Normal, text));
    c.ui.clock.set(kConsoleClockStart + 65 * kMinute);  // 09:05
    {
        queue::QueueService q(c.db, c.ui.clock);
        REQUIRE(q.take("HT").ok());
        REQUIRE(q.take("HT", std::string("cao_tuoi")).ok());
    }
    std::vector<std::string> problems;
    auto check = [&](const std::string& name) {
        for (const auto& p : layoutProblems(c)) problems.push_back(name + ": " + p);
        saveScreen(c, variant, name);
    };
    login(c);
    check("10-work-appointments");
    const auto* open = button(c, "Lịch hẹn hôm nay");
    REQUIRE(open);
    CHECK(open->label() == "Lịch hẹn hôm nay (12)");
    // The button crowds nothing: every other button is where it is in an office without booking.
    const auto with = buttons(c);
    CHECK(with.size() == without.size() + 1);
    for (const auto& [label, bounds] : without) {
        CAPTURE(label);
        REQUIRE(with.count(label));
        CHECK(with.at(label) == bounds);
    }
    requireOk(c.run("key F1\nexpect \"Đang gọi\"", "appointments"), "call");
    check("11-work-called-appointments");
    requireOk(c.run("tap \"Lịch hẹn hôm nay (12)\"\nexpect \"Quay lại (Esc)\"", "appointments"), "open");
    check("12-appointments");
    requireOk(c.run("key PageUp\nkey PageUp\nkey PageUp\nwait 100", "appointments"), "top");
    check("13-appointments-top");
    INFO(fmt::format("{} problems:\n{}", problems.size(), fmt::join(problems, "\n")));
    CHECK(problems.empty());
}
