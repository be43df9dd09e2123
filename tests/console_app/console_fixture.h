// A small office in a real database file (services HT and CT, counters 1-3, three officers and a
// supervisor, the office's procedure catalogue) for the console tests, and a headless console on it.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kiosk/console_app/console.h"
#include "queue/catalogue_files.h"
#include "queue/office_config.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "support/test_store.h"
#include "support/test_support.h"
#include "ui/headless_fixture.h"

namespace motcua::testing {

inline const char* kConsoleOfficeToml = R"(
[office]
name = "UBND phường Thử Nghiệm"

[[services]]
code = "HT"
name = "Hộ tịch"
prefix = "A"

[[services]]
code = "CT"
name = "Chứng thực"
prefix = "B"

[[counters]]
number = 1
name = "Quầy 1"
services = ["HT"]

[[counters]]
number = 2
name = "Quầy 2"
services = ["HT", "CT"]

[[counters]]
number = 3
name = "Quầy 3"
services = ["CT"]

[[staff]]
login = "lan"
name = "Nguyễn Thị Lan"
role = "officer"

[[staff]]
login = "hung"
name = "Trần Văn Hùng"
role = "officer"

[[staff]]
login = "truong"
name = "Lê Thị Trưởng"
role = "supervisor"

[[priority_categories]]
code = "cao_tuoi"
name = "Người cao tuổi"

[call_order]
priority_interleave = 2
recall_limit = 2
wait_target_minutes = 15
)";

// Monday 30 November 2026, 08:00 in Hà Nội.
inline constexpr queue::TimeMs kConsoleClockStart = 1796000400000;

inline const std::filesystem::path kConsoleShots =
    std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "console";

// The database file, set up once; each process (or connection) opens its own Database on it.
struct ConsoleOffice {
    // pins: login -> PIN to set (Argon2id is slow: set only what a test uses).
    ConsoleOffice(std::initializer_list<std::pair<std::string, std::string>> pins = {})
        : store(dir.path()), path(store.location()) {
        auto db = queue::openStore(path, queue::OpenPurpose::Initialise);
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(kConsoleOfficeToml, "console.toml"));
        std::vector<queue::CatalogueFile> files;
        for (const char* name : {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"}) {
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

// A console on a real headless window, as motcua-console sets it up, at 1366×768.
struct HeadlessConsole {
    explicit HeadlessConsole(const ConsoleOffice& office, int counter = 0, ui::Size size = {1366, 768})
        : ui(size, console::consoleTheme()), db(office.open()), console(db, ui.clock, ui.screens, options(counter)) {
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

}  // namespace motcua::testing
