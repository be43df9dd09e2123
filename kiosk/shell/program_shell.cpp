#include "kiosk/shell/program_shell.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/sdl_context.h"
#include "queue/database.h"
#include "queue/office_config.h"
#include "queue/store.h"

namespace motcua::shell {

namespace {

// Written by the signal handler: lock-free atomics are async-signal-safe.
std::atomic<int> g_stopSignal{0};
std::atomic<bool> g_signalsInstalled{false};
static_assert(std::atomic<int>::is_always_lock_free);

struct sigaction g_previousTerm {};
struct sigaction g_previousInt {};

extern "C" void onStopSignal(int signal) {
    g_stopSignal.store(signal);
}

std::function<void(const std::string&)> stderrLog(const std::string& name) {
    return [name](const std::string& line) { std::cerr << name << ": " << line << '\n'; };
}

}  // namespace

StopSignals::StopSignals() {
    if (g_signalsInstalled.exchange(true))
        throw std::logic_error("StopSignals: already installed in this process");
    g_stopSignal = 0;
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // a poll() or write() in progress goes on; the loops look at the flag
    ::sigaction(SIGTERM, &action, &g_previousTerm);
    ::sigaction(SIGINT, &action, &g_previousInt);
}

StopSignals::~StopSignals() {
    ::sigaction(SIGTERM, &g_previousTerm, nullptr);
    ::sigaction(SIGINT, &g_previousInt, nullptr);
    g_signalsInstalled = false;
}

bool StopSignals::requested() noexcept {
    return g_stopSignal.load() != 0;
}
int StopSignals::signal() noexcept {
    return g_stopSignal.load();
}
void StopSignals::request(int signal) noexcept {
    g_stopSignal.store(signal);
}
void StopSignals::reset() noexcept {
    g_stopSignal.store(0);
}

struct ProgramShell::Parts {
    ProgramSpec spec;
    ProgramOptions options;
    Program& program;
    std::function<void(const std::string&)> log;
    std::unique_ptr<queue::Clock> clock;
    queue::ManualClock* manual = nullptr;
    std::unique_ptr<ShellContext> context;
    // Step 5, in order; destroyed in reverse by ~Parts.
    std::unique_ptr<ui::SdlContext> sdl;
    std::unique_ptr<ui::TtfContext> ttf;
    std::unique_ptr<ui::Window> window;
    std::unique_ptr<ui::Renderer> renderer;
    std::unique_ptr<ui::FontCache> fonts;
    std::unique_ptr<ui::ScreenStack> screens;
    std::unique_ptr<ui::App> app;

    bool opened = false;  // open() was called: close() is owed

