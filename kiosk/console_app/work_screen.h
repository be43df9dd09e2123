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

namespace motcua::ui {
class Button;
}

namespace motcua::console {

// The move an officer usually makes next: call (nothing at the counter), start (called), finish
// (serving). The console fills that button in; the compact strip names it.
Move nextMove(const CounterView& view);
const char* moveLabel(Move move);
// text up to its first " — ", " (" or ". ", whichever comes first (all of text when none does): a
// notice's news without its reason, where there is one line for it.
std::string firstClause(const std::string& text);
ui::Key moveKey(Move move);
// A called number taken online and not yet checked in at the kiosk: the whole minutes left before it
// becomes a no-show by itself (rounded up; 0 or less: the time is up), from the deadline QueueService
// computes (OnlineCheckInState::deadline). nullopt when no check-in is awaited (not online, checked
// in, or the office asks for none).
std::optional<long long> checkInMinutesLeft(const queue::OnlineCheckInState& checkIn, queue::TimeMs now);
// The ticket card's red line for it: "Chưa xác nhận có mặt tại kiosk · còn 7 phút" ("" when none).
std::string checkInLine(const queue::OnlineCheckInState& checkIn, queue::TimeMs now);

class WorkScreen final : public ui::WidgetScreen {
  public:
    // The notice line and the ticket card keep these heights in every state, so no button moves.
    static constexpr int kNoticeHeight = 36;
    static constexpr int kPadding = 16;
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
    // Chooses the arrangement for the window and text size (see m_dense) the first time it sees them.
    void layout(const ui::LayoutContext& context, ui::Size size) override;
    // Whether the screen uses its dense arrangement now.
    bool dense() const noexcept { return m_dense; }
    // Whether the moves scroll (no window size an office has: the layout tests check).
    bool scrollsMoves() const noexcept { return m_scrollMoves; }
    // The lost-server banner takes the notice line: nothing else moves.
    bool showsConnectionBanner() const override { return true; }

  private:
    void rebuild();
    std::unique_ptr<ui::Widget> buildTicketCard();
    std::unique_ptr<ui::Widget> buildActions();
    std::unique_ptr<ui::Widget> buildSide();
    // "Lịch hẹn hôm nay (n)": opens today's appointments (AppointmentsScreen).
    std::unique_ptr<ui::Button> appointmentsButton();
    // When the ticket was taken, called and started, its recalls (and, dense, its transfer).
    std::string timesText() const;
    void perform(Move move);
    void toggleBreak();
    // "Tạm nghỉ (F11)" or, on a break, "Tiếp tục làm việc (F11)" (dense: "Tiếp tục (F11)").
    static std::string pauseLabel(bool onBreak, bool dense);
    // Tight: the moves behind "Thao tác khác" (F6-F10), as a list to choose from.
    void chooseOtherMove();
    // Asks what the officer found on checking the current priority ticket, and records it.
    void checkPriority();
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
    // Dense: the arrangement for a window where the regular one does not fit (1280x720, 1024x768,
    // large text): each move's key beside its label instead of under it, the ticket card (number,
    // state, times) at the top of the side column, the notice its first clause; where even that does not
    // fit (large text at 1024x768), the moves scroll (m_scrollMoves). Chosen once per window size and
    // text size, so no button moves between states.
    bool m_dense = false;
    // Tight: where even the dense arrangement's moves do not fit (large text at 1024x768): the moves
    // in two columns, those of every ticket (call, recall, start, finish, no-show) and "Thao tác khác"
    // for the rest (their F-keys work as ever), the clock left out of the header. Where even that does
    // not fit, the moves scroll (m_scrollMoves; no window an office has).
    bool m_tight = false;
    bool m_scrollMoves = false;
    // The pause button: as wide as the wider of its two labels, in the regular and the dense form.
    int m_pauseWidthRegular = 0;
    int m_pauseWidthDense = 0;
    ui::Size m_arrangedFor{};
    double m_arrangedScale = 1;
    // The notice line and the card, for the text size (kNoticeHeight and kTicketCardHeight at normal).
    int m_noticeHeight = kNoticeHeight;
    int m_cardHeight = kTicketCardHeight;
    ui::Widget* m_moves = nullptr;  // the moves' box, to see whether it fits the window
};

}  // namespace motcua::console
