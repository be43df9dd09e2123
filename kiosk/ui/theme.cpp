#include "kiosk/ui/theme.h"

#include <cmath>

namespace motcua::ui {

Theme::Theme(Contrast contrast, TextSize textSize, double dpi)
    : m_contrast(contrast),
      m_textSize(textSize),
      m_dpi(dpi > 0 ? dpi : kDefaultDpi),
      m_palette(contrast == Contrast::High ? highContrastPalette() : normalPalette()) {}

double Theme::textScale() const noexcept {
    return m_textSize == TextSize::Large ? kLargeTextScale : 1.0;
}

TextStyle Theme::font(FontRole role) const {
    // Base sizes for a 1080p screen read at arm's length by people with poor sight.
    int px = 30;
    FontWeight weight = FontWeight::Regular;
    switch (role) {
        case FontRole::Small:
            px = 24;
            break;
        case FontRole::Body:
            px = 32;
            break;
        case FontRole::Button:
            px = 34;
            weight = FontWeight::Bold;
            break;
        case FontRole::Heading:
            px = 44;
            weight = FontWeight::Bold;
            break;
        case FontRole::Title:
            px = 60;
            weight = FontWeight::Bold;
            break;
        case FontRole::Huge:
            px = 260;  // a ticket's number: at least 250 px
            weight = FontWeight::Bold;
            break;
    }
    // The ticket's number is already as large as a screen allows: large text leaves it as it is.
    if (role == FontRole::Huge) return {weight, px};
    return {weight, static_cast<int>(std::lround(px * textScale()))};
}

int Theme::minTouchPx() const noexcept {
    return static_cast<int>(std::ceil(kMinTouchMm / 25.4 * m_dpi));
}

int Theme::spacing() const noexcept {
    return static_cast<int>(std::lround(16 * textScale()));
}
int Theme::padding() const noexcept {
    return static_cast<int>(std::lround(24 * textScale()));
}
int Theme::cornerRadius() const noexcept {
    return 14;
}

Palette Theme::normalPalette() {
    Palette p;
    p.background = {0xF4, 0xF6, 0xF8};
    p.surface = {0xFF, 0xFF, 0xFF};
    p.text = {0x14, 0x1B, 0x24};
    p.mutedText = {0x44, 0x4E, 0x5A};
    p.primary = {0x0B, 0x4F, 0x9C};  // contrast with white > 8:1
    p.primaryText = {0xFF, 0xFF, 0xFF};
    p.primaryPressed = {0x07, 0x33, 0x66};
    p.secondary = {0xE2, 0xE8, 0xF0};
    p.secondaryText = {0x14, 0x1B, 0x24};
    p.secondaryPressed = {0xB8, 0xC6, 0xD8};
    p.border = {0x8A, 0x96, 0xA3};
    p.focus = {0xC2, 0x41, 0x0C};
    p.danger = {0xA4, 0x1E, 0x22};
    p.dangerText = {0xFF, 0xFF, 0xFF};
    p.highlight = {0xFF, 0xE0, 0x66};
    p.disabledText = {0x9A, 0xA3, 0xAE};
    p.notice = {0xFF, 0xF4, 0xD6};
    p.noticeText = {0x4A, 0x32, 0x00};  // 11:1 on the amber card
    p.noticeBorder = {0xE0, 0x9B, 0x10};
    p.headerBand = {0x0B, 0x4F, 0x9C};
    p.headerText = {0xFF, 0xFF, 0xFF};
    return p;
}

Palette Theme::highContrastPalette() {
    Palette p;
    p.background = {0x00, 0x00, 0x00};
    p.surface = {0x00, 0x00, 0x00};
    p.text = {0xFF, 0xFF, 0xFF};
    p.mutedText = {0xFF, 0xFF, 0x66};
    p.primary = {0xFF, 0xEB, 0x3B};
    p.primaryText = {0x00, 0x00, 0x00};
    p.primaryPressed = {0xFF, 0xFF, 0xFF};
    p.secondary = {0x00, 0x00, 0x00};
    p.secondaryText = {0xFF, 0xFF, 0xFF};
    p.secondaryPressed = {0x33, 0x33, 0x33};
    p.border = {0xFF, 0xFF, 0xFF};
    p.focus = {0x00, 0xE5, 0xFF};
    p.danger = {0xFF, 0xFF, 0xFF};
    p.dangerText = {0x00, 0x00, 0x00};
    p.highlight = {0x00, 0xE5, 0xFF};
    p.disabledText = {0x80, 0x80, 0x80};
    p.notice = {0x00, 0x00, 0x00};
    p.noticeText = {0xFF, 0xEB, 0x3B};
    p.noticeBorder = {0xFF, 0xEB, 0x3B};
    p.headerBand = {0x00, 0x00, 0x00};
    p.headerText = {0xFF, 0xFF, 0xFF};
    return p;
}

}  // namespace motcua::ui
