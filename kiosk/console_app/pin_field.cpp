#include "kiosk/console_app/pin_field.h"

#include <algorithm>

#include "kiosk/ui/painter.h"

namespace motcua::console {

namespace {
constexpr const char* kDot = "•";
// Short: the line above the field says what to do ("3. Nhập mã PIN rồi bấm Enter").
constexpr const char* kPlaceholder = "Mã PIN: 4–8 chữ số";
}  // namespace

PinField::PinField(std::function<void()> onSubmit, std::string initial)
    : m_pin(std::move(initial)), m_onSubmit(std::move(onSubmit)) {}

std::string PinField::masked() const {
    std::string out;
    for (std::size_t i = 0; i < m_pin.size(); ++i) out += i ? std::string(" ") + kDot : kDot;
    return out;
}

ui::Size PinField::measureContent(const ui::LayoutContext& context, ui::Size available) const {
    const auto style = context.theme.font(ui::FontRole::Body);
    return {available.width, std::max(context.theme.minTouchPx(),
                                      context.metrics.lineHeight(style) + 2 * context.theme.spacing())};
}

void PinField::layoutChildren(const ui::LayoutContext& context) {
    m_style = context.theme.font(ui::FontRole::Body);
    m_lineHeight = context.metrics.lineHeight(m_style);
    m_padding = context.theme.spacing();
    // The placeholder in the body size, or smaller down to the small text when the field is narrow
    // (a 1024x768 screen in large text); the layout check sees it where it is drawn.
    const int room = std::max(1, bounds().width - 2 * m_padding);
    const int floor = context.theme.font(ui::FontRole::Small).pixelSize;
    m_placeholderStyle = m_style;
    m_placeholderSize = context.metrics.measure(kPlaceholder, m_placeholderStyle);
    while (m_placeholderSize.width > room && m_placeholderStyle.pixelSize > floor) {
        --m_placeholderStyle.pixelSize;
        m_placeholderSize = context.metrics.measure(kPlaceholder, m_placeholderStyle);
    }
}

ui::Rect PinField::textRect() const {
    if (!m_pin.empty())
        return {bounds().x + m_padding, bounds().y + (bounds().height - m_lineHeight) / 2,
                bounds().width - 2 * m_padding, m_lineHeight};
    return {bounds().x + m_padding, bounds().y + (bounds().height - m_placeholderSize.height) / 2,
            m_placeholderSize.width, m_placeholderSize.height};
}

bool PinField::onInput(const ui::InputEvent& event) {
    switch (event.type) {
        case ui::InputType::Tap:
            return true;
        case ui::InputType::Text:
            for (char c : event.text)
                if (c >= '0' && c <= '9' && m_pin.size() < kMaxDigits) m_pin.push_back(c);
            return true;
        case ui::InputType::Key:
            if (event.key == ui::Key::Backspace) {
                if (!m_pin.empty()) m_pin.pop_back();
                return true;
            }
            if (event.key == ui::Key::Return) {
                if (m_onSubmit) m_onSubmit();
                return true;
            }
            return false;
        default:
            return false;
    }
}

void PinField::drawSelf(ui::Painter& painter) const {
    const auto& p = painter.theme().palette();
    const int radius = painter.theme().cornerRadius();
    painter.fillRoundedRect(bounds(), radius, p.focus);
    painter.fillRoundedRect(bounds().inset(3), radius - 3, p.surface);
    const bool empty = m_pin.empty();
    const ui::Rect at = textRect();
    ui::ClipScope clip(painter, bounds().inset(3));
    painter.drawText(empty ? kPlaceholder : masked(), empty ? m_placeholderStyle : m_style,
                     empty ? p.mutedText : p.text, {at.x, at.y});
}

void PinField::collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    out.push_back({m_pin.empty() ? kPlaceholder : masked(), bounds().intersected(clip), this});
}

void PinField::collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip, bool scrolled) const {
    addLine(out, clip, scrolled, m_pin.empty() ? kPlaceholder : masked(), textRect(), false);
}

}  // namespace motcua::console
