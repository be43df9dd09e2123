#include "kiosk/console_app/pin_field.h"

#include <algorithm>

#include "kiosk/ui/painter.h"

namespace motcua::console {

namespace {
constexpr const char* kDot = "•";
constexpr const char* kPlaceholder = "Nhập mã PIN (4–8 chữ số)";
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
    const int y = bounds().y + (bounds().height - m_lineHeight) / 2;
    painter.drawText(empty ? kPlaceholder : masked(), m_style, empty ? p.mutedText : p.text,
                     {bounds().x + painter.theme().spacing(), y});
}

void PinField::collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    out.push_back({m_pin.empty() ? kPlaceholder : masked(), bounds().intersected(clip), this});
}

void PinField::collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip, bool scrolled) const {
    addLine(out, clip, scrolled, m_pin.empty() ? kPlaceholder : masked(), bounds().inset(2), false);
}

}  // namespace motcua::console
