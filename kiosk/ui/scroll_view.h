// A vertical viewport on one content widget taller than itself: drag to scroll, fling with momentum
// that decays over time, offsets clamped to the content. Content shorter than the viewport is given
// the viewport's whole height (its weighted children fill it) and does not scroll; a drag then goes
// on to an enclosing ScrollView. While more lies below, a scroll bar and a "more below" mark at the
// bottom edge say so. Time comes only from update(dt), so the
// motion is the same in a test, a script and on the kiosk.
#pragma once

#include <memory>

#include "kiosk/ui/widget.h"

namespace motcua::ui {

class ScrollView final : public Widget {
  public:
    // Velocity decays as exp(-kFriction * t): a fling travels velocity / kFriction pixels in all.
    static constexpr double kFriction = 4.0;
    // Below this speed (px/s) the motion stops.
    static constexpr double kStopSpeed = 10.0;
    // A fling is capped at this speed (px/s).
    static constexpr double kMaxSpeed = 8000.0;

    explicit ScrollView(std::unique_ptr<Widget> content);

    Widget& content() noexcept { return *m_content; }
    int offset() const noexcept { return m_offset; }
    int maxOffset() const noexcept;
    double velocity() const noexcept { return m_velocity; }
    int contentHeight() const noexcept { return m_contentHeight; }
    // The height this view asks of its parent (0: all of its content's). A list beside a keyboard asks
    // little and takes the room its row gives it.
    void setPreferredHeight(int px) {
        m_preferredHeight = px;
        invalidateLayout();
    }
    // Whether something lies below the viewport (the "more below" mark is shown).
    bool moreBelow() const noexcept { return m_offset < maxOffset(); }
    int minimumHeight(const LayoutContext&, int) const override { return 0; }
    // Jumps to offset (clamped) and stops any motion.
    void scrollTo(int offset);
    // Starts a fling as if released at this vertical speed (px/s; positive scrolls towards the end).
    void fling(double velocity);

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    bool onInput(const InputEvent& event) override;
    void onUpdate(std::chrono::milliseconds dt) override;
    void drawSelf(Painter& painter) const override;
    void drawChildren(Painter& painter) const override;
    void collectChildText(std::vector<VisibleText>& out, const Rect& clip) const override;
    void collectChildLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const override;
    bool childAreaContains(Point point) const override { return bounds().contains(point); }

  private:
    void setOffset(double offset);
    Widget* m_content;  // owned as the only child
    int m_offset = 0;
    double m_exactOffset = 0;
    double m_velocity = 0;
    int m_contentHeight = 0;
    int m_preferredHeight = 0;
};

}  // namespace motcua::ui
