// The console for 100 calls a day: the buttons never move between states, the next move is the
// filled one, unavailable moves look unavailable, priority tickets carry a badge, every screen keeps the
// layout rules, and --compact is a one-line strip that makes the common moves and hands the rest to
// the full console.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <set>

#include "console_fixture.h"
#include "kiosk/console_app/compact_screen.h"
#include "kiosk/console_app/finish_screen.h"
#include "kiosk/console_app/work_screen.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/layout_check.h"
#include "queue/queue_service.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

void take(queue::Database& db, const queue::Clock& clock, const std::string& service,
          std::optional<std::string> priority = {}) {
    queue::QueueService q(db, clock);
    REQUIRE(q.take(service, priority).ok());
}

struct ButtonState {
    ui::Rect bounds;
    bool enabled;
    bool filled;
};

// Every button on screen by its label.
std::map<std::string, ButtonState> buttons(HeadlessConsole& c) {
    std::map<std::string, ButtonState> out;
    for (const auto& item : ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size())) {
        if (item.kind != ui::LayoutItem::Kind::Tappable) continue;
        if (const auto* b = dynamic_cast<const ui::Button*>(item.owner))
            out[b->label()] = {item.bounds, b->enabled(), b->style() == ui::ButtonStyle::Primary};
    }
    return out;
}

}  // namespace

TEST_CASE("The console's buttons stay in place, the next move is filled and priority tickets carry a badge",
          "[console][layout][screens]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    take(c.db, c.ui.clock, "HT");
    take(c.db, c.ui.clock, "HT", "cao_tuoi");
    requireOk(
        c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nexpect \"Hàng chờ của quầy: 2 người\"",
              "layout"),
        "login");
    saveScreen(c, "1366x768", "01-waiting");
    CHECK(c.sees("Ưu tiên"));
    CHECK(layoutProblems(c) == std::vector<std::string>{});
    const auto idle = buttons(c);
    REQUIRE(idle.count("Gọi số tiếp theo"));
    CHECK(idle.at("Gọi số tiếp theo").filled);
    CHECK_FALSE(idle.at("Hoàn thành").enabled);

    requireOk(c.run("key F1\nexpect \"Đang gọi — chờ công dân đến quầy\"", "layout"), "call");
    saveScreen(c, "1366x768", "02-called");
    const auto called = buttons(c);
    CHECK(called.at("Bắt đầu").filled);
    CHECK_FALSE(called.at("Gọi số tiếp theo").filled);
    CHECK(layoutProblems(c) == std::vector<std::string>{});

    requireOk(c.run("key F3\nexpect \"Đang phục vụ\"", "layout"), "start");
    saveScreen(c, "1366x768", "03-serving");
    const auto serving = buttons(c);
    CHECK(serving.at("Hoàn thành").filled);
    CHECK_FALSE(serving.at("Bắt đầu").enabled);

    // The same place for every move in every state, with or without a notice line.
    for (const auto& [label, state] : idle) {
        CAPTURE(label);
        REQUIRE(called.count(label));
        REQUIRE(serving.count(label));
        CHECK(called.at(label).bounds == state.bounds);
        CHECK(serving.at(label).bounds == state.bounds);
    }
}