    Parts(ProgramSpec s, ProgramOptions o, Program& p)
        : spec(std::move(s)), options(std::move(o)), program(p) {}
    ~Parts() {
        // The App before the screens, the screens before SDL, then what the program opened, then the
        // clock (the members would go in reverse anyway but for close(); the order is the contract).
        app.reset();
        screens.reset();
        fonts.reset();
        renderer.reset();
        window.reset();
        ttf.reset();
        sdl.reset();
        if (opened) program.close();
        context.reset();
        clock.reset();
    }
};

ProgramShell::ProgramShell(ProgramSpec spec, ProgramOptions options, Program& program, ShellSettings settings)
    : m_parts(std::make_unique<Parts>(std::move(spec), std::move(options), program)) {
    auto& p = *m_parts;
    p.log = settings.log ? settings.log : stderrLog(p.spec.name);

    // 3. The clock.
    if (settings.manualClock || p.options.script) {
        auto manual = std::make_unique<queue::ManualClock>(queue::SystemClock().now());
        p.manual = manual.get();
        p.clock = std::move(manual);
    } else {
        p.clock = std::make_unique<queue::SystemClock>();
    }
    p.context = std::make_unique<ShellContext>(ShellContext{p.options, *p.clock, p.manual, p.log, nullptr});

    // 4. What needs no screen (the queue's refusals pass through: exit status 5).
    p.opened = true;  // close() too if open() fails half way
    p.program.open(*p.context);

    // 5. The screen, in dependency order. Any failure here means no display, window, renderer or font.
    try {
        p.sdl = std::make_unique<ui::SdlContext>(ui::SdlOptions{p.options.headless});
        p.ttf = std::make_unique<ui::TtfContext>(*p.sdl);
        // The program's own window (its size, fullscreen or not) unless the command line says: --size
        // makes a window of that size (fullscreen only with --fullscreen), --fullscreen alone fills
        // the display.
        WindowOptions window = p.program.window(*p.context);
        if (p.options.size) {
            window.size = p.options.size;
            window.fullscreen = p.options.fullscreen;
        } else if (p.options.fullscreen) {
            window.fullscreen = true;
        }
        p.window = std::make_unique<ui::Window>(*p.sdl, window);
        p.context->window = p.window.get();
        p.renderer = std::make_unique<ui::Renderer>(*p.window);
        p.fonts = std::make_unique<ui::FontCache>(*p.ttf, ui::FontSet::locate());
    } catch (const std::exception& e) {
        throw StartupError(ExitStatus::NoDisplay, std::string("cannot start the screen: ") + e.what());
    }
    p.screens = std::make_unique<ui::ScreenStack>();

    // 6. The App and the program's screens.
    AppOptions appOptions;
    Theme theme;
    p.program.configure(*p.context, appOptions, theme);
    appOptions.log = p.log;
    appOptions.stopRequested = [] { return StopSignals::requested(); };
    p.app =
        std::make_unique<ui::App>(*p.renderer, *p.fonts, *p.screens, *p.clock, theme, std::move(appOptions));
    p.program.start(*p.context, *p.app, *p.screens);
}

ProgramShell::~ProgramShell() = default;

const ProgramOptions& ProgramShell::options() const noexcept {
    return m_parts->options;
}
const queue::Clock& ProgramShell::clock() const noexcept {
    return *m_parts->clock;
}
queue::ManualClock* ProgramShell::manualClock() noexcept {
    return m_parts->manual;
}
App& ProgramShell::app() noexcept {
    return *m_parts->app;
}
void ProgramShell::log(const std::string& line) const {
    m_parts->log(line);
}

ScriptOutcome ProgramShell::runScript(const std::filesystem::path& path) {
    auto& p = *m_parts;
    if (!p.manual) throw std::logic_error("a script needs the manual clock (ShellSettings::manualClock)");
    const auto base = p.options.screenshots.empty() ? std::filesystem::current_path() : p.options.screenshots;
    ui::ScriptRunner runner(*p.app, *p.manual, base);
    p.program.prepareScript(runner);
    return runner.runFile(path);
}

int ProgramShell::run() {
    auto& p = *m_parts;
    int status = static_cast<int>(ExitStatus::Ok);
    bool loop = true;
    if (p.options.script) {
        const auto outcome = runScript(*p.options.script);
        if (!outcome.ok) {
            p.log(ui::formatOutcome(outcome, p.options.script->string()));
            status = static_cast<int>(ExitStatus::Failed);
            loop = false;
        }
        // A script that ends without `quit` on a real display hands the program over to the user.
        if (outcome.quit || outcome.stopped || p.options.headless) loop = false;
    }
    if (loop) p.app->run();
    const bool stopping = StopSignals::requested();
    if (stopping) p.log(fmt::format("stopping on signal {}", StopSignals::signal()));
    p.program.finish(stopping ? std::chrono::milliseconds(kStopGrace)
                              : std::chrono::milliseconds(kDoneGrace));
    return status;
}

int exitStatusFor(const std::exception& error, const std::function<void(const std::string&)>& log) {
    if (const auto* startup = dynamic_cast<const StartupError*>(&error)) {
        log(startup->what());
        return static_cast<int>(startup->status());
    }
    if (dynamic_cast<const queue::StoreRefused*>(&error) || dynamic_cast<const queue::ConfigError*>(&error)) {
        log(error.what());
        return static_cast<int>(ExitStatus::Database);
    }
    if (dynamic_cast<const queue::DatabaseError*>(&error)) {
        log(std::string("database: ") + error.what());
        return static_cast<int>(ExitStatus::Database);
    }
    log(error.what());
    return static_cast<int>(ExitStatus::Failed);
}

int runProgram(const ProgramSpec& spec, int argc, char** argv,
               const std::function<void(CLI::App&)>& addOptions, ProgramOptions& options,
               const std::function<int()>& run) {
    const auto log = stderrLog(spec.name);
    CLI::App cli{spec.description, spec.name};
    ui::addProgramOptions(cli, options, ui::OptionSet{spec.config, spec.printer});
    if (addOptions) addOptions(cli);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with status 0; anything else is bad usage: 2.
        const int printed = cli.exit(e);
        return printed == 0 ? 0 : static_cast<int>(ExitStatus::Usage);
    }
    try {
        StopSignals signals;
        return run();
    } catch (const std::exception& e) {
        return exitStatusFor(e, log);
    }
}

}  // namespace motcua::shell
