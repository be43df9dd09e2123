#include "kiosk/ui/text_input.h"

#include <algorithm>

#include "kiosk/ui/painter.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace motcua::ui {

using text::appendUtf8;
using text::codePointCount;
using text::decodeUtf8;
using text::isValidUtf8;
using text::popBackCodePoint;
using text::toNfc;

TextInput::TextInput(std::string placeholder, FontRole role)
    : m_placeholder(std::move(placeholder)), m_role(role) {}

void TextInput::setText(std::string text) {
    if (!isValidUtf8(text)) return;
    changed(toNfc(text));
}

void TextInput::changed(std::string text) {
    if (codePointCount(text) > m_maxLength || text == m_text) return;
    m_text = std::move(text);
    if (m_onChange) m_onChange(m_text);
}

void TextInput::type(char32_t c) {
    if (c == U'\n' || c == U'\r' || c < 0x20) return;
    if (m_telex) {
        changed(telexType(m_text, c));
    } else {
        std::string next = m_text;
        appendUtf8(next, c);
        changed(toNfc(next));
    }
}

void TextInput::typeText(std::string_view utf8) {
    if (!isValidUtf8(utf8)) return;
    // Decomposed input (a combining tone after its vowel) composes here, before Telex sees it.
    for (char32_t c : decodeUtf8(toNfc(utf8))) type(c);
}

void TextInput::backspace() {
    std::string next = m_text;
    popBackCodePoint(next);
    changed(std::move(next));
}

void TextInput::applyToneKey(Tone tone) {
    changed(applyTone(m_text, tone));
}
void TextInput::applyLetterKey(char32_t letter) {
    changed(ui::applyLetterKey(m_text, letter));
}

Size TextInput::measureContent(const LayoutContext& context, Size available) const {
    const TextStyle style = context.theme.font(m_role);
    const int height = context.metrics.lineHeight(style) + 2 * padding(context.theme);
    return {available.width, std::max(context.theme.minTouchPx(), height)};
}

void TextInput::layoutChildren(const LayoutContext& context) {
    m_style = context.theme.font(m_role);
    m_padding = padding(context.theme);
    // A placeholder wider than the field (a narrow column in large text) is drawn smaller, down to
    // 60 % of the field's size, rather than cut at the frame.
    const int room = std::max(1, bounds().width - 2 * m_padding);
    // Regular weight, so that the hint never looks like typed text (which is in the field's font, bold
    // in a heading field), colour aside: in high contrast the muted colour is a light yellow.
    m_placeholderStyle = m_style;
    m_placeholderStyle.weight = FontWeight::Regular;
    m_placeholderSize = context.metrics.measure(m_placeholder, m_placeholderStyle);
    const int floor = m_style.pixelSize * 6 / 10;
    while (m_placeholderSize.width > room && m_placeholderStyle.pixelSize > floor) {
        m_placeholderStyle.pixelSize =
            std::max(floor, m_placeholderStyle.pixelSize * room / std::max(1, m_placeholderSize.width));
        m_placeholderSize = context.metrics.measure(m_placeholder, m_placeholderStyle);
        if (m_placeholderStyle.pixelSize == floor) break;
    }
}

Rect TextInput::placeholderRect() const {
    const Rect inner = bounds().inset(m_padding);
    return {inner.x, inner.y + (inner.height - m_placeholderSize.height) / 2, m_placeholderSize.width,
            m_placeholderSize.height};
}

bool TextInput::onInput(const InputEvent& event) {
    switch (event.type) {
        case InputType::Tap:
            m_focused = true;
            return true;
        case InputType::Text:
            if (!m_focused) return false;
            typeText(event.text);
            return true;
        case InputType::Key:
            if (!m_focused) return false;
            if (event.key == Key::Backspace) {
                backspace();
                return true;
            }
            if (event.key == Key::Return) {
                if (m_onSubmit) m_onSubmit(m_text);
                return true;
            }
            return false;
        default:
            return false;
    }
}

void TextInput::drawSelf(Painter& painter) const {
    const Palette& p = painter.theme().palette();
    const int radius = painter.theme().cornerRadius();
    painter.fillRoundedRect(bounds(), radius, m_focused ? p.focus : p.border);
    painter.fillRoundedRect(bounds().inset(3), radius - 3, p.surface);
    const Rect inner = bounds().inset(m_padding);
    ClipScope clip(painter, inner);
    const bool empty = m_text.empty();
    if (empty) {
        const Rect at = placeholderRect();
        painter.drawText(m_placeholder, m_placeholderStyle, p.mutedText, {at.x, at.y});
        if (m_focused)
            painter.fillRect({inner.x, inner.y + inner.height / 8, 4, inner.height * 3 / 4}, p.text);
        return;
    }
    const std::string& shown = m_text;
    const Size textSize = painter.metrics().measure(shown, m_style);
    // When the text is longer than the field, its end (where typing happens) stays visible.
    const int cursorWidth = 4;
    int x = inner.x;
    if (!empty && textSize.width + cursorWidth > inner.width)
        x = inner.right() - textSize.width - cursorWidth;
    const int y = inner.y + (inner.height - textSize.height) / 2;
    painter.drawText(shown, m_style, empty ? p.mutedText : p.text, {x, y});
    if (m_focused) {
        const int cx = empty ? inner.x : x + textSize.width + 2;
        painter.fillRect({cx, inner.y + inner.height / 8, cursorWidth, inner.height * 3 / 4}, p.text);
    }
}

void TextInput::collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const {
    const Rect visible = bounds().intersected(clip);
    if (!m_text.empty())
        out.push_back({m_text, visible, this});
    else if (!m_placeholder.empty())
        out.push_back({m_placeholder, visible, this});
}

void TextInput::collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const {
    // The field's text is drawn inside its frame (scrolled to its end when longer); the placeholder
    // where it is drawn, so the layout check sees it cut when it is wider than the field.
    if (m_text.empty())
        addLine(out, clip, scrolled, m_placeholder, placeholderRect(), false);
    else
        addLine(out, clip, scrolled, m_text, bounds().inset(2), false);
}

}  // namespace motcua::ui