TEST_CASE(
    "With --compact the console is a one-line strip on top, the common moves by F-key, finishing in the full "
    "console",
    "[console][compact][screens]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    CompactStrip strip(c);
    take(c.db, c.ui.clock, "HT", "cao_tuoi");
    requireOk(c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nwait 100", "compact"), "login");
    CHECK(dynamic_cast<console::CompactScreen*>(c.ui.app.screens().top()));
    CHECK(c.ui.app.size() == ui::Size{1366, console::Console::kStripHeight});
    saveScreen(c, "strip", "01-waiting");
    CHECK(c.sees("Chưa có số · 1 người chờ"));
    CHECK(buttons(c).at("Gọi số tiếp theo").filled);
    requireOk(c.run("key F1\nexpect \"A001\"\nexpect \"Đang gọi\"\nexpect \"Ưu tiên\"", "compact"), "call");
    saveScreen(c, "strip", "02-called");
    CHECK(buttons(c).at("Bắt đầu").filled);
    CHECK(layoutProblems(c) == std::vector<std::string>{});
    requireOk(c.run("key F3\nexpect \"Đang phục vụ\"", "compact"), "start");
    CHECK(buttons(c).at("Hoàn thành").filled);
    // Finishing needs the procedure: the full console opens for it, then the strip comes back.
    requireOk(c.run("key F4\nwait 100", "compact"), "finish");
    CHECK(dynamic_cast<console::FinishScreen*>(c.ui.app.screens().top()));
    CHECK(c.ui.app.size() == ui::Size{1366, 768});
    saveScreen(c, "strip", "03-finish-full");
    requireOk(c.run("key Escape\nwait 100\nkey Escape\nwait 100", "compact"), "back");
    CHECK(dynamic_cast<console::CompactScreen*>(c.ui.app.screens().top()));
    CHECK(c.ui.app.size() == ui::Size{1366, console::Console::kStripHeight});
}

TEST_CASE("Every console screen keeps the layout rules at the sizes an office has",
          "[console][layout][screens]") {
    // An officer's PC: a laptop (1366x768, 1280x720), an old 4:3 monitor (1024x768), a full-HD monitor;
    // normal and large text. The console speaks Vietnamese only (the officers' tool), so there is no
    // English variant.
    const auto shown = GENERATE(Catch::Generators::from_range(consoleVariants()));
    const ui::Size size = shown.size;
    const ui::TextSize text = shown.text;
    const std::string variant = shown.name();
    CAPTURE(variant);
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1, size, ui::Theme(ui::Contrast::Normal, text));
    take(c.db, c.ui.clock, "HT");
    take(c.db, c.ui.clock, "HT", "cao_tuoi");
    take(c.db, c.ui.clock, "CT");
    std::vector<std::string> problems;
    auto check = [&](const std::string& name) {
        for (const auto& p : layoutProblems(c)) problems.push_back(name + ": " + p);
        const auto items = ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size());
        // Every button wholly in view, none to scroll to (the moves, "Đăng nhập", the dialogs' choices).
        // On the finish screen, whose search results are a list that scrolls: its outcomes and its two
        // keys, each label on one line.
        const bool finish = dynamic_cast<const console::FinishScreen*>(c.ui.app.screens().top());
        const std::set<std::string> finishButtons{"Tiếp nhận hồ sơ",   "Hướng dẫn",      "Trả kết quả",
                                                  "Hồ sơ chưa đầy đủ", "Quay lại (Esc)", "Hoàn thành (F4)"};
        std::map<const ui::Widget*, int> finishLines;
        for (const auto& item : items) {
            if (item.kind == ui::LayoutItem::Kind::Line && finishButtons.contains(item.text))
                ++finishLines[item.owner];
            if (item.kind != ui::LayoutItem::Kind::Tappable || item.visible == item.bounds) continue;
            if (!finish || finishButtons.contains(item.text))
                problems.push_back(name + ": " + ui::describe(item) + " is not wholly in view");
        }
        if (finish && finishLines.size() != finishButtons.size())
            problems.push_back(fmt::format("{}: {} of the {} outcomes and keys each on one line", name,
                                           finishLines.size(), finishButtons.size()));
        if (const auto* work = dynamic_cast<const console::WorkScreen*>(c.ui.app.screens().top())) {
            if (work->scrollsMoves()) problems.push_back(name + ": the moves scroll");
            // The header's counter and officer in at most two lines (three, beside a pause button as
            // wide at 1024 px as at 1920).
            std::map<const ui::Widget*, int> lines;
            const ui::Widget* header = nullptr;
            for (const auto& item : items)
                if (item.kind == ui::LayoutItem::Kind::Line) {
                    if (item.text.rfind("Quầy 1", 0) == 0 && !header) header = item.owner;
                    ++lines[item.owner];
                }
            if (!header)
                problems.push_back(name + ": no header");
            else if (lines[header] > 2)
                problems.push_back(fmt::format("{}: the header is {} lines", name, lines[header]));
        }
        saveScreen(c, variant, name);
    };
    // The waiting list's rows whole in view: A002 (priority) and A001 while both wait, A001 beside the
    // priority ticket being served (its check button and the reason once left it out of sight).
    auto listRows = [&](const std::string& name, const std::vector<std::string>& rows) {
        std::size_t whole = 0;
        for (const auto& item :
             ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size()))
            if (item.kind == ui::LayoutItem::Kind::Line && item.visible == item.bounds)
                for (const auto& row : rows)
                    if (item.text.rfind(row, 0) == 0) ++whole;
        if (whole < rows.size())
            problems.push_back(
                fmt::format("{}: {} of the waiting list's {} rows in view", name, whole, rows.size()));
    };
    check("00-login");
    requireOk(c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nexpect \"Hàng chờ\"", "sizes"),
              "login");
    check("01-waiting");
    listRows("01-waiting", {"1. A002", "2. A001"});
    requireOk(c.run("key F10\nexpect \"Số cụ thể\"\ntype \"a1\"", "sizes"), "number");
    check("02-call-number");
    requireOk(c.run("key Escape\nwait 100\nkey F1\nexpect \"Đang gọi — chờ công dân đến quầy\"", "sizes"),
              "call");
    check("03-called");
    requireOk(c.run("key F3\nexpect \"Đang phục vụ\"", "sizes"), "start");
    check("04-serving");
    listRows("04-serving", {"1. A001"});
    // Tight (large text at 1024x768, 1280x720): the moves F6-F10 behind "Thao tác khác", which lists
    // them and makes the one chosen (transfer opens its own dialog).
    if (c.sees("Thao tác khác")) {
        requireOk(c.run("tap \"Thao tác khác (F6–F10)\"\nexpect \"Về đầu hàng chờ (F6)\"", "sizes"),
                  "other moves");
        check("04-other-moves");
        requireOk(
            c.run("tap \"Chuyển (F9)\"\nwait 100\nexpect \"Chuyển số A002\"\nkey Escape\nwait 100", "sizes"),
            "other move");
        CHECK(dynamic_cast<const console::WorkScreen*>(c.ui.app.screens().top()));
    }
    requireOk(c.run("key F9\nexpect \"Chuyển số\"", "sizes"), "transfer");
    check("05-transfer");
    requireOk(c.run("key Escape\nwait 100\nkey F4\nexpect \"Hoàn thành số\"\ntype \"khai sinh\"\nwait 100",
                    "sizes"),
              "finish");
    check("06-finish");
    requireOk(c.run("key Escape\nwait 100\nkey F11\nwait 100", "sizes"), "break");
    check("07-break");
    INFO(fmt::format("{} problems:\n{}", problems.size(), fmt::join(problems, "\n")));
    CHECK(problems.empty());
}

