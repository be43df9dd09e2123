#include "kiosk/ui/label.h"

#include <algorithm>

#include "kiosk/ui/painter.h"

namespace motcua::ui {

Colour resolveColour(const Palette& palette, TextColour colour) {
    switch (colour) {
        case TextColour::Normal:
            return palette.text;
        case TextColour::Muted:
            return palette.mutedText;
        case TextColour::Primary:
            return palette.primary;
        case TextColour::OnPrimary:
            return palette.primaryText;
        case TextColour::Danger:
            return palette.danger;
        case TextColour::OnNotice:
            return palette.noticeText;
        case TextColour::OnEmphasis:
            return palette.primaryText;
    }
    return palette.text;
}

Label::Label(std::string text, FontRole role, TextAlign align, TextColour colour)
    : m_text(std::move(text)), m_role(role), m_align(align), m_colour(colour) {}

void Label::setText(std::string text) {
    if (text == m_text) return;
    m_text = std::move(text);
    invalidateLayout();
}

void Label::setRole(FontRole role) {
    m_role = role;
    invalidateLayout();
}

Size Label::measureContent(const LayoutContext& context, Size available) const {
    const auto fitted = fitText(context.metrics, m_text, context.theme.font(m_role), available.width);
    int width = 0;
    for (const auto& line : fitted.lines)
        width = std::max(width, context.metrics.measure(line, fitted.style).width);
    return {width, static_cast<int>(fitted.lines.size()) * context.metrics.lineHeight(fitted.style)};
}

void Label::layoutChildren(const LayoutContext& context) {
    auto fitted = fitText(context.metrics, m_text, context.theme.font(m_role), bounds().width);
    m_style = fitted.style;
    m_lineHeight = context.metrics.lineHeight(m_style);
    m_lines = std::move(fitted.lines);
    m_brokenWord = fitted.brokenWord;
    m_lineWidths.clear();
    for (const auto& line : m_lines) m_lineWidths.push_back(context.metrics.measure(line, m_style).width);
}

Rect Label::lineRect(std::size_t i) const {
    // Lines are vertically centred when the label is given more height than it needs.
    const int textHeight = static_cast<int>(m_lines.size()) * m_lineHeight;
    const int y =
        bounds().y + std::max(0, (bounds().height - textHeight) / 2) + static_cast<int>(i) * m_lineHeight;
    int x = bounds().x;
    if (m_align == TextAlign::Center) x += (bounds().width - m_lineWidths[i]) / 2;
    if (m_align == TextAlign::Right) x += bounds().width - m_lineWidths[i];
    return {x, y, m_lineWidths[i], m_lineHeight};
}

void Label::drawSelf(Painter& painter) const {
    const Colour colour = resolveColour(painter.theme().palette(), m_colour);
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        const Rect r = lineRect(i);
        painter.drawText(m_lines[i], m_style, colour, {r.x, r.y});
    }
}

void Label::collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const {
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        addLine(out, clip, scrolled, m_lines[i], lineRect(i), m_brokenWord);
}

void Label::collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const {
    if (m_text.empty()) return;
    out.push_back({m_text, bounds().intersected(clip), this});
}

}  // namespace motcua::ui
