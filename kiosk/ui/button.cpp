#include "kiosk/ui/button.h"

#include <algorithm>

#include "kiosk/ui/icons.h"
#include "kiosk/ui/painter.h"

namespace motcua::ui {

namespace {
int maxWidth(TextMetrics& metrics, const FittedText& text) {
    int w = 0;
    for (const auto& line : text.lines) w = std::max(w, metrics.measure(line, text.style).width);
    return w;
}
}  // namespace

int Button::Text::height() const {
    return static_cast<int>(label.lines.size()) * labelLineHeight +
           static_cast<int>(secondary.lines.size()) * secondaryLineHeight;
}

int Button::Text::width(TextMetrics& metrics) const {
    return std::max(maxWidth(metrics, label), maxWidth(metrics, secondary));
}

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

void Button::setIcon(char32_t icon) {
    if (icon == m_icon) return;
    m_icon = icon;
    invalidateLayout();
}

void Button::setShape(ButtonShape shape) {
    if (shape == m_shape) return;
    m_shape = shape;
    invalidateLayout();
}

void Button::activate() {
    if (m_enabled && m_onTap) m_onTap();
}

int Button::iconPx(const Theme& theme) const {
    if (m_shape == ButtonShape::Radio) return theme.font(FontRole::Heading).pixelSize;
    if (m_icon == 0) return 0;
    const int label = theme.font(m_role).pixelSize;
    // A pictogram above a centred label is a tile's emblem: twice the label; beside a row's text, a
    // little taller than its capitals.
    if (m_shape == ButtonShape::Centered) return label * 2;
    return m_shape == ButtonShape::Inline ? label * 5 / 4 : label * 3 / 2;
}

int Button::leading(const Theme& theme) const {
    if (m_shape == ButtonShape::Centered) return 0;
    const int px = iconPx(theme);
    // Radio: the mark, then the pictogram when there is one.
    const int pictogram = m_shape == ButtonShape::Radio && m_icon ? px + theme.spacing() : 0;
    return (px > 0 ? px + theme.spacing() : 0) + pictogram;
}

int Button::trailing(const Theme& theme) const {
    return m_shape == ButtonShape::Row ? theme.font(FontRole::Heading).pixelSize + theme.spacing() / 2 : 0;
}

Button::Text Button::shape(const LayoutContext& context, int textWidth) const {
    Text t;
    t.label = fitText(context.metrics, m_label, context.theme.font(m_role), textWidth);
    t.labelLineHeight = context.metrics.lineHeight(t.label.style);
    if (!m_secondary.empty()) {
        t.secondary = fitText(context.metrics, m_secondary, context.theme.font(FontRole::Small), textWidth);
        t.secondaryLineHeight = context.metrics.lineHeight(t.secondary.style);
    }
    return t;
}

Size Button::measureContent(const LayoutContext& context, Size available) const {
    const Theme& theme = context.theme;
    const int pad = theme.spacing();
    const int side = leading(theme) + trailing(theme);
    const int textWidth = std::max(1, available.width - 2 * pad - side);
    const Text t = shape(context, textWidth);
    int height = t.height();
    if (m_shape == ButtonShape::Centered && m_icon) height += iconPx(theme);
    if (m_shape != ButtonShape::Centered) height = std::max(height, iconPx(theme));
    const int minTouch = theme.minTouchPx();
    return {std::max(minTouch, t.width(context.metrics) + 2 * pad + side),
            std::max(minTouch, height + 2 * pad)};
}

void Button::layoutChildren(const LayoutContext& context) {
    const Theme& theme = context.theme;
    m_padding = theme.spacing();
    m_leading = leading(theme);
    m_trailing = trailing(theme);
    m_iconPx = iconPx(theme);
    m_text = shape(context, std::max(1, bounds().width - 2 * m_padding - m_leading - m_trailing));
    m_labelWidths.clear();
    for (const auto& line : m_text.label.lines)
        m_labelWidths.push_back(context.metrics.measure(line, m_text.label.style).width);
    m_secondaryWidths.clear();
    for (const auto& line : m_text.secondary.lines)
        m_secondaryWidths.push_back(context.metrics.measure(line, m_text.secondary.style).width);
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
        default:
            return false;
    }
}

