// Colours, text sizes and touch-target size. A Theme is a value: the programs switch high contrast or
// large text by handing the App a new Theme, which lays the screens out again.
#pragma once

#include <cstdint>

#include "kiosk/ui/text_metrics.h"

namespace motcua::ui {

struct Colour {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    std::uint8_t a = 255;
    friend bool operator==(const Colour&, const Colour&) = default;
};

struct Palette {
    Colour background;
    Colour surface;  // cards, text fields, keys
    Colour text;
    Colour mutedText;  // secondary lines; still AA contrast on background
    Colour primary;    // main buttons
    Colour primaryText;
    Colour primaryPressed;
    Colour secondary;  // ordinary buttons, keyboard keys
    Colour secondaryText;
    Colour secondaryPressed;
    Colour border;
    Colour focus;
    Colour danger;  // error banner
    Colour dangerText;
    Colour highlight;     // matched words, the latest call
    Colour disabledText;  // a control that cannot be used now (no contrast requirement: WCAG 1.4.3)
    Colour notice;        // a calm card: something went wrong and is being handled (amber)
    Colour noticeText;
    Colour noticeBorder;
    Colour headerBand;  // the header strip at the top of every kiosk screen
    Colour headerText;
};

enum class Contrast { Normal, High };
enum class TextSize { Normal, Large };

// What a piece of text is; the theme turns it into a font and pixel size.
enum class FontRole { Small, Body, Button, Heading, Title, Huge };

class Theme {
  public:
    static constexpr double kLargeTextScale = 1.35;
    static constexpr double kDefaultDpi = 96.0;
    static constexpr double kMinTouchMm = 15.0;

    Theme() = default;
    Theme(Contrast contrast, TextSize textSize, double dpi = kDefaultDpi);

    Contrast contrast() const noexcept { return m_contrast; }
    TextSize textSize() const noexcept { return m_textSize; }
    double dpi() const noexcept { return m_dpi; }
    const Palette& palette() const noexcept { return m_palette; }

    // 1.0, or kLargeTextScale for large text.
    double textScale() const noexcept;
    TextStyle font(FontRole role) const;
    // Smallest side of anything a finger must hit: 15 mm at this DPI, rounded up.
    int minTouchPx() const noexcept;
    // Spacing units scaled like the text, so large text does not crowd.
    int spacing() const noexcept;
    int padding() const noexcept;
    int cornerRadius() const noexcept;

  private:
    Contrast m_contrast = Contrast::Normal;
    TextSize m_textSize = TextSize::Normal;
    double m_dpi = kDefaultDpi;
    Palette m_palette = normalPalette();

    static Palette normalPalette();
    static Palette highContrastPalette();
};

}  // namespace motcua::ui
