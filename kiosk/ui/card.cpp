#include "kiosk/ui/card.h"

#include "kiosk/ui/painter.h"

namespace motcua::ui {

Card::Card(CardStyle style, std::unique_ptr<Widget> content)
    : m_style(style), m_content(&add(std::move(content))) {}

CardColours cardColours(const Palette& p, CardStyle style) {
    switch (style) {
        case CardStyle::Notice:
            return {p.notice, p.noticeBorder, p.noticeText};
        case CardStyle::Emphasis:
            return {p.primary, p.primary, p.primaryText};
        case CardStyle::Surface:
            break;
    }
    return {p.surface, p.border, p.text};
}

Size Card::measureContent(const LayoutContext& context, Size available) const {
    const int pad = context.theme.spacing();
    const Size inner = m_content->measure(context, {available.width - 2 * pad, available.height});
    return {inner.width + 2 * pad, inner.height + 2 * pad};
}

void Card::layoutChildren(const LayoutContext& context) {
    m_content->layout(context, bounds().inset(context.theme.spacing()));
}

void Card::drawSelf(Painter& painter) const {
    const CardColours c = cardColours(painter.theme().palette(), m_style);
    const int radius = painter.theme().cornerRadius();
    painter.fillRoundedRect(bounds(), radius, c.edge);
    painter.fillRoundedRect(bounds().inset(3), radius - 3, c.fill);
}

}  // namespace motcua::ui
