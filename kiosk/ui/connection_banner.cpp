#include "kiosk/ui/connection_banner.h"

#include <algorithm>

#include "kiosk/ui/icons.h"
#include "kiosk/ui/painter.h"
#include "kiosk/ui/text_fit.h"
#include "kiosk/ui/text_wrap.h"

namespace motcua::ui {

ConnectionBanner::ConnectionBanner(bool english, FontRole role, bool overlay)
    : m_overlay(overlay), m_role(role) {
    setEnglish(english);
}

void ConnectionBanner::setEnglish(bool english) {
    if (english == m_english && !m_message.empty()) return;
    m_english = english;
    m_message = std::string(english ? kConnectionLostEn : kConnectionLostVi);
    invalidateLayout();
}

int ConnectionBanner::iconPx(const LayoutContext& context) const {
    return context.theme.font(m_role).pixelSize * 3 / 2;
}

Size ConnectionBanner::measureContent(const LayoutContext& context, Size available) const {
    const TextStyle style = context.theme.font(m_role);
    const int pad = m_role == FontRole::Small ? context.theme.padding() / 2 : context.theme.padding();
    const int icon = iconPx(context);
    const auto lines = wrapText(context.metrics, m_message, style, available.width - 3 * pad - icon);
    const int text = static_cast<int>(lines.size()) * context.metrics.lineHeight(style);
    return {available.width, std::max(icon, text) + 2 * pad};
}

void ConnectionBanner::layoutChildren(const LayoutContext& context) {
    m_style = context.theme.font(m_role);
    m_lineHeight = context.metrics.lineHeight(m_style);
    m_iconPx = iconPx(context);
    m_pad = m_role == FontRole::Small ? context.theme.padding() / 2 : context.theme.padding();
    m_lines = wrapText(context.metrics, m_message, m_style, bounds().width - 3 * m_pad - m_iconPx);
    m_lineWidths.clear();
    for (const auto& line : m_lines) m_lineWidths.push_back(context.metrics.measure(line, m_style).width);
}

// Touches on the banner over a screen stop there: nothing under it is pressed by a tap meant for it.
bool ConnectionBanner::onInput(const InputEvent& event) {
    return m_overlay && event.isPointer();
}

// The text block, centred with the pictogram before it.
Rect ConnectionBanner::textArea() const {
    const int width = m_lineWidths.empty() ? 0 : *std::max_element(m_lineWidths.begin(), m_lineWidths.end());
    const int height = static_cast<int>(m_lines.size()) * m_lineHeight;
    const int group = m_iconPx + m_pad + width;
    const int x = bounds().x + std::max(m_pad, (bounds().width - group) / 2) + m_iconPx + m_pad;
    return {x, bounds().y + (bounds().height - height) / 2, width, height};
}

void ConnectionBanner::drawSelf(Painter& painter) const {
    const Palette& p = painter.theme().palette();
    painter.fillRect(bounds(), p.notice);
    painter.fillRect({bounds().x, bounds().bottom() - 3, bounds().width, 3}, p.noticeBorder);
    const Rect text = textArea();
    painter.drawIcon(
        icons::kCloudOff, m_iconPx, p.noticeText,
        {text.x - m_pad - m_iconPx, bounds().y + (bounds().height - m_iconPx) / 2, m_iconPx, m_iconPx});
    int y = text.y;
    for (const auto& line : m_lines) {
        painter.drawText(line, m_style, p.noticeText, {text.x, y});
        y += m_lineHeight;
    }
}

void ConnectionBanner::collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const {
    out.push_back({m_message, bounds().intersected(clip), this});
}

void ConnectionBanner::collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const {
    if (m_overlay)
        out.push_back({LayoutItem::Kind::Tappable, this, bounds(), bounds().intersected(clip), scrolled,
                       m_message, false});
    const Rect text = textArea();
    int y = text.y;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        addLine(out, clip, scrolled, m_lines[i], {text.x, y, m_lineWidths[i], m_lineHeight},
                breaksWord(m_message, m_lines));
        y += m_lineHeight;
    }
}

}  // namespace motcua::ui
