#include "kiosk/ui/button.h"

#include "kiosk/ui/painter.h"
#include "kiosk/ui/text_wrap.h"

#include <algorithm>

namespace motcua::ui {

namespace {
int horizontalPadding(const Theme& theme) { return theme.spacing(); }
int verticalPadding(const Theme& theme) { return theme.spacing(); }
}  // namespace

Button::Button(std::string label, Callback onTap, ButtonStyle style, FontRole role)
    : m_label(std::move(label)), m_onTap(std::move(onTap)), m_style(style), m_role(role) {}

void Button::setLabel(std::string label) {
    if (label == m_label) return;
    m_label = std::move(label);
    invalidateLayout();
}

void Button::setSecondary(std::string text) {
    if (text == m_secondary) return;
    m_secondary = std::move(text);
    invalidateLayout();
}

void Button::activate() {
    if (m_enabled && m_onTap) m_onTap();
}

Size Button::measureContent(const LayoutContext& context, Size available) const {
    const Theme& theme = context.theme;
    const int padX = horizontalPadding(theme);
    const int padY = verticalPadding(theme);
    const int textWidth = std::max(1, available.width - 2 * padX);
    const TextStyle labelStyle = theme.font(m_role);
    const TextStyle secondaryStyle = theme.font(FontRole::Small);
    int width = 0;
    int height = 0;
    for (const auto& line : wrapText(context.metrics, m_label, labelStyle, textWidth)) {
        width = std::max(width, context.metrics.measure(line, labelStyle).width);
        height += context.metrics.lineHeight(labelStyle);
    }
    if (!m_secondary.empty()) {
        for (const auto& line : wrapText(context.metrics, m_secondary, secondaryStyle, textWidth)) {
            width = std::max(width, context.metrics.measure(line, secondaryStyle).width);
            height += context.metrics.lineHeight(secondaryStyle);
        }
    }
    const int minTouch = theme.minTouchPx();
    return {std::max(minTouch, width + 2 * padX), std::max(minTouch, height + 2 * padY)};
}

void Button::layoutChildren(const LayoutContext& context) {
    const Theme& theme = context.theme;
    const int textWidth = std::max(1, bounds().width - 2 * horizontalPadding(theme));
    m_labelStyle = theme.font(m_role);
    m_secondaryStyle = theme.font(FontRole::Small);
    m_labelLineHeight = context.metrics.lineHeight(m_labelStyle);
    m_secondaryLineHeight = context.metrics.lineHeight(m_secondaryStyle);
    m_labelLines = wrapText(context.metrics, m_label, m_labelStyle, textWidth);
    m_labelWidths.clear();
    for (const auto& line : m_labelLines) m_labelWidths.push_back(context.metrics.measure(line, m_labelStyle).width);
    m_secondaryLines.clear();
    m_secondaryWidths.clear();
    if (!m_secondary.empty()) {
        m_secondaryLines = wrapText(context.metrics, m_secondary, m_secondaryStyle, textWidth);
        for (const auto& line : m_secondaryLines)
            m_secondaryWidths.push_back(context.metrics.measure(line, m_secondaryStyle).width);
    }
}

bool Button::onInput(const InputEvent& event) {
    switch (event.type) {
        case InputType::PointerDown:
            m_pressed = m_enabled;
            return false;  // ancestors see it too (a ScrollView stops its momentum)
        case InputType::PointerDrag:
            // A drag is a scroll, not a press: let the ScrollView above take it.
            m_pressed = false;
            return false;
        case InputType::PointerUp:
            m_pressed = false;
            return false;
        case InputType::Tap:
            if (bounds().contains(event.position)) activate();
            return true;
        default: return false;
    }
}

void Button::drawSelf(Painter& painter) const {
    const Palette& p = painter.theme().palette();
    const bool primary = m_style == ButtonStyle::Primary;
    Colour fill = primary ? (m_pressed ? p.primaryPressed : p.primary) : (m_pressed ? p.secondaryPressed : p.secondary);
    Colour text = primary ? p.primaryText : p.secondaryText;
    if (!m_enabled) {
        fill = p.background;
        text = p.mutedText;
    }
    const int radius = painter.theme().cornerRadius();
    // A visible edge in every theme: people must see where a button ends.
    painter.fillRoundedRect(bounds(), radius, p.border);
    painter.fillRoundedRect(bounds().inset(2), radius - 2, fill);

    const int total = static_cast<int>(m_labelLines.size()) * m_labelLineHeight +
                      static_cast<int>(m_secondaryLines.size()) * m_secondaryLineHeight;
    int y = bounds().y + (bounds().height - total) / 2;
    for (std::size_t i = 0; i < m_labelLines.size(); ++i) {
        painter.drawText(m_labelLines[i], m_labelStyle, text, {bounds().x + (bounds().width - m_labelWidths[i]) / 2, y});
        y += m_labelLineHeight;
    }
    for (std::size_t i = 0; i < m_secondaryLines.size(); ++i) {
        painter.drawText(m_secondaryLines[i], m_secondaryStyle, text,
                         {bounds().x + (bounds().width - m_secondaryWidths[i]) / 2, y});
        y += m_secondaryLineHeight;
    }
}

void Button::collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const {
    const Rect visible = bounds().intersected(clip);
    if (!m_label.empty()) out.push_back({m_label, visible});
    if (!m_secondary.empty()) out.push_back({m_secondary, visible});
}

}  // namespace motcua::ui
