// The one start-up of motcua's SDL programs (motcua-kiosk, motcua-display, motcua-console).
//
// A program describes itself (ProgramSpec: which of the shared options it takes) and what it adds at
// each step (Program); the shell does the rest, the same way for every program:
//
//   1. the command line: the options every program has (--headless, --size, --fullscreen, --db,
//      --script, --screenshots), --config and --printer only for a program that uses them (any other
//      program refuses them: usage, exit status 2), then the program's own;
//   2. SIGTERM and SIGINT end the program cleanly (StopSignals): the frame loop or the script stops,
//      the work in progress finishes (the kiosk's print, at most kStopGrace), exit status 0;
//   3. the clock: a manual one starting now with --script (a script's `wait` is instant), else the
//      system clock;
//   4. Program::open: the database and whatever needs no screen;
//   5. SDL, TTF, the window, the renderer, the fonts, the screen stack, as guard objects in that order
//      (destroyed in reverse);
//   6. Program::start: the screens, on the App the shell makes;
//   7. the script when given (a failed line: its place on stderr, exit 1; a script that ends without
//      `quit` on a real display hands the program over to the person in front of it), else the frame
//      loop until the program quits or a signal comes; then Program::finish.
//
// Exit statuses (ExitStatus, the same for every program): 0 done, 1 a script line failed or an
// unexpected error, 2 bad usage, 5 database refused or office config invalid, 7 no display, window,
// renderer or font. Errors are one line on stderr, prefixed with the program's name.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "kiosk/ui/app.h"
#include "kiosk/ui/program_options.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk/ui/window.h"
#include "queue/clock.h"

namespace CLI {
class App;
}

namespace motcua::shell {

using ui::App;
using ui::AppOptions;
using ui::ProgramOptions;
using ui::ScreenStack;
using ui::ScriptOutcome;
using ui::Theme;
using ui::WindowOptions;

enum class ExitStatus : int { Ok = 0, Failed = 1, Usage = 2, Database = 5, NoDisplay = 7 };

struct ProgramSpec {
    std::string name;         // "motcua-kiosk": --help, and the prefix of every error line
    std::string description;  // --help's first line
    bool config = false;      // takes --config FILE
    bool printer = false;     // takes --printer URI
};

// SIGTERM and SIGINT (systemctl stop, Ctrl+C) ask the program to stop; the handler only records the
// signal, the frame loop and the script runner look at it (AppOptions::stopRequested). SDL's own handlers
// (which turn both into a window-close request the kiosk ignores) are never installed: SdlContext
// sets SDL_HINT_NO_SIGNAL_HANDLERS. One per process at a time; the previous handlers come back when
// it is destroyed.
class StopSignals {
  public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    static bool requested() noexcept;
    // The signal that came (SIGTERM, SIGINT), 0 when none.
    static int signal() noexcept;
    // As if a signal came (tests, and a program that wants to stop the same way).
    static void request(int signal) noexcept;
    // Forgets a stop asked before (a new StopSignals starts with none).
    static void reset() noexcept;
};

// Thrown by a step that cannot go on, with the exit status it means.
class StartupError : public std::runtime_error {
  public:
    StartupError(ExitStatus status, const std::string& message)
        : std::runtime_error(message), m_status(status) {}
    ExitStatus status() const noexcept { return m_status; }

  private:
    ExitStatus m_status;
};

// What the shell hands a program's steps.
struct ShellContext {
    const ProgramOptions& options;
    const queue::Clock& clock;
    queue::ManualClock* manualClock;  // set with --script (or ShellSettings::manualClock)
    std::function<void(const std::string&)> log;
    // The program's window once made (for start(): the console's --compact strip resizes it and keeps
    // it on top); null before.
    ui::Window* window = nullptr;
};

// The steps a program adds, called in order by ProgramShell.
class Program {
  public:
    virtual ~Program() = default;
    // Before any window: the database and what needs no screen. Throws queue::StoreRefused,
    // queue::ConfigError or queue::DatabaseError when the database cannot be used (exit status 5).
    virtual void open(const ShellContext& context) = 0;
    // The window: its title, and its size and fullscreen when the command line says neither (the
    // kiosk and the displays fill their screen; the console is a window beside the office's others).
    virtual WindowOptions window(const ShellContext& context) const = 0;
    // The App's options before it is made (theme, error message, on-demand drawing, hooks); the shell
    // then sets the log and the stop request.
    virtual void configure(const ShellContext& context, AppOptions& options, Theme& theme) = 0;
    // With the App made: the first screens.
    virtual void start(const ShellContext& context, App& app, ScreenStack& screens) = 0;
    // A script runner about to run a script: the program adds what its scripts may check (the kiosk:
    // what voice guidance said, for `said`).
    virtual void prepareScript(ui::ScriptRunner& /*runner*/) {}
    // After the frame loop or the script, also after a stop signal: lets work in progress end (the
    // kiosk's print), waiting at most grace.
    virtual void finish(std::chrono::milliseconds /*grace*/) {}
    // Releases what open() and start() made (they may refer to the clock): called by the shell once
    // the screens, the App and SDL are gone, before the clock goes; also when a step after open()
    // fails.
    virtual void close() = 0;
};

struct ShellSettings {
    // A manual clock even without --script (tests driving frames by hand).
    bool manualClock = false;
    // Where log lines go; stderr ("<name>: line") when empty.
    std::function<void(const std::string&)> log;
};

// The running program's parts, made in the order of the file comment by the constructor (steps 3
// to 6) and destroyed in reverse: the App and the screens, SDL, then Program::close(), then the
// clock. Throws StartupError (or the queue's errors from open()), having closed what was made.
class ProgramShell {
  public:
    // How long a stopping program waits for its work in progress (the kiosk's print: a printer that
    // hangs takes the printer thread 5.4 s). The units' TimeoutStopSec is longer.
    static constexpr std::chrono::seconds kStopGrace{8};
    // How long a program that ends by itself (quit, the end of a script) waits for the same: the
    // lobby display's last announcements.
    static constexpr std::chrono::seconds kDoneGrace{60};

    ProgramShell(ProgramSpec spec, ProgramOptions options, Program& program, ShellSettings settings = {});
    ~ProgramShell();
    ProgramShell(const ProgramShell&) = delete;
    ProgramShell& operator=(const ProgramShell&) = delete;

    const ProgramOptions& options() const noexcept;
    const queue::Clock& clock() const noexcept;
    queue::ManualClock* manualClock() noexcept;
    App& app() noexcept;
    void log(const std::string& line) const;

    // Runs a script file (needs the manual clock); relative screenshot paths go to --screenshots,
    // else the current directory.
    ScriptOutcome runScript(const std::filesystem::path& path);
    // Step 7: the script or the frame loop, then Program::finish. Returns the exit status.
    int run();

  private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
};

// The whole of a program's main: the command line (step 1: the shared options of spec, then
// addOptions' own), the stop signals (step 2), then run(options) inside the one error boundary that
// turns exceptions into exit statuses. run typically makes the program and its ProgramShell and
// returns ProgramShell::run().
int runProgram(const ProgramSpec& spec, int argc, char** argv,
               const std::function<void(CLI::App&)>& addOptions, ProgramOptions& options,
               const std::function<int()>& run);

// The exit status for an exception thrown while starting or running (the queue's refusals: 5,
// StartupError: its own, anything else: 1), with its line logged.
int exitStatusFor(const std::exception& error, const std::function<void(const std::string&)>& log);

}  // namespace motcua::shell
