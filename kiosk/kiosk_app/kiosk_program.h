// The kiosk program: options, start-up in dependency order (database, services, SDL, fonts, window,
// screens), the script driver, and the one boundary where errors end the program.
//
//   motcua-kiosk [--headless] [--size WxH] [--fullscreen] [--db FILE] [--config FILE]
//                [--script FILE] [--printer URI] [--idle-seconds N] [--dpi N] [--no-voice]
//
// Exit statuses: 0 done (maintenance exit, script finished), 1 a script command failed (its line is
// printed), 2 bad usage, 5 database refused or office config invalid, 7 no display or font.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/kiosk_session.h"
#include "kiosk/ui/program_options.h"
#include "kiosk/ui/script_runner.h"

namespace CLI {
class App;
}

namespace motcua::kiosk {

enum class KioskExit : int { Ok = 0, ScriptFailed = 1, Usage = 2, Database = 5, Display = 7 };

struct KioskOptions {
    ui::ProgramOptions program;
    // Back to the welcome screen after this long without a touch.
    int idleSeconds = 90;
    // Screen density for the 15 mm touch targets; 0: the display's, or 96 headless.
    double dpi = 0;
    // Read the number aloud after printing when the citizen chose large text.
    bool voice = true;
    // Where a script's relative screenshot paths go; empty: the current directory.
    std::filesystem::path screenshotDir;
    // Frame times and queue times from a manual clock (scripts always use one).
    bool manualClock = false;
    LogSink log;             // empty: stderr
    NumberReader readAloud;  // empty: the office voice (espeak-ng), started on first use
    // How the printer is opened (connect timeout; tests put a fake USB printer behind "usb:").
    printer::TransportOptions printerTransport;
};

// Registers the kiosk's options (the shared SDL program options plus its own) on app.
void addKioskOptions(CLI::App& app, KioskOptions& options);

// Everything the running kiosk is made of, built in dependency order and destroyed in reverse.
// Throws queue::StoreRefused / queue::ConfigError / std::runtime_error (no display or font).
class KioskProgram {
public:
    explicit KioskProgram(KioskOptions options);
    ~KioskProgram();
    KioskProgram(const KioskProgram&) = delete;
    KioskProgram& operator=(const KioskProgram&) = delete;

    ui::App& app() noexcept;
    KioskSession& session() noexcept;
    KioskServices& services() noexcept;
    queue::Database& database() noexcept;
    // Set when the options asked for a manual clock (or a script is given).
    queue::ManualClock* manualClock() noexcept;
    const KioskOptions& options() const noexcept { return m_options; }

    // Runs a script file against the kiosk (needs the manual clock).
    ui::ScriptOutcome runScript(const std::filesystem::path& path);
    // The frame loop until the maintenance screen's exit.
    int run();

private:
    struct Parts;
    KioskOptions m_options;
    std::unique_ptr<Parts> m_parts;
};

// The program: the script when given (exit status from it), else the frame loop.
int runKiosk(const KioskOptions& options);

}  // namespace motcua::kiosk
