#include "kiosk/console_app/console.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kiosk/console_app/login_screen.h"

namespace motcua::console {

void addConsoleOptions(CLI::App& app, ConsoleOptions& options) {
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

}  // namespace motcua::console
