// A kiosk on a real SQLite file initialised with the office of assets/ (config and catalogue), a
// supervisor with a PIN, a file: printer in the temp dir, and the program built headless at a
// chosen size with a manual clock, driven by the scripts in tests/kiosk_app/scripts/.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/kiosk_app/kiosk_program.h"
#include "queue/catalogue_files.h"
#include "queue/office_config.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "support/test_support.h"

namespace motcua::testing {

inline constexpr const char* kSupervisorPin = "246813";

inline std::string orientationName(ui::Size size) {
    return size.width > size.height ? "landscape" : "portrait";
}

inline std::filesystem::path kioskScreenshots(const std::string& test, ui::Size size) {
    return std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "kiosk" / orientationName(size) / test;
}

inline std::filesystem::path kioskScript(const std::string& name) {
    return sourcePath("tests/kiosk_app/scripts/" + name);
}

// Initialises path with assets/office.toml and (unless withCatalogue is false) the catalogue, and
// gives the supervisor "truongbophan" the PIN kSupervisorPin. Without withHours the office issues
// numbers at any hour: the flows run on a clock that starts at the hour the test runs; the issuing
// hours themselves are tested with withHours (kiosk_hours_test.cpp), on a clock set by the test.
// initialisedAt: when the supervisor's PIN is recorded (0: now); the kiosk's clock must not be set
// before it (the queue refuses a clock that went back, QueueService::clockProblem).
inline void initialiseOffice(const std::filesystem::path& path, bool withCatalogue = true,
                             bool withHours = false, queue::TimeMs initialisedAt = 0) {
    auto db = queue::openStore(path, queue::OpenPurpose::Initialise);
    auto config = queue::loadOfficeConfig(sourcePath("assets/office.toml"));
    if (!withHours) config.openingHours.clear();
    queue::applyOfficeConfig(db, config);
    if (withCatalogue) {
        std::vector<queue::CatalogueFile> files;
        for (const char* name :
             {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"})
            files.push_back({name, readFile(sourcePath(std::string("assets/catalogue/") + name))});
        const auto imported = queue::importCatalogue(db, files, false);
        if (!imported.applied) throw std::runtime_error("the office catalogue did not import");
    }
    queue::ManualClock clock(initialisedAt ? initialisedAt : queue::SystemClock().now());
    queue::StaffService staff(db, clock);
    if (!staff.setPin("truongbophan", kSupervisorPin).ok()) throw std::runtime_error("setPin failed");
}

struct KioskFixture {
    explicit KioskFixture(ui::Size windowSize, const std::string& test, bool withCatalogue = true,
                          bool withHours = false, queue::TimeMs initialisedAt = 0)
        : size(windowSize),
          dbPath(dir / "motcua.db"),
          printerPath(dir / "ticket.bin"),
          shots(kioskScreenshots(test, windowSize)) {
        initialiseOffice(dbPath, withCatalogue, withHours, initialisedAt);
        std::filesystem::create_directories(shots);
    }

    kiosk::KioskOptions options(const std::string& printer = {}) {
        kiosk::KioskOptions o;
        o.program.headless = true;
        o.program.size = size;
        o.program.db = dbPath;
        o.program.printer = printer.empty() ? "file:" + printerPath.string() : printer;
        o.manualClock = true;
        o.program.screenshots = shots;
        o.idleSeconds = 60;
        o.log = [this](const std::string& line) { log.push_back(line); };
        o.readAloud = [this](const std::string& number, kiosk::Language) { readAloud.push_back(number); };
        return o;
    }

    kiosk::KioskProgram& start(const std::string& printer = {}) { return start(options(printer)); }
    kiosk::KioskProgram& start(kiosk::KioskOptions o) {
        program = std::make_unique<kiosk::KioskProgram>(std::move(o));
        return *program;
    }

    // Runs a script from tests/kiosk_app/scripts; the outcome's message says which line failed.
    ui::ScriptOutcome run(const std::string& script) { return program->runScript(kioskScript(script)); }

    // Draws frames (the clock standing still) until the printer thread has answered and the screens
    // have its outcome, as a script does after each command.
    void settle() {
        for (int i = 0; i < 3000 && program->app().backgroundBusy(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            program->app().frame();
        }
        program->app().frame();
    }

    // A second connection, as another process would have.
    queue::Database openDb() { return queue::openStore(dbPath, queue::OpenPurpose::Use); }
    // The example office as edit changes it (without opening hours, as the fixture's), applied as
    // `motcua init` after an edit of office.toml would be, from another connection.
    void reconfigure(const std::function<void(queue::OfficeConfig&)>& edit) {
        auto db = openDb();
        auto config = queue::loadOfficeConfig(sourcePath("assets/office.toml"));
        config.openingHours.clear();
        edit(config);
        queue::applyOfficeConfig(db, config);
    }

    ui::Size size;
    TempDir dir;
    std::filesystem::path dbPath;
    std::filesystem::path printerPath;
    std::filesystem::path shots;
    std::vector<std::string> log;
    std::vector<std::string> readAloud;
    std::unique_ptr<kiosk::KioskProgram> program;
};

}  // namespace motcua::testing
