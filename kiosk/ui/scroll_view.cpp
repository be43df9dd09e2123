#include "kiosk/ui/scroll_view.h"

#include "kiosk/ui/painter.h"

#include <algorithm>
#include <cmath>

namespace motcua::ui {

ScrollView::ScrollView(std::unique_ptr<Widget> content) : m_content(&add(std::move(content))) {}

namespace {
int barWidthFor(const Theme& theme) { return std::max(8, theme.minTouchPx() / 6); }
// Content keeps clear of the scroll bar.
int gutterFor(const Theme& theme) { return barWidthFor(theme) + theme.spacing() / 2; }
}  // namespace

int ScrollView::maxOffset() const noexcept { return std::max(0, m_contentHeight - bounds().height); }

Size ScrollView::measureContent(const LayoutContext& context, Size available) const {
    // Wants all the content's height; the parent decides how much it gets.
    const Size s = m_content->measure(context, {available.width - gutterFor(context.theme), kUnbounded});
    return {s.width + gutterFor(context.theme), s.height};
}

void ScrollView::layoutChildren(const LayoutContext& context) {
    const int width = std::max(0, bounds().width - gutterFor(context.theme));
    m_contentHeight = std::max(bounds().height, m_content->measure(context, {width, kUnbounded}).height);
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

void ScrollView::fling(double velocity) { m_velocity = std::clamp(velocity, -kMaxSpeed, kMaxSpeed); }

bool ScrollView::onInput(const InputEvent& event) {
    switch (event.type) {
        case InputType::PointerDown:
            m_velocity = 0;  // a finger on a moving list stops it
            return false;
        case InputType::PointerDrag:
            m_velocity = 0;
            setOffset(m_exactOffset - event.delta.y);
            return true;
        case InputType::PointerUp:
            // Content follows the finger, so a finger moving up (negative) scrolls towards the end.
            fling(-event.velocityY);
            return true;
        default: return false;
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
}

void ScrollView::collectChildText(std::vector<VisibleText>& out, const Rect& clip) const {
    m_content->collectVisibleText(out, clip.intersected(bounds()));
}

}  // namespace motcua::ui
