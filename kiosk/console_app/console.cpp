#include "kiosk/console_app/console.h"

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kiosk/console_app/login_screen.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "queue/store.h"

namespace motcua::console {

void addConsoleOptions(CLI::App& app, ConsoleOptions& options) {
    ui::addProgramOptions(app, options.program);
    app.add_option("--counter", options.counter, "The counter this PC stands at (preselected at login)")
        ->check(CLI::Range(1, 999));
    app.add_option("--lock-minutes", options.lockMinutes, "How long 5 wrong PINs lock an account")
        ->check(CLI::Range(1, 24 * 60));
}

Console::Console(queue::Database& db, const queue::Clock& clock, ui::ScreenStack& screens, const ConsoleOptions& options)
    : m_session(db, clock, queue::StaffPolicy{5, options.lockMinutes}),
      m_screens(screens),
      m_catalogue(queue::loadCatalogue(db)),
      m_search(std::make_unique<queue::SearchIndex>(m_catalogue)),
      m_preferredCounter(options.counter),
      m_clock(clock) {}

void Console::tell(const ActionResult& result) {
    if (!result.messageVi.empty()) tell(result.messageVi, !result.ok);
}

void Console::tell(const std::string& message, bool error) { m_notice = Notice{message, error, m_clock.now()}; }

std::optional<Console::Notice> Console::notice() const {
    if (m_notice && m_clock.now() - m_notice->at < kNoticeMs) return m_notice;
    return std::nullopt;
}

std::unique_ptr<ui::Screen> Console::firstScreen() { return std::make_unique<LoginScreen>(*this); }

std::string localDateVi(const queue::BusinessCalendar& calendar, queue::TimeMs t) {
    const std::string day = calendar.dayOf(t);  // YYYY-MM-DD
    if (day.size() != 10) return day;
    return day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
}

ui::Theme consoleTheme() { return ui::Theme(ui::Contrast::Normal, ui::TextSize::Normal); }

int runConsole(const ConsoleOptions& options) {
    const auto dbPath = options.program.db.value_or(queue::defaultDatabasePath());
    queue::Database db = [&] {
        try {
            return queue::openStore(dbPath, queue::OpenPurpose::Use);
        } catch (const queue::StoreRefused& e) {
            throw std::runtime_error(fmt::format("cannot open the database {}: {}", dbPath.string(), e.what()));
        }
    }();
    // A script runs on a manual clock (its `wait` is instant), starting now.
    queue::SystemClock systemClock;
    queue::ManualClock manualClock(systemClock.now());
    const queue::Clock& clock = options.program.script ? static_cast<const queue::Clock&>(manualClock) : systemClock;

    ui::SdlContext sdl(ui::SdlOptions{options.program.headless});
    ui::TtfContext ttf(sdl);
    ui::Window window(sdl, ui::WindowOptions{"motcua — quầy tiếp nhận", options.program.size.value_or(ui::Size{1366, 768}),
                                             options.program.fullscreen});
    ui::Renderer renderer(window);
    ui::FontCache fonts(ttf, ui::FontSet::locate());
    ui::ScreenStack screens;
    Console console(db, clock, screens, options);
    ui::AppOptions appOptions;
    appOptions.errorMessage = "Đã xảy ra lỗi. Màn hình đã quay về đăng nhập; xin đăng nhập lại.";
    ui::App app(renderer, fonts, screens, clock, consoleTheme(), appOptions);
    console.attach(app);
    screens.push(console.firstScreen());

    if (options.program.script) {
        ui::ScriptRunner runner(app, manualClock, options.program.script->parent_path());
        const auto outcome = runner.runFile(*options.program.script);
        std::cerr << ui::formatOutcome(outcome, options.program.script->filename().string()) << '\n';
        return outcome.ok ? 0 : 1;
    }
    const int status = app.run();
    console.session().logout();
    return status;
}

}  // namespace motcua::console
