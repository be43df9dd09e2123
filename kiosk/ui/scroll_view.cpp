#include "kiosk/ui/scroll_view.h"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/icons.h"
#include "kiosk/ui/painter.h"

namespace motcua::ui {

ScrollView::ScrollView(std::unique_ptr<Widget> content) : m_content(&add(std::move(content))) {}

namespace {
int barWidthFor(const Theme& theme) {
    return std::max(8, theme.minTouchPx() / 6);
}
// Content keeps clear of the scroll bar.
int gutterFor(const Theme& theme) {
    return barWidthFor(theme) + theme.spacing() / 2;
}
}  // namespace

int ScrollView::maxOffset() const noexcept {
    return std::max(0, m_contentHeight - bounds().height);
}

Size ScrollView::measureContent(const LayoutContext& context, Size available) const {
    // Wants all the content's height; the parent decides how much it gets.
    const Size s = m_content->measure(context, {available.width - gutterFor(context.theme), kUnbounded});
    const int height = m_preferredHeight > 0 ? std::min(s.height, m_preferredHeight) : s.height;
    return {s.width + gutterFor(context.theme), height};
}

void ScrollView::layoutChildren(const LayoutContext& context) {
    // The scroll bar's gutter only when the content does not fit: otherwise the content has the
    // whole width and lines up with what is outside the view.
    int width = bounds().width;
    int needed = m_content->measure(context, {width, kUnbounded}).height;
    if (needed > bounds().height) {
        width = std::max(0, bounds().width - gutterFor(context.theme));
        needed = m_content->measure(context, {width, kUnbounded}).height;
    }
    m_contentHeight = std::max(bounds().height, needed);
    m_exactOffset = std::clamp(m_exactOffset, 0.0, static_cast<double>(maxOffset()));
    m_offset = static_cast<int>(std::lround(m_exactOffset));
    m_content->layout(context, {bounds().x, bounds().y - m_offset, width, m_contentHeight});
}

void ScrollView::setOffset(double offset) {
    const double clamped = std::clamp(offset, 0.0, static_cast<double>(maxOffset()));
    if (clamped != offset) m_velocity = 0;  // hit an end: stop, no bounce
    m_exactOffset = clamped;
    const int rounded = static_cast<int>(std::lround(clamped));
    if (rounded != m_offset) {
        m_content->translate(0, m_offset - rounded);
        m_offset = rounded;
    }
}

void ScrollView::scrollTo(int offset) {
    m_velocity = 0;
    setOffset(offset);
}

void ScrollView::fling(double velocity) {
    m_velocity = std::clamp(velocity, -kMaxSpeed, kMaxSpeed);
}

bool ScrollView::onInput(const InputEvent& event) {
    switch (event.type) {
        case InputType::PointerDown:
            m_velocity = 0;  // a finger on a moving list stops it
            return false;
        case InputType::PointerDrag:
            if (maxOffset() <= 0) return false;  // nothing to scroll here: an outer view may
            m_velocity = 0;
            setOffset(m_exactOffset - event.delta.y);
            return true;
        case InputType::PointerUp:
            if (maxOffset() <= 0) return false;
            // Content follows the finger, so a finger moving up (negative) scrolls towards the end.
            fling(-event.velocityY);
            return true;
        default:
            return false;
    }
}

void ScrollView::onUpdate(std::chrono::milliseconds dt) {
    if (m_velocity == 0 || dt.count() <= 0) return;
    const double t = static_cast<double>(dt.count()) / 1000.0;
    const double decay = std::exp(-kFriction * t);
    // Exact integral of v0 * exp(-k t) over the step, so large steps (a script's `wait`) land where
    // many small frames would.
    const double distance = m_velocity * (1.0 - decay) / kFriction;
    m_velocity *= decay;
    if (std::abs(m_velocity) < kStopSpeed) m_velocity = 0;
    setOffset(m_exactOffset + distance);
}

void ScrollView::drawSelf(Painter&) const {}

void ScrollView::drawChildren(Painter& painter) const {
    {
        ClipScope clip(painter, bounds());
        m_content->draw(painter);
    }
    if (maxOffset() <= 0) return;
    // A wide, always-visible scroll bar: tells people there is more below.
    const Palette& p = painter.theme().palette();
    const int barWidth = barWidthFor(painter.theme());
    const Rect track{bounds().right() - barWidth, bounds().y, barWidth, bounds().height};
    const int thumbHeight = std::max(barWidth * 3, bounds().height * bounds().height / m_contentHeight);
    const int thumbY = track.y + (track.height - thumbHeight) * m_offset / maxOffset();
    painter.fillRect(track, p.secondary);
    painter.fillRoundedRect({track.x, thumbY, barWidth, thumbHeight}, barWidth / 2, p.border);
    if (!moreBelow()) return;
    // "More below": a round mark with a downward arrow at the bottom edge, over the content.
    const int side = std::max(40, painter.theme().minTouchPx() * 3 / 4);
    const Rect mark{bounds().x + (bounds().width - barWidth - side) / 2, bounds().bottom() - side - 6, side,
                    side};
    painter.fillRoundedRect(mark.inset(-2), side / 2 + 2, p.background);
    painter.fillRoundedRect(mark, side / 2, p.primary);
    painter.drawIcon(icons::kDoubleArrowDown, side * 3 / 4, p.primaryText, mark);
}

void ScrollView::collectChildLayout(std::vector<LayoutItem>& out, const Rect& clip, bool) const {
    m_content->collectLayout(out, clip.intersected(bounds()), true);
}

void ScrollView::collectChildText(std::vector<VisibleText>& out, const Rect& clip) const {
    m_content->collectVisibleText(out, clip.intersected(bounds()));
}

}  // namespace motcua::ui
