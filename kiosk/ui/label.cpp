#include "kiosk/ui/label.h"

#include "kiosk/ui/painter.h"
#include "kiosk/ui/text_wrap.h"

#include <algorithm>

namespace motcua::ui {

Colour resolveColour(const Palette& palette, TextColour colour) {
    switch (colour) {
        case TextColour::Normal: return palette.text;
        case TextColour::Muted: return palette.mutedText;
        case TextColour::Primary: return palette.primary;
        case TextColour::OnPrimary: return palette.primaryText;
        case TextColour::Danger: return palette.danger;
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
    const TextStyle style = context.theme.font(m_role);
    const auto lines = wrapText(context.metrics, m_text, style, available.width);
    int width = 0;
    for (const auto& line : lines) width = std::max(width, context.metrics.measure(line, style).width);
    return {width, static_cast<int>(lines.size()) * context.metrics.lineHeight(style)};
}

void Label::layoutChildren(const LayoutContext& context) {
    m_style = context.theme.font(m_role);
    m_lineHeight = context.metrics.lineHeight(m_style);
    m_lines = wrapText(context.metrics, m_text, m_style, bounds().width);
    m_lineWidths.clear();
    for (const auto& line : m_lines) m_lineWidths.push_back(context.metrics.measure(line, m_style).width);
}

void Label::drawSelf(Painter& painter) const {
    const Colour colour = resolveColour(painter.theme().palette(), m_colour);
    // Lines are vertically centred when the label is given more height than it needs.
    const int textHeight = static_cast<int>(m_lines.size()) * m_lineHeight;
    int y = bounds().y + std::max(0, (bounds().height - textHeight) / 2);
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        int x = bounds().x;
        if (m_align == TextAlign::Center) x += (bounds().width - m_lineWidths[i]) / 2;
        if (m_align == TextAlign::Right) x += bounds().width - m_lineWidths[i];
        painter.drawText(m_lines[i], m_style, colour, {x, y});
        y += m_lineHeight;
    }
}

void Label::collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const {
    if (m_text.empty()) return;
    out.push_back({m_text, bounds().intersected(clip)});
}

}  // namespace motcua::ui
