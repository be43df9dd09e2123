// The console as a strip (motcua-console --compact), for an officer whose PC also runs the national
// one-stop software: one line, always on top, that shows the counter's ticket (number, state, service,
// a priority mark), the move that usually comes next as the filled button, and the other moves with
// their F-keys. Moves that need room (finishing with the procedure, transfer, a given number, a break)
// open the full console for that move and come back to the strip after it.
#pragma once

#include <optional>

#include "kiosk/console_app/console.h"
#include "kiosk/ui/screen.h"

namespace motcua::console {

class CompactScreen final : public ui::WidgetScreen {
  public:
    static constexpr std::chrono::milliseconds kPollInterval{250};

    explicit CompactScreen(Console& console);

    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;
    void onShow() override;
    // Chooses the strip's buttons for the window's width (see m_narrow) the first time it sees it.
    void layout(const ui::LayoutContext& context, ui::Size size) override;
    // The lost-server banner takes the place of the state and notice lines: the buttons stay put.
    bool showsConnectionBanner() const override { return true; }

  private:
    void rebuild();
    void perform(Move move);
    // The full console (for one move, then back here).
    void openFull(std::optional<Move> move = std::nullopt);

    Console& m_console;
    bool m_dirty = true;
    std::chrono::milliseconds m_sincePoll{0};
    std::chrono::milliseconds m_sinceClock{0};
    std::string m_shown;
    bool m_noticeShown = false;
    bool m_offlineShown = false;
    // Narrow: where the strip's moves would leave the state less than kMinInfoWidth (a window 1280 or
    // 1024 wide), only the next move is a button (in one place, as wide as the widest of them) beside
    // "Mở rộng"; every F-key still works. Chosen once per width, so no button moves between states.
    static constexpr int kMinInfoWidth = 260;
    bool m_narrow = false;
    int m_arrangedWidth = 0;
    int m_nextMoveWidth = 0;
    ui::Widget* m_info = nullptr;  // the state and notice lines, to see how wide they came out
};

}  // namespace motcua::console
