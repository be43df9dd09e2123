// The staff console: its options and what its screens share (Console). console_program.h is the
// program.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/console_app/console_session.h"
#include "kiosk/ui/app.h"
#include "kiosk/ui/program_options.h"
#include "kiosk/ui/screen_stack.h"
#include "kiosk/ui/window.h"
#include "queue/catalogue.h"
#include "queue/search.h"

namespace CLI {
class App;
}

namespace motcua::console {

struct ConsoleOptions {
    ui::ProgramOptions program;
    int counter = 0;       // --counter: preselected on the login screen (0: none)
    bool compact = false;  // --compact: after login, a one-line strip always on top (CompactScreen)
    int lockMinutes = 15;  // --lock-minutes: how long 5 wrong PINs lock an account
};

// Registers the console's own options (the shell registers the shared ones).
void addConsoleOptions(CLI::App& app, ConsoleOptions& options);

// Reasons offered for a break, in order.
inline const std::vector<std::string> kBreakReasons = {"Nghỉ giữa giờ", "Họp", "Việc khác"};

// What the console's screens share: the officer's session, the catalogue (for finishing), the
// screen stack and the banner. Owned by whoever runs the program; outlives every screen.
class Console {
  public:
    // db, clock and screens must outlive the Console.
    Console(queue::Database& db, const queue::Clock& clock, ui::ScreenStack& screens,
            const ConsoleOptions& options);

    // The App is built after the Console (it shows the App's banner for a screen that failed, and the
    // lost-server banner while serverLost()).
    void attach(ui::App& app);
    // Whether the database server cannot be reached. The work screen and the strip poll the session
    // and show the banner in their notice line; before login this looks itself (at most every
    // kServerCheckMs), and the App shows the banner over the screen.
    bool serverLost();
    static constexpr queue::TimeMs kServerCheckMs = 250;
    // The window, for the compact strip (may be left unattached: no resizing).
    void attachWindow(ui::Window& window) noexcept { m_window = &window; }
    bool compactMode() const noexcept { return m_compactMode; }
    // Strip or full window (--compact): the strip is kStripHeight tall and always on top.
    void setCompact(bool compact);
    static constexpr int kStripHeight = 120;

    ConsoleSession& session() noexcept { return m_session; }
    ui::ScreenStack& screens() noexcept { return m_screens; }
    const queue::Catalogue& catalogue() const noexcept { return m_catalogue; }
    const queue::SearchIndex& search() const noexcept { return *m_search; }
    int preferredCounter() const noexcept { return m_preferredCounter; }
    const queue::BusinessCalendar& calendar() const noexcept { return m_session.calendar(); }
    const queue::Clock& clock() const noexcept { return m_clock; }

    // The outcome of the last action, shown on the work screen under its header (not in the App's
    // banner, which would cover the ticket and the header's buttons).
    struct Notice {
        std::string text;
        bool error = false;
        queue::TimeMs at = 0;
    };
    void tell(const ActionResult& result);
    void tell(const std::string& message, bool error);
    // The notice while it is fresh (kNoticeMs), else nullopt.
    std::optional<Notice> notice() const;
    static constexpr queue::TimeMs kNoticeMs = 20'000;

    // The first screen (login).
    std::unique_ptr<ui::Screen> firstScreen();

  private:
    ConsoleSession m_session;
    ui::ScreenStack& m_screens;
    queue::Catalogue m_catalogue;
    std::unique_ptr<queue::SearchIndex> m_search;
    int m_preferredCounter;
    ui::App* m_app = nullptr;
    const queue::Clock& m_clock;
    std::optional<Notice> m_notice;
    queue::TimeMs m_lastServerCheck = 0;
    ui::Window* m_window = nullptr;
    bool m_compactMode = false;
    bool m_compactNow = false;
    ui::Size m_fullSize{1366, 768};
};

// "30/11/2026": the local date at t, as Vietnamese write it.
std::string localDateVi(const queue::BusinessCalendar& calendar, queue::TimeMs t);

// The console's look: the toolkit's theme (sizes are chosen per widget for a 1366×768 office PC).
ui::Theme consoleTheme();

}  // namespace motcua::console
