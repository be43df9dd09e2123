#include "kiosk/console_app/console.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "kiosk/console_app/login_screen.h"

namespace motcua::console {

void addConsoleOptions(CLI::App& app, ConsoleOptions& options) {
    app.add_option("--counter", options.counter, "The counter this PC stands at (preselected at login)")
        ->check(CLI::Range(1, 999));
    app.add_option("--lock-minutes", options.lockMinutes, "How long 5 wrong PINs lock an account")
        ->check(CLI::Range(1, 24 * 60));
    app.add_flag("--compact", options.compact,
                 "After login, a one-line strip always on top (number, state, next move, F-keys) beside "
                 "other software");
}

Console::Console(queue::Database& db, const queue::Clock& clock, ui::ScreenStack& screens,
                 const ConsoleOptions& options)
    : m_session(db, clock, queue::StaffPolicy{5, options.lockMinutes}),
      m_screens(screens),
      m_catalogue(queue::loadCatalogue(db)),
      m_search(std::make_unique<queue::SearchIndex>(m_catalogue)),
      m_preferredCounter(options.counter),
      m_clock(clock),
      m_compactMode(options.compact),
      m_fullSize(options.program.size.value_or(ui::Size{1366, 768})) {}

void Console::attach(ui::App& app) {
    m_app = &app;
    app.watchServer([this] { return serverLost(); });
}

bool Console::serverLost() {
    // Logged in, the work screen or the strip polls (a second poll here would take their news).
    const queue::TimeMs now = m_clock.now();
    if (!m_session.loggedIn() && (now - m_lastServerCheck >= kServerCheckMs || now < m_lastServerCheck)) {
        m_lastServerCheck = now;
        m_session.poll();
    }
    return m_session.offline();
}

void Console::setCompact(bool compact) {
    if (!m_compactMode || compact == m_compactNow) return;
    m_compactNow = compact;
    if (m_window) {
        m_window->resize(compact ? ui::Size{m_fullSize.width, kStripHeight} : m_fullSize);
        m_window->setAlwaysOnTop(compact);
    }
    // Lay every screen out again for the new size.
    if (m_app) m_app->setTheme(m_app->theme());
}

void Console::tell(const ActionResult& result) {
    if (!result.messageVi.empty()) tell(result.messageVi, !result.ok);
}

void Console::tell(const std::string& message, bool error) {
    m_notice = Notice{message, error, m_clock.now()};
}

std::optional<Console::Notice> Console::notice() const {
    if (m_notice && m_clock.now() - m_notice->at < kNoticeMs) return m_notice;
    return std::nullopt;
}

std::unique_ptr<ui::Screen> Console::firstScreen() {
    return std::make_unique<LoginScreen>(*this);
}

std::string localDateVi(const queue::BusinessCalendar& calendar, queue::TimeMs t) {
    const std::string day = calendar.dayOf(t);  // YYYY-MM-DD
    if (day.size() != 10) return day;
    return day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
}

ui::Theme consoleTheme() {
    return ui::Theme(ui::Contrast::Normal, ui::TextSize::Normal);
}

}  // namespace motcua::console
