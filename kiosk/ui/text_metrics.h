// Measuring text for layout. Widgets depend on this interface, not on SDL_ttf, so layout and
// hit-testing run in tests without fonts, windows or renderers (see FontCache for the real one).
#pragma once

#include <string_view>

#include "kiosk/ui/geometry.h"

namespace motcua::ui {

// Icon: the pictogram font (kiosk/ui/icons.h), not text.
enum class FontWeight { Regular, Bold, Icon };

struct TextStyle {
    FontWeight weight = FontWeight::Regular;
    int pixelSize = 32;
    friend bool operator==(const TextStyle&, const TextStyle&) = default;
};

class TextMetrics {
  public:
    virtual ~TextMetrics() = default;
    // Width and height in pixels of text drawn on one line.
    virtual Size measure(std::string_view text, const TextStyle& style) = 0;
    // Distance between baselines of consecutive lines.
    virtual int lineHeight(const TextStyle& style) = 0;
};

}  // namespace motcua::ui
