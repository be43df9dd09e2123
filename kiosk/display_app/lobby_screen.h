// The lobby display (a TV read from across the waiting room): office name, clock and date, a row per
// counter with the number it serves, the latest call highlighted (blinking for a few seconds), the
// last calls, waiting counts per service, and a ticker of the office's own lines. Each call and
// recall read from the queue is handed to the announcer (chime + voice) in order.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "kiosk/display_app/queue_feed.h"
#include "kiosk/display_app/scene.h"
#include "kiosk/ui/screen.h"
#include "kiosk/voice/announcer.h"

namespace motcua::display {

// The lobby's colours: light text on dark navy (a TV in a bright room, read from 6 m).
struct LobbyPalette {
    ui::Colour background{0x0A, 0x1A, 0x33};
    ui::Colour band{0x06, 0x2B, 0x63};
    ui::Colour rowA{0x13, 0x2E, 0x55};
    ui::Colour rowB{0x0F, 0x25, 0x46};
    ui::Colour text{0xFF, 0xFF, 0xFF};
    ui::Colour muted{0xC4, 0xD2, 0xE6};
    ui::Colour number{0xFF, 0xE0, 0x66};     // the numbers being served
    ui::Colour highlight{0xFF, 0xD0, 0x3A};  // the latest call's box
    ui::Colour onHighlight{0x0A, 0x1A, 0x33};
    ui::Colour priority{0xC2, 0x41, 0x0C};  // priority numbers: an orange pill, white on it 5.2:1...
    ui::Colour onPriority{0xFF, 0xFF, 0xFF};
    ui::Colour paused{0x5A, 0x66, 0x78};  // a counter on a break
};

// Everything the lobby composition depends on.
struct LobbyView {
    const LobbyState& state;
    const OfficeInfo& office;
    std::string clock;  // "08:05"
    std::string date;   // "Thứ Hai, 30/11/2026"
    std::string ticker;
    bool highlightOn = true;  // false during the dark half of a blink
    bool closed = false;      // numbers are not issued now (the ticker says until when)
};

// The mark beside a priority number (colour alone is not enough for everyone).
inline constexpr const char* kPriorityMark = "Ưu tiên";
inline constexpr const char* kPausedText = "Tạm nghỉ";

// Lays the lobby out for size on the TV type scale (ticket numbers 96 px, counter names 44 px, all other
// text 36 px at 1080 lines): up to 6 counters one row each, 7-8 in two columns, above 8 simple
// "counter → number" tiles; "Mời công dân có số" shows a number only while its counter still calls it.
Scene composeLobby(const LobbyView& view, ui::Size size, ui::TextMetrics& metrics,
                   const LobbyPalette& palette = {});

class LobbyScreen final : public ui::Screen {
  public:
    static constexpr std::chrono::milliseconds kBlinkFor{8000};
    static constexpr std::chrono::milliseconds kBlinkPeriod{500};
    static constexpr std::chrono::milliseconds kTickerPeriod{8000};

    // feed and clock must outlive the screen; announcer may be null (no voice).
    LobbyScreen(QueueFeed& feed, const queue::Clock& clock, voice::Announcer* announcer);

    void layout(const ui::LayoutContext& context, ui::Size size) override;
    bool needsLayout() const override { return m_stale; }
    void handleInput(const ui::InputEvent&) override {}
    void update(std::chrono::milliseconds dt) override;
    bool needsRedraw() const override { return m_changed; }
    void draw(ui::Painter& painter) const override;
    void collectVisibleText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const override;

    // Calls handed to the announcer since construction.
    std::size_t announced() const noexcept { return m_announced; }
    const Scene& scene() const noexcept { return m_scene; }

  private:
    // What the composition depends on besides the state; a change means a new scene.
    struct Face {
        std::string clock;
        std::string date;
        std::size_t tickerIndex = 0;
        bool highlightOn = true;
        // While numbers are not issued, the ticker says when they are again (both languages).
        std::string closed;
        bool operator==(const Face&) const = default;
    };
    Face faceAt(queue::TimeMs now) const;

    QueueFeed& m_feed;
    const queue::Clock& m_clock;
    voice::Announcer* m_announcer;
    OfficeInfo m_office;
    std::vector<std::string> m_ticker;
    queue::TimeMs m_latestAt = 0;  // when the latest call came (clock of this display)
    Face m_face;
    Scene m_scene;
    bool m_stale = true;
    bool m_changed = true;
    std::size_t m_announced = 0;
    // Since the settings were last read again (motcua init may have changed hours or the office's text).
    std::chrono::milliseconds m_sinceSettings{0};
};

}  // namespace motcua::display