TEST_CASE("The compact strip keeps the layout rules at every screen width",
          "[console][compact][layout][screens]") {
    // The strip is 120 px high by design (a line above the national software): normal text only. At 1280
    // and 1024 only the next move is a button beside "Mở rộng" (every F-key still works).
    const int width = GENERATE(1366, 1280, 1920, 1024);
    const ui::TextSize text = ui::TextSize::Normal;
    const std::string variant =
        fmt::format("strip-{}-{}", width, text == ui::TextSize::Large ? "large" : "normal");
    CAPTURE(variant);
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1, {width, 768}, ui::Theme(ui::Contrast::Normal, text));
    CompactStrip strip(c, width);  // as `motcua-console --compact --size WIDTHx768`
    take(c.db, c.ui.clock, "HT", "cao_tuoi");
    take(c.db, c.ui.clock, "HT");
    std::vector<std::string> problems;
    auto check = [&](const std::string& name) {
        for (const auto& p : layoutProblems(c)) problems.push_back(name + ": " + p);
        // Every button is its label on one line and its key under it ("Mở rộng" / "F12", not three lines).
        std::map<const ui::Widget*, int> lines;
        for (const auto& item :
             ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size()))
            if (item.kind == ui::LayoutItem::Kind::Line && dynamic_cast<const ui::Button*>(item.owner))
                ++lines[item.owner];
        for (const auto& [button, count] : lines)
            if (count != 2)
                problems.push_back(fmt::format("{}: \"{}\" has {} lines", name,
                                               dynamic_cast<const ui::Button*>(button)->label(), count));
        saveScreen(c, variant, name);
    };
    requireOk(c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nwait 100", "compact"), "login");
    CHECK(c.ui.app.size() == ui::Size{width, console::Console::kStripHeight});
    check("01-waiting");
    requireOk(c.run("key F1\nexpect \"Đang gọi\"", "compact"), "call");
    check("02-called");
    requireOk(c.run("key F3\nexpect \"Đang phục vụ\"", "compact"), "start");
    check("03-serving");
    INFO(fmt::format("{} problems:\n{}", problems.size(), fmt::join(problems, "\n")));
    CHECK(problems.empty());
}
