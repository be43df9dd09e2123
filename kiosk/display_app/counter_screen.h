// The small display at one counter, which is also the satisfaction-rating tablet facing the citizen.
// Idle: the counter's name and the number it serves, large ("Tạm nghỉ" on a break). When the officer
// finishes a ticket here (a `finish` event at this counter), it asks the citizen to rate the service
// with one large button per level of the office's scale; the first tap is stored through
// QueueService::rate(number, level, "counter") and thanked, later taps do nothing; with no answer it
// goes back to idle after RatingConfig::timeoutSeconds.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/display_app/lobby_screen.h"
#include "kiosk/display_app/queue_feed.h"
#include "kiosk/display_app/scene.h"
#include "kiosk/ui/screen.h"
#include "queue/office_config.h"

namespace motcua::display {

inline constexpr const char* kRatingQuestion = "Ông/bà đánh giá thế nào về sự phục vụ?";
inline constexpr const char* kThanks = "Cảm ơn ông/bà!";

enum class CounterMode { Idle, Rating, Thanks };

// Everything the counter composition depends on.
struct CounterView {
    const CounterRow* row = nullptr;  // null: the counter is not configured
    int counter = 0;
    CounterMode mode = CounterMode::Idle;
    std::string ratingNumber;                // Rating, Thanks
    std::vector<queue::RatingLevel> levels;  // Rating
    std::string thanksDetail;                // Thanks: what happened to the answer
};

// Button actions in the composed scene are indexes into view.levels.
Scene composeCounter(const CounterView& view, ui::Size size, ui::TextMetrics& metrics,
                     const LobbyPalette& palette = {});

class CounterScreen final : public ui::Screen {
  public:
    static constexpr std::chrono::milliseconds kThanksFor{6000};

    // feed and clock must outlive the screen.
    CounterScreen(QueueFeed& feed, int counter, const queue::Clock& clock);

    void layout(const ui::LayoutContext& context, ui::Size size) override;
    bool needsLayout() const override { return m_stale; }
    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;
    bool needsRedraw() const override { return m_changed; }
    void draw(ui::Painter& painter) const override;
    void collectVisibleText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const override;

    CounterMode mode() const noexcept { return m_mode; }
    const std::string& ratingNumber() const noexcept { return m_ratingNumber; }
    // Ratings stored by this screen.
    std::size_t ratingsStored() const noexcept { return m_stored; }
    const Scene& scene() const noexcept { return m_scene; }

  private:
    void enter(CounterMode mode);
    void rate(std::size_t level);

    QueueFeed& m_feed;
    int m_counter;
    const queue::Clock& m_clock;
    std::vector<queue::RatingLevel> m_levels;
    CounterMode m_mode = CounterMode::Idle;
    queue::TimeMs m_modeSince = 0;
    std::string m_ratingNumber;
    std::string m_thanksDetail;
    Scene m_scene;
    bool m_stale = true;
    bool m_changed = true;
    std::size_t m_stored = 0;
};

}  // namespace motcua::display
