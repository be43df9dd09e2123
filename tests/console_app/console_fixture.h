// A small office in a real database file (services HT and CT, counters 1-3, three officers and a
// supervisor, the office's procedure catalogue) for the console tests, and a headless console on it.
#pragma once

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/console_app/console.h"
#include "kiosk/ui/image.h"
#include "kiosk/ui/layout_check.h"
#include "queue/catalogue_files.h"
#include "queue/office_config.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "support/test_office.h"
#include "support/test_store.h"
#include "support/test_support.h"
#include "ui/headless_fixture.h"

namespace motcua::testing {

// The ward office (support/test_office.h) without XH: counters 1 HT, 2 HT and CT, 3 CT; officers lan
// and hung and the supervisor truong; one priority category (cao_tuoi, with its definition and legal
// basis); a waiting target of 15 minutes.
inline TestOffice consoleOffice() {
    TestOffice o = wardOffice();
    o.services.pop_back();
    o.counter(3).services = {"CT"};
    o.staff = {
        {"lan", "Nguyễn Thị Lan"}, {"hung", "Trần Văn Hùng"}, {"truong", "Lê Thị Trưởng", "supervisor"}};
    o.priorities.resize(1);
    o.priorities[0].definition = "Công dân Việt Nam từ đủ 60 tuổi trở lên";
    o.priorities[0].legalBasis = "Luật Người cao tuổi 2009, Điều 2";
    o.callOrder = {{"priority_interleave", 2}, {"recall_limit", 2}, {"wait_target_minutes", 15}};
    return o;
}
inline std::string consoleOfficeToml() {
    return consoleOffice().toml();
}

// The consoles' day starts at 08:00 on the fixtures' Monday.
inline constexpr queue::TimeMs kConsoleClockStart = kMonday0800;

inline const std::filesystem::path kConsoleShots =
    std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "console";

// The database file, set up once; each process (or connection) opens its own Database on it.
struct ConsoleOffice {
    // pins: login -> PIN to set (Argon2id is slow: set only what a test uses); toml: the office.toml.
    ConsoleOffice(std::initializer_list<std::pair<std::string, std::string>> pins = {},
                  const std::string& toml = consoleOfficeToml())
        : store(dir.path()), path(store.location()) {
        auto db = queue::openStore(path, queue::OpenPurpose::Initialise);
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(toml, "console.toml"));
        std::vector<queue::CatalogueFile> files;
        for (const char* name :
             {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"}) {
            const auto p = sourcePath(std::string("assets/catalogue/") + name);
            files.push_back({p.filename().string(), readFile(p)});
        }
        REQUIRE(queue::importCatalogue(db, files, false).applied);
        // The PINs are set an hour before the consoles' day starts: the queue refuses to work at a
        // time before the last activity it recorded (a clock set back), as a real office's would.
        queue::ManualClock clock(kConsoleClockStart - 3'600'000);
        queue::StaffService staff(db, clock);
        for (const auto& [login, pin] : pins) REQUIRE(staff.setPin(login, pin).ok());
    }
    queue::Database open() const { return queue::openStore(path, queue::OpenPurpose::Use); }

    TempDir dir;
    TestDatabase store;  // a file, or a database of its own on the test server (support/test_store.h)
    std::filesystem::path path;
};

// A console on a real headless window, as motcua-console sets it up, at 1366×768 (or size, in theme).
struct HeadlessConsole {
    explicit HeadlessConsole(const ConsoleOffice& office, int counter = 0, ui::Size size = {1366, 768},
                             ui::Theme theme = console::consoleTheme())
        : ui(size, theme), db(office.open()), console(db, ui.clock, ui.screens, options(counter)) {
        ui.clock.set(kConsoleClockStart);
        console.attach(ui.app);
        ui.screens.push(console.firstScreen());
        ui.app.frame();
    }
    static console::ConsoleOptions options(int counter) {
        console::ConsoleOptions o;
        o.counter = counter;
        o.lockMinutes = 15;
        return o;
    }
    // Runs script lines; screenshots go to kConsoleShots/dir.
    ui::ScriptOutcome run(const std::string& script, const std::string& shotDir) {
        ui::ScriptRunner runner(ui.app, ui.clock, kConsoleShots / shotDir);
        const auto parsed = ui::parseScript(script);
        REQUIRE(parsed.ok());
        return runner.run(parsed.commands);
    }
    bool sees(const std::string& text) const {
        for (const auto& t : ui.app.visibleTexts())
            if (t.text.find(text) != std::string::npos) return true;
        return false;
    }

    ui::testing::HeadlessUi ui;
    queue::Database db;
    console::Console console;
};

// `motcua-console --compact` on the same window and database as c, in place of its full console: the
// strip is the root screen. width: as `--size WIDTHx768` (nullopt: the program's default width).
struct CompactStrip {
    CompactStrip(HeadlessConsole& c, std::optional<int> width = std::nullopt)
        : console(c.db, c.ui.clock, c.ui.screens, options(width)) {
        console.attach(c.ui.app);
        console.attachWindow(c.ui.window);
        c.ui.screens.popToRoot();
        c.ui.screens.replace(console.firstScreen());
        c.ui.app.frame();
    }
    static console::ConsoleOptions options(std::optional<int> width) {
        console::ConsoleOptions o = HeadlessConsole::options(1);
        o.compact = true;
        if (width) o.program.size = ui::Size{*width, 768};
        return o;
    }
    console::Console console;
};

// A script's outcome must be a success; the failure says which line and what was on screen.
inline void requireOk(const ui::ScriptOutcome& outcome, const std::string& name) {
    INFO(ui::formatOutcome(outcome, name));
    REQUIRE(outcome.ok);
}

// The layout rules' problems on the console's top screen (no minimum touch size: a mouse and keys).
inline std::vector<std::string> layoutProblems(HeadlessConsole& c) {
    return ui::checkLayout(ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size()),
                           {c.ui.app.size(), 0});
}

// With MOTCUA_SCREENSHOTS=1 (scripts/screens.sh): the screen under screenshots/console/all/<variant>/.
// The officers' screens every console layout test covers: laptops (1366x768, 1280x720), full HD and
// an old 4:3 monitor, each in normal and large text. The console speaks Vietnamese only.
struct ConsoleVariant {
    ui::Size size;
    ui::TextSize text = ui::TextSize::Normal;
    std::string name() const {  // "1366x768-large", the screenshots' folder
        return fmt::format("{}x{}-{}", size.width, size.height,
                           text == ui::TextSize::Large ? "large" : "normal");
    }
};
inline std::vector<ConsoleVariant> consoleVariants() {
    std::vector<ConsoleVariant> all;
    for (const ui::Size size :
         {ui::Size{1366, 768}, ui::Size{1920, 1080}, ui::Size{1280, 720}, ui::Size{1024, 768}})
        for (const auto text : {ui::TextSize::Normal, ui::TextSize::Large}) all.push_back({size, text});
    return all;
}

inline void saveScreen(HeadlessConsole& c, const std::string& variant, const std::string& name) {
    if (std::getenv("MOTCUA_SCREENSHOTS"))
        ui::savePng(kConsoleShots / "all" / variant / (name + ".png"), c.ui.app.screenshot());
}

}  // namespace motcua::testing