std::vector<std::pair<Rect, const std::string*>> Button::placedLines() const {
    std::vector<std::pair<Rect, const std::string*>> out;
    const Rect b = bounds();
    const bool centred = m_shape == ButtonShape::Centered || m_shape == ButtonShape::Inline;
    const int iconBlock = m_shape == ButtonShape::Centered && m_icon ? m_iconPx : 0;
    // Inline: the pictogram and the text are centred together.
    const int shift = m_shape == ButtonShape::Inline ? m_leading / 2 : 0;
    int y = b.y + (b.height - m_text.height() - iconBlock) / 2 + iconBlock;
    const int left = b.x + m_padding + m_leading;
    auto place = [&](const std::vector<std::string>& lines, const std::vector<int>& widths, int lineHeight) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const int x = centred ? b.x + (b.width - widths[i]) / 2 + shift : left;
            // The line's real width: one wider than the room shows up in the layout check.
            out.push_back({{x, y, widths[i], lineHeight}, &lines[i]});
            y += lineHeight;
        }
    };
    place(m_text.label.lines, m_labelWidths, m_text.labelLineHeight);
    place(m_text.secondary.lines, m_secondaryWidths, m_text.secondaryLineHeight);
    return out;
}

void Button::drawSelf(Painter& painter) const {
    const Palette& p = painter.theme().palette();
    const bool primary = m_style == ButtonStyle::Primary;
    const bool radio = m_shape == ButtonShape::Radio;
    Colour fill =
        primary ? (m_pressed ? p.primaryPressed : p.primary) : (m_pressed ? p.secondaryPressed : p.secondary);
    Colour text = primary ? p.primaryText : p.secondaryText;
    Colour edge = p.border;
    int edgeWidth = 2;
    if (m_ownColours) {
        fill = m_fill;
        text = m_textColour;
        if (m_pressed) fill = p.primaryPressed;
    }
    if (radio && m_selected) {
        // The chosen answer: a thick edge in the primary colour, the mark filled.
        fill = m_pressed ? p.secondaryPressed : p.surface;
        text = p.text;
        edge = p.primary;
        edgeWidth = 5;
    }
    if (!m_enabled) {
        // Unavailable: no fill, a faint edge and faint text, so it does not read as something to press.
        fill = p.background;
        text = p.disabledText;
        edge = p.disabledText;
        edgeWidth = 1;
    }
    const int radius = painter.theme().cornerRadius();
    // A visible edge in every theme: people must see where a button ends.
    painter.fillRoundedRect(bounds(), radius, edge);
    painter.fillRoundedRect(bounds().inset(edgeWidth), std::max(0, radius - edgeWidth), fill);

    const Rect b = bounds();
    if (radio) {
        const Colour mark = m_enabled ? (m_selected ? p.primary : text) : p.disabledText;
        painter.drawIcon(m_selected ? icons::kRadioChecked : icons::kRadioUnchecked, m_iconPx, mark,
                         {b.x + m_padding, b.y, m_iconPx, b.height});
        if (m_icon)
            painter.drawIcon(
                m_icon, m_iconPx, text,
                {b.x + m_padding + m_iconPx + painter.theme().spacing(), b.y, m_iconPx, b.height});
    } else if (m_icon) {
        if (m_shape == ButtonShape::Centered) {
            const int top = b.y + (b.height - m_text.height() - m_iconPx) / 2;
            painter.drawIcon(m_icon, m_iconPx, text, {b.x, top, b.width, m_iconPx});
        } else if (m_shape == ButtonShape::Inline) {
            int widest = 0;
            for (int w : m_labelWidths) widest = std::max(widest, w);
            const int x = b.x + (b.width - widest - m_leading) / 2;
            painter.drawIcon(m_icon, m_iconPx, text, {x, b.y, m_iconPx, b.height});
        } else {
            painter.drawIcon(m_icon, m_iconPx, text, {b.x + m_padding, b.y, m_iconPx, b.height});
        }
    }
    if (m_shape == ButtonShape::Row) {
        const int px = painter.theme().font(FontRole::Heading).pixelSize;
        painter.drawIcon(icons::kChevronRight, px, text, {b.right() - m_padding - px, b.y, px, b.height});
    }
    const auto lines = placedLines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool isLabel = i < m_text.label.lines.size();
        painter.drawText(*lines[i].second, isLabel ? m_text.label.style : m_text.secondary.style, text,
                         {lines[i].first.x, lines[i].first.y});
    }
}

void Button::collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const {
    const Rect visible = bounds().intersected(clip);
    if (!m_label.empty()) out.push_back({m_label, visible, this});
    if (!m_secondary.empty()) out.push_back({m_secondary, visible, this});
}

void Button::collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const {
    out.push_back(
        {LayoutItem::Kind::Tappable, this, bounds(), bounds().intersected(clip), scrolled, m_label, false});
    // The text keeps to the room beside the pictogram and the chevron, inside the edge.
    const Rect b = bounds();
    const Rect room{b.x + m_padding + m_leading, b.y, b.width - 2 * m_padding - m_leading - m_trailing,
                    b.height};
    const auto lines = placedLines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool isLabel = i < m_text.label.lines.size();
        addLine(out, clip, scrolled, *lines[i].second, lines[i].first,
                isLabel ? m_text.label.brokenWord : m_text.secondary.brokenWord, room);
    }
}

}  // namespace motcua::ui
