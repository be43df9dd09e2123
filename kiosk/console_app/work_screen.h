// The officer's one screen for the work: the ticket at this counter with its times, the moves as big
// buttons with keyboard shortcuts (enabled only when the move is allowed), the waiting list in this
// counter's call order with the reason the next one is next, held tickets, and alerts. It polls the
// database (PRAGMA data_version) a few times a second and rebuilds itself from the session's view.
//
// Shortcuts: F1 call next, F2 recall, F3 start, F4 finish, F5 no-show, F6 return to the front,
// F7 return to the back, F8 hold, F9 transfer, F10 call a given number, F11 break / back to work,
// F12 refresh.
#pragma once

#include <optional>

#include "kiosk/console_app/console.h"
#include "kiosk/ui/screen.h"

namespace motcua::console {

// The move an officer usually makes next: call (nothing at the counter), start (called), finish
// (serving). The console fills that button in; the compact strip names it.
Move nextMove(const CounterView& view);
const char* moveLabel(Move move);
ui::Key moveKey(Move move);

class WorkScreen final : public ui::WidgetScreen {
  public:
    // The notice line and the ticket card keep these heights in every state, so no button moves.
    static constexpr int kNoticeHeight = 36;
    // The card: the number line and two lines of times (a served ticket's times wrap at 1366 px).
    static constexpr int kTicketCardHeight = 152;
    static constexpr std::chrono::milliseconds kPollInterval{250};
    // The waits shown are whole minutes; the screen is redrawn this often even when nothing changes.
    static constexpr std::chrono::milliseconds kClockInterval{10'000};

    // returnToCompact: opened from the compact strip for one move; goes back to it after that move
    // (or on Escape).
    explicit WorkScreen(Console& console, bool returnToCompact = false);
    // Makes move as soon as this screen is on top (the strip's moves that need the full console).
    void performAfterShow(Move move) { m_pendingMove = move; }

    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;
    void onShow() override;
    // The lost-server banner takes the notice line: nothing else moves.
    bool showsConnectionBanner() const override { return true; }

  private:
    void rebuild();
    std::unique_ptr<ui::Widget> buildTicketCard();
    std::unique_ptr<ui::Widget> buildActions();
    std::unique_ptr<ui::Widget> buildSide();
    void perform(Move move);
    void toggleBreak();
    void after(const ActionResult& result);
    std::string seen() const;

    Console& m_console;
    bool m_dirty = true;
    std::chrono::milliseconds m_sincePoll{0};
    std::chrono::milliseconds m_sinceClock{0};
    // The ticket number the officer is looking at (what the last rebuild showed).
    std::string m_shown;
    bool m_noticeShown = false;
    bool m_offlineShown = false;
    bool m_returnToCompact = false;
    std::optional<Move> m_pendingMove;
    bool m_moveStarted = false;
};

}  // namespace motcua::console
