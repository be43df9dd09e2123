#include "kiosk/ui/banner.h"

#include <algorithm>

#include "kiosk/ui/painter.h"
#include "kiosk/ui/text_fit.h"
#include "kiosk/ui/text_wrap.h"

namespace motcua::ui {

Banner::Banner() {
    setVisible(false);
}

void Banner::show(std::string message, std::chrono::milliseconds duration, BannerKind kind) {
    m_message = std::move(message);
    m_kind = kind;
    m_remaining = duration;
    setVisible(true);
    invalidateLayout();
}

void Banner::hide() {
    m_remaining = std::chrono::milliseconds{0};
    setVisible(false);
}

Size Banner::measureContent(const LayoutContext& context, Size available) const {
    const TextStyle style = context.theme.font(FontRole::Heading);
    const int pad = context.theme.padding();
    const auto lines = wrapText(context.metrics, m_message, style, available.width - 2 * pad);
    return {available.width,
            std::max(context.theme.minTouchPx(),
                     static_cast<int>(lines.size()) * context.metrics.lineHeight(style) + 2 * pad)};
}

void Banner::layoutChildren(const LayoutContext& context) {
    m_style = context.theme.font(FontRole::Heading);
    m_lineHeight = context.metrics.lineHeight(m_style);
    m_lines = wrapText(context.metrics, m_message, m_style, bounds().width - 2 * context.theme.padding());
    m_lineWidths.clear();
    for (const auto& line : m_lines) m_lineWidths.push_back(context.metrics.measure(line, m_style).width);
}

bool Banner::onInput(const InputEvent& event) {
    if (event.type == InputType::Tap) {
        hide();
        return true;
    }
    return event.isPointer();  // nothing under the banner gets a touch meant for it
}

void Banner::onUpdate(std::chrono::milliseconds dt) {
    if (!visible()) return;
    m_remaining -= dt;
    if (m_remaining.count() <= 0) hide();
}

void Banner::drawSelf(Painter& painter) const {
    const Palette& p = painter.theme().palette();
    const bool error = m_kind == BannerKind::Error;
    painter.fillRect(bounds(), error ? p.danger : p.primary);
    painter.fillRect({bounds().x, bounds().bottom() - 4, bounds().width, 4}, p.border);
    const Colour text = error ? p.dangerText : p.primaryText;
    const int total = static_cast<int>(m_lines.size()) * m_lineHeight;
    int y = bounds().y + (bounds().height - total) / 2;
    for (const auto& line : m_lines) {
        const int w = painter.metrics().measure(line, m_style).width;
        painter.drawText(line, m_style, text, {bounds().x + (bounds().width - w) / 2, y});
        y += m_lineHeight;
    }
}

void Banner::collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const {
    out.push_back({m_message, bounds().intersected(clip), this});
}

void Banner::collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const {
    // The whole strip takes taps (they dismiss it); its text is its own.
    out.push_back(
        {LayoutItem::Kind::Tappable, this, bounds(), bounds().intersected(clip), scrolled, m_message, false});
    int y = bounds().y + (bounds().height - static_cast<int>(m_lines.size()) * m_lineHeight) / 2;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        addLine(out, clip, scrolled, m_lines[i],
                {bounds().x + (bounds().width - m_lineWidths[i]) / 2, y, m_lineWidths[i], m_lineHeight},
                breaksWord(m_message, m_lines));
        y += m_lineHeight;
    }
}

}  // namespace motcua::ui
